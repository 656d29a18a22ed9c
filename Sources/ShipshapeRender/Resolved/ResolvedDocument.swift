import ShipshapeModel
import OrderedCollections

/// The resolved stack as a document, field names as in the spec, every default filled in:
/// what `shipshape resolve` prints. With `explain`, each value carries a comment naming the
/// layer and file:line:column that set it.
public struct ResolvedDocument {
    let stack: ResolvedStack
    let explain: Bool

    public init(_ stack: ResolvedStack, explain: Bool = false) {
        self.stack = stack
        self.explain = explain
    }

    public var node: DocNode {
        var m = DocMap()
        m.set("stack", v(.string(stack.name), [Key.Stack.stack]))
        m.set("description", stack.description.map { v(.string($0), [Key.Stack.description]) })
        m.set("environment", DocNode.string(stack.environment))
        m.set("targets", v(.list(stack.targets.map { .string($0.rawValue) }), [Key.Stack.targets]))
        m.setNonEmpty("values", .map(stack.values.map { ($0.key, v(.string($0.value), [Key.Stack.values, $0.key])) }))
        m.set("kubernetes", kubernetes)
        m.set("nginx",
              DocNode.map([("version", v(.string(stack.nginx.version), [Key.Stack.nginx, Key.Nginx.version]))]))
        m.setNonEmpty("services", .map(stack.services.map { ($0.name, service($0)) }))
        m.set("proxy", stack.proxy.map(proxy))
        m.setNonEmpty("secrets", .map(stack.secrets.map { ($0.name, secret($0)) }))
        m.setNonEmpty("networks", .map(stack.networks.map {
            ($0.name,
             .map([("internal", v(.bool($0.isInternal), [Key.Stack.networks, $0.name, Key.Network.internal]))]))
        }))
        m.setNonEmpty("policy", policy)
        m.setNonEmpty("ignore", .list(stack.ignore.map(ignore)))
        m.setNonEmpty("expectedDifferences", v(strings(stack.expectedDifferences), [Key.Stack.expectedDifferences]))
        return m.node
    }

    /// The value, with its origin as a comment when explaining.
    func v(_ value: DocNode, _ path: [String]) -> DocNode {
        guard explain else { return value }
        guard let node = stack.source.node(at: path) else { return .commented(value, "computed default") }
        return .commented(value, node.origin.description)
    }

    var kubernetes: DocNode {
        let k = stack.kubernetes
        var m = DocMap()
        m.set("namespace", v(.string(k.namespace), ["kubernetes", "namespace"]))
        m.set("ingressClass", v(.string(k.ingressClass), ["kubernetes", "ingressClass"]))
        m.set("clusterIssuer", k.clusterIssuer.map { v(.string($0), ["kubernetes", "clusterIssuer"]) })
        m.set("topologySpread", v(.bool(k.topologySpread), ["kubernetes", "topologySpread"]))
        m.set("networkPolicies", v(.bool(k.networkPolicies), ["kubernetes", "networkPolicies"]))
        return m.node
    }

    func strings(_ values: [String]) -> DocNode { .list(values.map(DocNode.string)) }

    func allowedCaller(_ caller: AllowedCaller) -> DocNode {
        var m = DocMap()
        func labels(_ labels: OrderedDictionary<String, String>) -> DocNode {
            .map(labels.map { ($0.key, DocNode.string($0.value)) })
        }
        switch caller.source {
        case let .service(name): m.set("service", .string(name))
        case let .pods(namespace, namespaceLabels, pods):
            m.set("namespace", namespace)
            if !namespaceLabels.isEmpty { m.set("namespaceLabels", labels(namespaceLabels)) }
            if !pods.isEmpty { m.set("pods", labels(pods)) }
        }
        if !caller.ports.isEmpty { m.set("ports", strings(caller.ports)) }
        return m.node
    }

    func service(_ s: Service) -> DocNode {
        let p = [Key.Stack.services, s.name]
        func at(_ rest: String...) -> [String] { p + rest }
        var m = DocMap()
        m.set("from", s.blueprint.map { v(.string($0), at(Key.Service.from)) })
        m.set("description", s.description.map { v(.string($0), at(Key.Service.description)) })
        m.set("image", v(.string(s.image), at(Key.Service.image)))
        m.set("version", s.version.map { v(.string($0), at(Key.Service.version)) })
        m.set("command", s.command.map { v(strings($0), at(Key.Service.command)) })
        m.set("args", s.args.map { v(strings($0), at(Key.Service.args)) })
        m.set("workingDir", s.workingDir.map { v(.string($0), at(Key.Service.workingDir)) })
        m.setNonEmpty("ports", .list(s.ports.map { port in
            var pm = DocMap()
            pm.set("name", v(.string(port.name), at(Key.Service.ports, port.name, Key.Port.name)))
            pm.set("port", v(.int(port.port), at(Key.Service.ports, port.name, Key.Port.port)))
            pm.set("protocol", v(.string(port.protocol.rawValue), at(Key.Service.ports, port.name, Key.Port.protocol)))
            if let address = port.publishAddress, let host = port.publish {
                pm.set("publish", DocNode.map([
                    ("port", v(.int(host), at(Key.Service.ports, port.name, Key.Port.publish, Key.Publish.port))),
                    ("address", v(.string(address), at(Key.Service.ports, port.name, Key.Port.publish,
                                                       Key.Publish.address))),
                ]))
            } else {
                pm.set("publish", port.publish.map { v(.int($0), at(Key.Service.ports, port.name, Key.Port.publish)) })
            }
            pm.set("servicePort",
                   port.servicePort.map { v(.int($0), at(Key.Service.ports, port.name, Key.Port.servicePort)) })
            pm.set("nodePort", port.nodePort.map { v(.int($0), at(Key.Service.ports, port.name, Key.Port.nodePort)) })
            return pm.node
        }))
        if !s.ports.isEmpty, !s.isJob {
            m.set("serviceType", v(.string(s.serviceType.rawValue), at(Key.Service.serviceType)))
        }
        m.set("container", s.container.map { v(.string($0), at(Key.Service.container)) })
        m.setNonEmpty("env", .map(s.env.map { ($0.key, v(.string($0.value), at(Key.Service.env, $0.key))) }))
        m.setNonEmpty("secrets", secretRefs(s.secrets, p))
        if !s.secrets.isEmpty { m.set("secretFileSuffix", v(.string(s.secretFileSuffix),
                                                            at(Key.Service.secretFileSuffix))) }
        m.setNonEmpty("dependsOn", v(.list(s.dependsOn.map {
            .map([("service", .string($0.service)), ("condition", .string($0.condition.rawValue))])
        }), at(Key.Service.dependsOn)))
        m.setNonEmpty("allowFrom", v(.list(s.allowFrom.map(allowedCaller)), at(Key.Service.allowFrom)))
        m.set("replicas", v(.int(s.replicas), at(Key.Service.replicas)))
        m.setNonEmpty("resources", resources(s.resources, at(Key.Service.resources)))
        m.setNonEmpty("probes", probes(s.probes, at(Key.Service.probes)))
        m.set("autoscale", s.autoscale.map { autoscale($0, at(Key.Service.autoscale)) })
        if let r = s.rollout {
            m.set("rollout", DocNode.map([
                ("maxSurge", v(.string(r.maxSurge.description), at(Key.Service.rollout, Key.Rollout.maxSurge))),
                ("maxUnavailable",
                 v(.string(r.maxUnavailable.description), at(Key.Service.rollout, Key.Rollout.maxUnavailable))),
            ]))
        }
        m.setNonEmpty("volumes", .list(s.volumes.map { volume($0, at(Key.Service.volumes, $0.name)) }))
        for role in Container.Role.allCases {
            let containers = role == .initContainer ? s.initContainers : s.sidecars
            m.setNonEmpty(role.rawValue, .list(containers.map { container($0, s.specPath(role, $0)) }))
        }
        if let sched = s.schedule {
            var sm = DocMap()
            sm.set("cron", v(.string(sched.cron.text), at(Key.Service.schedule, Key.Schedule.cron)))
            sm.set("timezone", sched.timezone.map { v(.string($0), at(Key.Service.schedule, Key.Schedule.timezone)) })
            sm.set("concurrency",
                   v(.string(sched.concurrency.rawValue), at(Key.Service.schedule, Key.Schedule.concurrency)))
            m.set("schedule", sm.node)
        }
        m.set("security", security(s.security, at(Key.Service.security)))
        m.set("restart", v(.string(s.restart.rawValue), at(Key.Service.restart)))
        m.set("stopGracePeriod", s.stopGracePeriod.map { v(.string($0.description), at(Key.Service.stopGracePeriod)) })
        m.set("restartDelay", s.restartDelay.map { v(.string($0.description), at(Key.Service.restartDelay)) })
        m.setNonEmpty("ulimits", .map(s.ulimits.map { limit in
            (limit.name, v(limit.soft == limit.hard ? .int(limit.soft)
                : .map([("soft", .int(limit.soft)), ("hard", .int(limit.hard))]), at(Key.Service.ulimits, limit.name)))
        }))
        m.set("pullPolicy", s.pullPolicy.map { v(.string($0.rawValue), at(Key.Service.pullPolicy)) })
        m.setNonEmpty("labels", .map(s.labels.map { ($0.key, v(.string($0.value), at(Key.Service.labels, $0.key))) }))
        m.setNonEmpty("annotations", .map(s.annotations.map {
            ($0.key, v(.string($0.value), at(Key.Service.annotations, $0.key)))
        }))
        m.setNonEmpty("networks", v(strings(s.networks), at(Key.Service.networks)))
        m.setNonEmpty("hosts", v(strings(s.hosts), at(Key.Service.hosts)))
        m.setNonEmpty("aliases", v(strings(s.aliases), at(Key.Service.aliases)))
        m.setNonEmpty("systemd", systemd(s.systemd, at(Key.Service.systemd)))
        var compose = DocMap()
        compose.set("name", s.compose.name.map { v(.string($0), at(Key.Service.compose, Key.Compose.name)) })
        compose.set("healthcheck",
                    s.compose.healthcheck.map { v(strings($0), at(Key.Service.compose, Key.Compose.healthcheck)) })
        compose.set("patch", s.compose.patch.map {
            v(DocPatch.document($0.value), at(Key.Service.compose, Key.Compose.patch))
        })
        m.setNonEmpty("compose", compose.node)
        m.setNonEmpty("kubernetes", DocNode.map(s.kubernetesPatches.isEmpty ? [] : [("patches", .map(
            s.kubernetesPatches.map { kind, patch in
                (kind, v(DocPatch.document(patch.value),
                         at(Key.Service.kubernetes, Key.ServiceKubernetes.patches, kind)))
            }))]))
        m.setNonEmpty("ignore", .list(s.ignore.map(ignore)))
        m.setNonEmpty("optOut", .list(s.optOuts.map(optOut)))
        return m.node
    }

    func resources(_ r: Resources, _ p: [String]) -> DocNode {
        func amounts(_ a: ResourceAmounts, _ key: String) -> DocNode {
            var m = DocMap()
            m.set("cpu", a.cpu.map { v(.string($0.text), p + [key, Key.ResourceAmounts.cpu]) })
            m.set("memory", a.memory.map { v(.string($0.text), p + [key, Key.ResourceAmounts.memory]) })
            return m.node
        }
        var m = DocMap()
        m.setNonEmpty("requests", amounts(r.requests, "requests"))
        m.setNonEmpty("limits", amounts(r.limits, "limits"))
        return m.node
    }

    func probes(_ probes: Probes, _ p: [String]) -> DocNode {
        var m = DocMap()
        let named = [("liveness", probes.liveness), ("readiness", probes.readiness), ("startup", probes.startup)]
        for (name, probe) in named {
            guard let probe else { continue }
            let q = p + [name]
            var pm = DocMap()
            switch probe.check {
            case let .http(path, port, headers):
                pm.set("http", v(.string(path), q + [Key.Probe.http]))
                pm.setNonEmpty("headers", .map(headers.map {
                    ($0.name, v(.string($0.value), q + [Key.Probe.headers, $0.name]))
                }))
                pm.set("port", v(.string(port.description), q + [Key.Probe.port]))
            case let .tcp(port):
                pm.set("tcp", v(.bool(true), q + [Key.Probe.tcp]))
                pm.set("port", v(.string(port.description), q + [Key.Probe.port]))
            case let .exec(command):
                pm.set("exec", v(strings(command), q + [Key.Probe.exec]))
            case let .grpc(port, name):
                pm.set("grpc", v(name.map { .map([("service", .string($0))]) } ?? .bool(true), q + [Key.Probe.grpc]))
                pm.set("port", v(.string(port.description), q + [Key.Probe.port]))
            }
            pm.set("initialDelay", probe.initialDelay.map { v(.string($0.description), q + [Key.Probe.initialDelay]) })
            pm.set("period", probe.period.map { v(.string($0.description), q + [Key.Probe.period]) })
            pm.set("timeout", probe.timeout.map { v(.string($0.description), q + [Key.Probe.timeout]) })
            pm.set("successThreshold", probe.successThreshold.map { v(.int($0), q + [Key.Probe.successThreshold]) })
            pm.set("failureThreshold", probe.failureThreshold.map { v(.int($0), q + [Key.Probe.failureThreshold]) })
            m.set(name, pm.node)
        }
        return m.node
    }

    func autoscale(_ a: Autoscale, _ p: [String]) -> DocNode {
        var m = DocMap()
        m.set("min", v(.int(a.min), p + [Key.Autoscale.min]))
        m.set("max", v(.int(a.max), p + [Key.Autoscale.max]))
        m.set("cpu", a.cpu.map { v(.string($0.description), p + [Key.Autoscale.cpu]) })
        m.set("memory", a.memory.map { v(.string($0.description), p + [Key.Autoscale.memory]) })
        for (key, metrics) in [("pods", a.pods), ("external", a.external)] {
            m.setNonEmpty(key, .list(metrics.map { metric in
                var mm = DocMap()
                mm.set("metric", v(.string(metric.metric), p + [key, metric.metric, Key.MetricTarget.metric]))
                mm.set("averageValue",
                       v(.string(metric.averageValue.text), p + [key, metric.metric, Key.MetricTarget.averageValue]))
                mm.setNonEmpty("selector", .map(metric.selector.map { ($0.key, DocNode.string($0.value)) }))
                return mm.node
            }))
        }
        return m.node
    }

    func volume(_ volume: Volume, _ p: [String]) -> DocNode {
        var m = DocMap()
        m.set("name", v(.string(volume.name), p + [Key.Volume.name]))
        m.set("path", v(.string(volume.path), p + [Key.Volume.path]))
        switch volume.source {
        case let .persistent(size): m.set("size", v(.string(size.text), p + [Key.Volume.size]))
        case let .bind(path, _): m.set("source", v(.string(path), p + [Key.Volume.source]))
        case .scratch: m.set("scratch", v(.bool(true), p + [Key.Volume.scratch]))
        }
        m.set("readOnly", v(.bool(volume.readOnly), p + [Key.Volume.readOnly]))
        return m.node
    }

    func security(_ s: Security, _ p: [String]) -> DocNode {
        var m = DocMap()
        m.set("user", s.user.map { v(.string($0), p + [Key.Security.user]) })
        m.set("group", s.group.map { v(.string($0), p + [Key.Security.group]) })
        m.set("runAsNonRoot", v(.bool(s.runAsNonRoot), p + [Key.Security.runAsNonRoot]))
        m.set("readOnlyRootFilesystem", v(.bool(s.readOnlyRootFilesystem), p + [Key.Security.readOnlyRootFilesystem]))
        m.set("allowPrivilegeEscalation", v(.bool(s.allowPrivilegeEscalation),
                                            p + [Key.Security.allowPrivilegeEscalation]))
        m.set("privileged", v(.bool(s.privileged), p + [Key.Security.privileged]))
        var caps = DocMap()
        caps.setNonEmpty("drop",
                         v(strings(s.capabilities.drop), p + [Key.Security.capabilities, Key.Capabilities.drop]))
        caps.setNonEmpty("add", v(strings(s.capabilities.add), p + [Key.Security.capabilities, Key.Capabilities.add]))
        m.setNonEmpty("capabilities", caps.node)
        m.set("hostNetwork", v(.bool(s.hostNetwork), p + [Key.Security.hostNetwork]))
        m.set("hostPID", v(.bool(s.hostPID), p + [Key.Security.hostPID]))
        m.set("hostIPC", v(.bool(s.hostIPC), p + [Key.Security.hostIPC]))
        return m.node
    }

    func systemd(_ s: SystemdOptions, _ p: [String]) -> DocNode {
        var m = DocMap()
        for (key, value) in [("unit", s.unit), ("hostUnit", s.hostUnit), ("user", s.user), ("group", s.group),
                             ("workingDirectory", s.workingDirectory), ("type", s.type), ("execPath", s.execPath)] {
            m.set(key, value.map { v(.string($0), p + [key]) })
        }
        m.set("command", s.command.map { v(strings($0), p + [Key.Systemd.command]) })
        m.setNonEmpty("readWritePaths", v(strings(s.readWritePaths), p + [Key.Systemd.readWritePaths]))
        m.setNonEmpty("environmentFiles", v(strings(s.environmentFiles), p + [Key.Systemd.environmentFiles]))
        m.setNonEmpty("hardening",
                      .map(s.hardening.map { ($0.key, v(.string($0.value), p + [Key.Systemd.hardening, $0.key])) }))
        m.setNonEmpty("documentation", v(strings(s.documentation), p + [Key.Systemd.documentation]))
        m.setNonEmpty("directives", .map(s.directives.map { section, entries in
            (section, .map(entries.map { name, values in
                (name,
                 v(values.count == 1 ? .string(values[0]) : strings(values),
                   p + [Key.Systemd.directives, section, name]))
            }))
        }))
        return m.node
    }

    func proxy(_ proxy: Proxy) -> DocNode {
        let p = [Key.Stack.proxy]
        var m = DocMap()
        m.set("hosts", v(strings(proxy.hosts), p + [Key.Proxy.hosts]))
        if let tls = proxy.tls {
            var t = DocMap()
            t.set("certificate", tls.certificate.map { v(.string($0), p + [Key.Proxy.tls, Key.TLS.certificate]) })
            t.set("key", tls.key.map { v(.string($0), p + [Key.Proxy.tls, Key.TLS.key]) })
            t.set("secretName", tls.secretName.map { v(.string($0), p + [Key.Proxy.tls, Key.TLS.secretName]) })
            t.set("redirectHTTP", v(.bool(tls.redirectHTTP), p + [Key.Proxy.tls, Key.TLS.redirectHTTP]))
            t.set("stapling", v(.bool(tls.stapling), p + [Key.Proxy.tls, Key.TLS.stapling]))
            t.setNonEmpty("resolvers", v(strings(tls.resolvers), p + [Key.Proxy.tls, Key.TLS.resolvers]))
            t.set("protocols", v(strings(tls.protocols), p + [Key.Proxy.tls, Key.TLS.protocols]))
            m.set("tls", t.node)
        }
        let h = proxy.headers
        var hm = DocMap()
        hm.set("hsts", h.hsts.map { v(.string($0.description), p + [Key.Proxy.headers, Key.Headers.hsts]) })
        hm.set("hstsIncludeSubdomains",
               v(.bool(h.hstsIncludeSubdomains), p + [Key.Proxy.headers, Key.Headers.hstsIncludeSubdomains]))
        hm.set("nosniff", v(.bool(h.contentTypeNosniff), p + [Key.Proxy.headers, Key.Headers.nosniff]))
        hm.set("frameOptions",
               h.frameOptions.map { v(.string($0.rawValue), p + [Key.Proxy.headers, Key.Headers.frameOptions]) })
        hm.set("referrerPolicy",
               h.referrerPolicy.map { v(.string($0), p + [Key.Proxy.headers, Key.Headers.referrerPolicy]) })
        hm.set("contentSecurityPolicy", h.contentSecurityPolicy.map {
            v(.string($0), p + [Key.Proxy.headers, Key.Headers.contentSecurityPolicy])
        })
        hm.set("xssProtection", v(.bool(h.xssProtection), p + [Key.Proxy.headers, Key.Headers.xssProtection]))
        m.set("headers", hm.node)
        m.set("routes", .list(proxy.routes.map { route($0, p + [Key.Proxy.routes, $0.path]) }))
        m.set("bodySize", proxy.bodySize.map { v(.string($0.description), p + [Key.Proxy.bodySize]) })
        m.setNonEmpty("timeouts", timeouts(proxy.timeouts, p + [Key.Proxy.timeouts]))
        m.set("gzip", v(.bool(proxy.gzip), p + [Key.Proxy.gzip]))
        m.set("rateLimit", proxy.rateLimit.map { rateLimit($0, p + [Key.Proxy.rateLimit]) })
        m.set("serverTokens", v(.bool(proxy.serverTokens), p + [Key.Proxy.serverTokens]))
        m.set("placement", v(.string(proxy.placement.rawValue), p + [Key.Proxy.placement]))
        return m.node
    }

    func timeouts(_ t: ProxyTimeouts, _ p: [String]) -> DocNode {
        var m = DocMap()
        m.set("connect", t.connect.map { v(.string($0.description), p + [Key.Timeouts.connect]) })
        m.set("read", t.read.map { v(.string($0.description), p + [Key.Timeouts.read]) })
        m.set("send", t.send.map { v(.string($0.description), p + [Key.Timeouts.send]) })
        return m.node
    }

    func rateLimit(_ r: RateLimit, _ p: [String]) -> DocNode {
        .map([("requests", v(.int(r.requests), p + [Key.RateLimit.requests])),
              ("per", v(.string(r.per.rawValue), p + [Key.RateLimit.per])),
              ("burst", v(.int(r.burst), p + [Key.RateLimit.burst]))])
    }

    func route(_ r: Route, _ p: [String]) -> DocNode {
        var m = DocMap()
        m.set("path", v(.string(r.path), p + [Key.Route.path]))
        m.set("service", v(.string(r.service), p + [Key.Route.service]))
        m.set("port", v(.string(r.port.description), p + [Key.Route.port]))
        m.set("websocket", v(.bool(r.websocket), p + [Key.Route.websocket]))
        m.set("accessLog", v(.bool(r.accessLog), p + [Key.Route.accessLog]))
        m.setNonEmpty("allow", v(strings(r.allow), p + [Key.Route.allow]))
        m.set("rateLimit", r.rateLimit.map { rateLimit($0, p + [Key.Route.rateLimit]) })
        m.set("bodySize", r.bodySize.map { v(.string($0.description), p + [Key.Route.bodySize]) })
        m.set("timeout", r.timeout.map { v(.string($0.description), p + [Key.Route.timeout]) })
        let directives = DocNode.list(r.directives.map { strings([$0.name] + $0.arguments) })
        m.setNonEmpty("directives", v(directives, p + [Key.Route.directives]))
        return m.node
    }

    func secret(_ s: Secret) -> DocNode {
        let p = [Key.Stack.secrets, s.name]
        var m = DocMap()
        m.set("keys", v(strings(s.keys), p + [Key.Secret.keys]))
        let source: DocNode
        switch s.source {
        case let .existing(name): source = .map([("existing", .string(name))])
        case let .files(directory): source = .map([("files", .string(directory))])
        case let .envFile(path): source = .map([("envFile", .string(path))])
        case let .external(e):
            source = .map([("external", .map([("store", .string(e.store)), ("storeKind", .string(e.storeKind)),
                                              ("path", .string(e.path)),
                                              ("refresh", .string(e.refresh.description))]))])
        }
        m.set("source", v(source, p + [Key.Secret.source]))
        m.set("description", s.description.map { v(.string($0), p + [Key.Secret.description]) })
        return m.node
    }

    var policy: DocNode {
        var rules = DocMap()
        for (id, setting) in stack.policy.rules {
            let severity = DocNode.string(setting.severity?.rawValue ?? "off")
            let value: DocNode = setting.parameters.isEmpty ? severity
                : .map([("severity", severity)] + setting.parameters.map { ($0.key, DocNode.string($0.value)) })
            rules.set(id, v(value, ["policy", "rules", id]))
        }
        var m = DocMap()
        m.setNonEmpty("rules", rules.node)
        return m.node
    }

    func ignore(_ i: Ignore) -> DocNode {
        var m = DocMap()
        m.set("rule", i.rule)
        m.set("reason", i.reason)
        m.set("expires", i.expires)
        m.setNonEmpty("environments", strings(i.environments))
        return explain ? .commented(m.node, "\(i.location)") : m.node
    }

    func optOut(_ o: OptOut) -> DocNode {
        var m = DocMap()
        m.set("field", o.field.joined(separator: "."))
        m.set("reason", o.reason)
        return explain ? .commented(m.node, "\(o.location)") : m.node
    }
}
