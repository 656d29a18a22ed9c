import ShipshapeModel

/// Builds the pod template of a service: one container with its probes, resources, env,
/// volumes and security context. Secrets are files by default, as on every target: a projected
/// volume of the referenced Secrets at `/run/secrets/<secret>-<key>` (or the chosen name), named
/// by `VAR_FILE`; a reference delivered `as: env` is a `secretKeyRef`.
struct PodTemplate {
    let stack: ResolvedStack
    let service: Service
    let labels: Labels

    var node: DocNode {
        var metadata = DocMap()
        metadata.set("labels", .map(labels.all(service).map { ($0.0, DocNode.string($0.1)) }))
        metadata.setNonEmpty("annotations", .map(service.annotations.map { ($0.key, DocNode.string($0.value)) }))
        return .map([("metadata", metadata.node), ("spec", spec)])
    }

    var spec: DocNode {
        var m = DocMap()
        m.set("serviceAccountName", service.name)
        m.set("automountServiceAccountToken", false)
        if service.security.hostNetwork { m.set("hostNetwork", true) }
        if service.security.hostPID { m.set("hostPID", true) }
        if service.security.hostIPC { m.set("hostIPC", true) }
        m.set("securityContext", podSecurity)
        m.set("terminationGracePeriodSeconds", service.stopGracePeriod?.secondsRoundedUp)
        if service.isJob { m.set("restartPolicy", service.restart == .never ? "Never" : "OnFailure") }
        if stack.kubernetes.topologySpread, !service.isJob, effectiveReplicas(service) > 1 {
            m.set("topologySpreadConstraints", DocNode.list([.map([
                ("maxSkew", .int(1)), ("topologyKey", .string("kubernetes.io/hostname")),
                ("whenUnsatisfiable", .string("ScheduleAnyway")),
                ("labelSelector", Labels.selectorNode(labels.selector(service))),
            ])]))
        }
        m.setNonEmpty("initContainers", .list(companionContainers))
        m.set("containers", DocNode.list([container]))
        m.setNonEmpty("volumes", .list(volumes + companionSecretVolumes))
        return m.node
    }

    var podSecurity: DocNode {
        var m = DocMap()
        if service.security.runAsNonRoot { m.set("runAsNonRoot", true) }
        if let uid = service.security.user.flatMap(Int.init) { m.set("runAsUser", uid) }
        if let gid = service.security.group.flatMap(Int.init) {
            m.set("runAsGroup", gid)
            m.set("fsGroup", gid)
        }
        m.set("seccompProfile", DocNode.map([("type", .string("RuntimeDefault"))]))
        return m.node
    }

    var container: DocNode { container(for: service) }

    /// The container of `service`, or of one of its init containers or sidecars (as a service of
    /// its own, `Service.companion`), whose secret files are the volume `secretsVolume`.
    func container(for service: Service, secretsVolume: String = SecretRef.volumeName) -> DocNode {
        var m = DocMap()
        m.set("name", service.containerName)
        m.set("image", service.image)
        m.set("imagePullPolicy", (service.pullPolicy ?? .ifNotPresent).kubernetes)
        m.set("command", service.command.map { DocNode.list($0.map(DocNode.string)) })
        m.set("args", service.args.map { DocNode.list($0.map(DocNode.string)) })
        m.set("workingDir", service.workingDir)
        m.setNonEmpty("ports", .list(service.ports.map { port in
            var p = DocMap()
            p.set("name", port.name)
            p.set("containerPort", port.port)
            p.set("protocol", port.protocol.rawValue.uppercased())
            return p.node
        }))
        m.setNonEmpty("env", .list(env(of: service)))
        m.setNonEmpty("resources", resources(of: service))
        m.set("startupProbe", service.probes.startup.map { probe($0) })
        m.set("livenessProbe", service.probes.liveness.map { probe($0) })
        m.set("readinessProbe", service.probes.readiness.map { probe($0) })
        m.set("securityContext", containerSecurity)
        m.set("restartPolicy", service.name == self.service.name ? nil : companionRestartPolicy(service))
        var mounts = service.volumes.map { volume in
            var v = DocMap()
            v.set("name", volume.name)
            v.set("mountPath", volume.path)
            if case .bind = volume.source { v.set("subPath", Self.configKey(volume)) }
            if volume.readOnly { v.set("readOnly", true) }
            return v.node
        }
        if !fileSecrets(of: service).isEmpty {
            mounts.append(.map([
                ("name", .string(secretsVolume)), ("mountPath", .string(SecretRef.folder)),
                ("readOnly", .bool(true)),
            ]))
        }
        m.setNonEmpty("volumeMounts", .list(mounts))
        return m.node
    }

    /// The secret references delivered as files.
    func fileSecrets(of service: Service) -> [SecretRef] { service.secrets.filter { $0.delivery == .file } }

    /// Plain variables, then `VAR_FILE=/run/secrets/<file>` for each secret delivered as a file and
    /// `VAR` from a `secretKeyRef` for each delivered as an environment variable.
    func env(of service: Service) -> [DocNode] {
        let plain = service.env.map { DocNode.map([("name", .string($0.key)), ("value", .string($0.value))]) }
        let secret = service.secrets.map { ref in
            switch ref.delivery {
            case .file:
                return DocNode.map([("name", .string(ref.variable + service.secretFileSuffix)),
                                    ("value", .string(ref.path))])
            case .env:
                return DocNode.map([("name", .string(ref.variable)), ("valueFrom", .map([("secretKeyRef", .map([
                    ("name", .string(KubernetesRenderer.secretName(ref.secret, in: stack))),
                    ("key", .string(ref.key)),
                ]))]))])
            }
        }
        return plain + secret
    }

    /// The projected volume of the service's secret files: one source per Secret, mapping each
    /// referenced key to its file (a key read under two file names is two items).
    var secretsVolume: DocNode? { secretsVolume(fileSecrets(of: service), named: SecretRef.volumeName) }

    func secretsVolume(_ fileSecrets: [SecretRef], named volumeName: String) -> DocNode? {
        guard !fileSecrets.isEmpty else { return nil }
        var itemsBySecret: [(secret: String, items: [(key: String, path: String)])] = []
        for ref in fileSecrets {
            let item = (key: ref.key, path: ref.fileName)
            if let i = itemsBySecret.firstIndex(where: { $0.secret == ref.secret }) {
                if !itemsBySecret[i].items.contains(where: { $0 == item }) { itemsBySecret[i].items.append(item) }
            } else {
                itemsBySecret.append((ref.secret, [item]))
            }
        }
        let sources = itemsBySecret.map { entry in
            DocNode.map([("secret", .map([
                ("name", .string(KubernetesRenderer.secretName(entry.secret, in: stack))),
                ("items", .list(entry.items.map { item in
                    .map([("key", .string(item.key)), ("path", .string(item.path))])
                })),
            ]))])
        }
        return .map([("name", .string(volumeName)), ("projected", .map([("sources", .list(sources))]))])
    }

    func resources(of service: Service) -> DocNode {
        func amounts(_ a: ResourceAmounts) -> DocNode {
            var m = DocMap()
            m.set("cpu", a.cpu?.text)
            m.set("memory", a.memory?.text)
            return m.node
        }
        var m = DocMap()
        m.setNonEmpty("requests", amounts(service.resources.requests))
        m.setNonEmpty("limits", amounts(service.resources.limits))
        return m.node
    }

    func probe(_ probe: Probe) -> DocNode {
        var m = DocMap()
        switch probe.check {
        case let .http(path, port, headers):
            var get = DocMap()
            get.set("path", path)
            get.set("port", portValue(port))
            get.setNonEmpty("httpHeaders", .list(headers.map {
                .map([("name", .string($0.name)), ("value", .string($0.value))])
            }))
            m.set("httpGet", get.node)
        case let .tcp(port): m.set("tcpSocket", DocNode.map([("port", portValue(port))]))
        case let .exec(command): m.set("exec", DocNode.map([("command", .list(command.map(DocNode.string)))]))
        case let .grpc(port, name):
            // GRPCAction.port is a number: a named port is not accepted.
            var grpc = DocMap()
            grpc.set("port", service.port(named: port)?.port)
            grpc.set("service", name)
            m.set("grpc", grpc.node)
        }
        m.set("initialDelaySeconds", probe.initialDelay?.wholeSeconds)
        m.set("periodSeconds", probe.period?.wholeSeconds)
        m.set("timeoutSeconds", probe.timeout?.wholeSeconds)
        m.set("successThreshold", probe.successThreshold)
        m.set("failureThreshold", probe.failureThreshold)
        return m.node
    }

    func portValue(_ reference: PortReference) -> DocNode {
        switch reference {
        case let .name(name): .string(name)
        case let .number(number): .int(number)
        }
    }

    var containerSecurity: DocNode {
        let s = service.security
        var m = DocMap()
        m.set("allowPrivilegeEscalation", s.allowPrivilegeEscalation)
        if s.privileged { m.set("privileged", true) }
        m.set("readOnlyRootFilesystem", s.readOnlyRootFilesystem)
        if s.runAsNonRoot { m.set("runAsNonRoot", true) }
        if let uid = s.user.flatMap(Int.init) { m.set("runAsUser", uid) }
        if let gid = s.group.flatMap(Int.init) { m.set("runAsGroup", gid) }
        var caps = DocMap()
        caps.setNonEmpty("drop", .list(s.capabilities.drop.map(DocNode.string)))
        caps.setNonEmpty("add", .list(s.capabilities.add.map(DocNode.string)))
        m.setNonEmpty("capabilities", caps.node)
        m.set("seccompProfile", DocNode.map([("type", .string("RuntimeDefault"))]))
        return m.node
    }

    var volumes: [DocNode] {
        service.volumes.compactMap { volume -> DocNode? in
            switch volume.source {
            case .persistent:
                return nil  // a volumeClaimTemplate of the StatefulSet
            case .scratch:
                return .map([("name", .string(volume.name)), ("emptyDir", .map([]))])
            case .bind:
                return .map([
                    ("name", .string(volume.name)),
                    ("configMap", .map([("name", .string(Self.configMapName(service, volume)))])),
                ])
            }
        } + [secretsVolume].compactMap { $0 }
    }

    static func configMapName(_ service: Service, _ volume: Volume) -> String { "\(service.name)-\(volume.name)" }

    /// The ConfigMap key of a mounted file: its file name.
    static func configKey(_ volume: Volume) -> String {
        guard case let .bind(path, _) = volume.source else { return volume.name }
        let name = path.split(separator: "/").last.map(String.init) ?? volume.name
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } ? name : volume.name
    }
}

/// Replicas the service runs with at least: the autoscale minimum when autoscaled.
func effectiveReplicas(_ service: Service) -> Int {
    service.autoscale.map { max($0.min, 1) } ?? service.replicas
}
