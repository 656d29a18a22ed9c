import Foundation
import ShipshapeModel
import ShipshapeRender

extension KubernetesStack {
    /// Pod fields that carry over, or that shipshape renders itself.
    static let podHandled: Set<String> = [
        "containers", "volumes", "securityContext", "hostNetwork", "hostPID", "hostIPC", "serviceAccountName",
        "automountServiceAccountToken", "restartPolicy", "topologySpreadConstraints", "serviceAccount",
        "terminationGracePeriodSeconds",
    ]
    static let containerHandled: Set<String> = [
        "name", "image", "command", "args", "workingDir", "env", "ports", "livenessProbe", "readinessProbe",
        "startupProbe", "resources", "securityContext", "volumeMounts", "imagePullPolicy",
        "terminationMessagePath", "terminationMessagePolicy",
    ]

    mutating func service(_ workload: SourceNode) -> DocNode {
        let kind = workload["kind"]?.text ?? ""
        let id = Self.id(workload)
        let serviceName = name(workload)
        var m = DocMap()
        let spec = workload["spec"]
        let podTemplate = kind == "CronJob" ? spec?["jobTemplate"]?["spec"]?["template"] : spec?["template"]
        let pod = podTemplate?["spec"]
        let containers = pod?["containers"]?.items ?? []
        guard let container = containers.first else {
            log.lost(workload, id, "a workload without containers", "describe the service by hand")
            return .map([("image", .string("missing:latest"))])
        }
        for (key, value) in pod?.members ?? [] where !Self.podHandled.contains(key) && key != "initContainers" {
            log.lost(
                value, "\(id).spec.template.spec.\(key)", "the spec has no pod '\(key)'",
                "patch the output (kustomize) for it")
        }
        for (key, value) in container.members ?? [] where !Self.containerHandled.contains(key) {
            log.lost(
                value, "\(id).containers[\(container["name"]?.text ?? "?")].\(key)",
                "the spec has no container '\(key)'",
                key == "envFrom"
                    ? "list the variables under `env` or `secrets`" : "patch the output (kustomize) for it")
        }
        m.set("image", container["image"]?.text.map(Self.image) ?? "missing:latest")
        if let named = container["name"]?.text, named != serviceName, Names.isDNSLabel(named) {
            m.set("container", named)
        }
        if let command = container["command"]?.strings { m.set("command", DocNode.list(command.map(DocNode.string))) }
        if let args = container["args"]?.strings { m.set("args", DocNode.list(args.map(DocNode.string))) }
        if let grace = pod?["terminationGracePeriodSeconds"]?.int, grace >= 0 { m.set("stopGracePeriod", "\(grace)s") }
        let pullPolicies = ["Always": "always", "IfNotPresent": "ifNotPresent", "Never": "never"]
        if let policy = container["imagePullPolicy"]?.text.flatMap({ pullPolicies[$0] }) { m.set("pullPolicy", policy) }
        m.set("workingDir", container["workingDir"]?.text)
        // ports, with the Service's port and node port where they say more than the container's
        var ports: [DocNode] = []
        var taken: Set<String> = []
        let kubeService = objects.first { name($0) == serviceName && $0["kind"]?.text == "Service" }
        var mapped: Set<Int> = []
        for port in container["ports"]?.items ?? [] {
            guard let number = port["containerPort"]?.int else { continue }
            var name = port["name"]?.text ?? ""
            if !Names.isPortName(name) || taken.contains(name) { name = Naming.port(number, taken: taken) }
            taken.insert(name)
            var p = DocMap()
            p.set("name", name)
            p.set("port", number)
            if port["protocol"]?.text == "UDP" { p.set("protocol", "udp") }
            for (index, exposed) in (kubeService?["spec"]?["ports"]?.items ?? []).enumerated() {
                let target = exposed["targetPort"] ?? exposed["port"]
                guard target?.int == number || (target?.int == nil && target?.text == port["name"]?.text),
                      let servicePort = exposed["port"]?.int else { continue }
                mapped.insert(index)
                if servicePort != number { p.set("servicePort", servicePort) }
                p.set("nodePort", exposed["nodePort"]?.int)
                break
            }
            ports.append(p.node)
            if let host = port["hostPort"] {
                log.lost(
                    host, "\(id).ports.hostPort", "the spec publishes host ports on compose only",
                    "use a Service or the Ingress")
            }
        }
        if !ports.isEmpty { m.set("ports", DocNode.list(ports)) }
        if let type = kubeService?["spec"]?["type"]?.text, ["NodePort", "LoadBalancer"].contains(type) {
            m.set("serviceType", type)
        }
        env(container, pod: pod, id: id, into: &m)
        // probes
        var probes = DocMap()
        for (field, name) in [
            ("livenessProbe", "liveness"), ("readinessProbe", "readiness"), ("startupProbe", "startup"),
        ] {
            if let probe = container[field] { probes.set(name, self.probe(probe, id: "\(id).\(field)")) }
        }
        if !probes.members.isEmpty { m.set("probes", probes.node) }
        // replicas, autoscale, rollout, schedule
        if kind != "CronJob" {
            let hpa = of("HorizontalPodAutoscaler").first {
                $0["spec"]?["scaleTargetRef"]?["name"]?.text == serviceName
            }
            if let hpa {
                consumed.insert(Self.id(hpa))
                m.set("autoscale", autoscale(hpa))
            }
            if let replicas = spec?["replicas"]?.int {
                m.set("replicas", replicas)
            } else if hpa == nil {
                m.set("replicas", 1)
            }
            if let rolling = spec?["strategy"]?["rollingUpdate"] ?? spec?["updateStrategy"]?["rollingUpdate"],
                let surge = rolling["maxSurge"]?.text, let unavailable = rolling["maxUnavailable"]?.text
            {
                m.set("rollout", DocNode.map([("maxSurge", scalar(surge)), ("maxUnavailable", scalar(unavailable))]))
            }
        }
        if let resources = container["resources"] { m.set("resources", self.resources(resources, id: id)) }
        var volumes: [DocNode] = []
        self.volumes(container, pod: pod, workload: workload, id: id, into: &volumes)
        if !volumes.isEmpty { m.set("volumes", DocNode.list(volumes)) }
        companions(pod: pod, main: container, id: id, volumes: volumes, into: &m)
        if kind == "CronJob" {
            var s = DocMap()
            s.set("cron", spec?["schedule"]?.text)
            if let zone = spec?["timeZone"]?.text, zone != "UTC" { s.set("timezone", zone) }
            if let policy = spec?["concurrencyPolicy"]?.text?.lowercased(), policy != "forbid" {
                s.set("concurrency", policy)
            }
            m.set("schedule", s.node)
            if pod?["restartPolicy"]?.text == "Never" { m.set("restart", "no") }
        }
        if let security = security(container, pod: pod, id: id) { m.set("security", security) }
        // labels and annotations of the workload
        var labels: [(key: String, value: DocNode)] = []
        for (key, value) in workload["metadata"]?["labels"]?.members ?? []
        where !key.hasPrefix("app.kubernetes.io/") && !key.hasPrefix("helm.sh/")
            && !["app", "release", "chart", "heritage"].contains(key)
        {
            if let text = value.text, Names.isLabelKey(key), Names.isLabelValue(text) {
                labels.append((key, .string(text)))
            }
        }
        if !labels.isEmpty { m.set("labels", DocNode.map(labels)) }
        var annotations: [(key: String, value: DocNode)] = []
        for (key, value) in workload["metadata"]?["annotations"]?.members ?? []
        where !key.hasPrefix("deployment.kubernetes.io/") {
            if let text = value.text, Names.isLabelKey(key) { annotations.append((key, .string(text))) }
        }
        if !annotations.isEmpty { m.set("annotations", DocNode.map(annotations)) }
        // the Service, PDB and ServiceAccount of the workload
        for object in objects
        where name(object) == serviceName
            && ["Service", "PodDisruptionBudget", "ServiceAccount"].contains(object["kind"]?.text ?? "")
        {
            consumed.insert(Self.id(object))
            if object["kind"]?.text == "Service" {
                let servicePorts = object["spec"]?["ports"]?.items ?? []
                for (index, port) in servicePorts.enumerated() where !mapped.contains(index) {
                    log.lost(
                        port, "\(Self.id(object)).ports",
                        "a Service port that targets no port of the container",
                        "declare the container port, with `servicePort` if clients use another number")
                }
                if let type = object["spec"]?["type"]?.text, !["ClusterIP", "NodePort", "LoadBalancer"].contains(type) {
                    log.lost(
                        object["spec"]?["type"], "\(Self.id(object)).spec.type",
                        "the spec renders ClusterIP, NodePort and LoadBalancer Services; \(type) does not carry over",
                        "route traffic through `proxy:` (Ingress), or patch the output")
                }
            }
        }
        if let sa = pod?["serviceAccountName"]?.text, sa != serviceName {
            log.lost(
                pod?["serviceAccountName"], "\(id).serviceAccountName",
                "each service gets its own ServiceAccount named after it",
                "grant RBAC to ServiceAccount \(serviceName)")
        }
        return m.node
    }

    func scalar(_ text: String) -> DocNode { Int(text).map(DocNode.int) ?? .string(text) }

    mutating func env(_ container: SourceNode, pod: SourceNode?, id: String, into m: inout DocMap) {
        // Files of the shipshape-secrets projected volume: path -> (secret, key).
        var files: [String: (String, String)] = [:]
        for volume in pod?["volumes"]?.items ?? [] {
            for source in volume["projected"]?["sources"]?.items ?? [] {
                guard let secret = source["secret"]?["name"]?.text else { continue }
                for item in source["secret"]?["items"]?.items ?? [] {
                    if let key = item["key"]?.text, let path = item["path"]?.text { files[path] = (secret, key) }
                }
            }
        }
        let mount =
            (container["volumeMounts"]?.items ?? []).first { $0["name"]?.text == "shipshape-secrets" }?["mountPath"]?
            .text ?? "/run/secrets"
        var env: [(key: String, value: DocNode)] = []
        var refs: [(key: String, value: DocNode)] = []
        var suffix: String?
        for item in container["env"]?.items ?? [] {
            guard let variable = item["name"]?.text else { continue }
            let key = "\(id).env.\(variable)"
            if let value = item["value"]?.text {
                if variable.hasSuffix("_FILE"), value.hasPrefix(mount + "/"),
                    let (secret, k) = files[String(value.dropFirst(mount.count + 1))]
                {
                    let name =
                        variable.hasSuffix("__FILE") ? String(variable.dropLast(6)) : String(variable.dropLast(5))
                    if variable.hasSuffix("__FILE") { suffix = "__FILE" }
                    addSecret(secret, key: k)
                    // A file named otherwise than `<secret>-<key>` keeps its name (`file:`).
                    let file = String(value.dropFirst(mount.count + 1))
                    refs.append((name, file == "\(secret)-\(k)" ? .string("\(Naming.label(secret))/\(k)")
                        : .map([("secret", .string(Naming.label(secret))), ("key", .string(k)),
                                ("as", .string("file")), ("file", .string(file))])))
                } else if SecretPatterns.isSecretName(variable) && !value.isEmpty || SecretPatterns.looksSecret(value)
                {
                    let secret = "\(name(of: id))-secrets"
                    let k = Naming.key(variable)
                    addSecret(secret, key: k)
                    refs.append((variable, .string("\(Naming.label(secret))/\(k)")))
                    log.secret(
                        item["value"]!, key, "\(Naming.label(secret))/\(k)",
                        "create Secret \(Naming.label(secret)) with key \(k) in the cluster; "
                            + "the program now reads \(variable)_FILE"
                    )
                } else {
                    env.append((variable, .string(value.replacingOccurrences(of: "${", with: "$${"))))
                }
            } else if let ref = item["valueFrom"]?["secretKeyRef"], let secret = ref["name"]?.text,
                let k = ref["key"]?.text
            {
                // The variable holds the value, as it did (`as: env`; `validate` reports each one).
                addSecret(secret, key: k)
                refs.append((variable, .map([("secret", .string(Naming.label(secret))), ("key", .string(k)),
                                             ("as", .string("env"))])))
            } else if let ref = item["valueFrom"]?["configMapKeyRef"], let map = ref["name"]?.text,
                let k = ref["key"]?.text,
                let value = of("ConfigMap").first(where: { name($0) == map })?["data"]?[k]?.text
            {
                env.append((variable, .string(value.replacingOccurrences(of: "${", with: "$${"))))
            } else if item["value"] == nil, item["valueFrom"] == nil {
                env.append((variable, .string("")))
            } else {
                log.lost(
                    item, key, "the spec has plain values and secret references only", "set the value under `env`")
            }
        }
        if !env.isEmpty { m.set("env", DocNode.map(env)) }
        if !refs.isEmpty { m.set("secrets", DocNode.map(refs)) }
        if let suffix { m.set("secretFileSuffix", suffix) }
    }

    func name(of id: String) -> String { String(id.split(separator: "/").last ?? "app") }

    func probe(_ probe: SourceNode, id: String) -> DocNode {
        var p = DocMap()
        if let http = probe["httpGet"] {
            p.set("http", http["path"]?.text ?? "/")
            let headers = (http["httpHeaders"]?.items ?? []).compactMap { header -> (String, DocNode)? in
                guard let name = header["name"]?.text, let value = header["value"]?.text,
                      HTTPHeader.isName(name), HTTPHeader.isValue(value) else {
                    log.lost(header, "\(id).httpGet.httpHeaders", "a header the spec cannot send", "drop it")
                    return nil
                }
                return (name, .string(value.replacingOccurrences(of: "${", with: "$${")))
            }
            if !headers.isEmpty { p.set("headers", DocNode.map(headers.map { (key: $0.0, value: $0.1) })) }
            p.set("port", http["port"].map { $0.int.map(DocNode.int) ?? .string($0.text ?? "") })
        } else if let tcp = probe["tcpSocket"] {
            p.set("tcp", true)
            p.set("port", tcp["port"].map { $0.int.map(DocNode.int) ?? .string($0.text ?? "") })
        } else if let exec = probe["exec"]?["command"]?.strings {
            p.set("exec", DocNode.list(exec.map { .string($0.replacingOccurrences(of: "${", with: "$${")) }))
        } else if let grpc = probe["grpc"] {
            if let name = grpc["service"]?.text, !name.isEmpty {
                p.set("grpc", DocNode.map([("service", .string(name.replacingOccurrences(of: "${", with: "$${")))]))
            } else {
                p.set("grpc", true)
            }
            p.set("port", grpc["port"]?.int)
        } else {
            log.lost(probe, id, "a probe without a check the spec knows", "add a probe by hand")
        }
        for (field, name) in [
            ("initialDelaySeconds", "initialDelay"), ("periodSeconds", "period"), ("timeoutSeconds", "timeout"),
        ] {
            if let n = probe[field]?.int { p.set(name, "\(n)s") }
        }
        p.set("successThreshold", probe["successThreshold"]?.int)
        p.set("failureThreshold", probe["failureThreshold"]?.int)
        return p.node
    }

    func autoscale(_ hpa: SourceNode) -> DocNode {
        var a = DocMap()
        a.set("min", hpa["spec"]?["minReplicas"]?.int ?? 1)
        a.set("max", hpa["spec"]?["maxReplicas"]?.int ?? 1)
        var pods: [DocNode] = []
        var external: [DocNode] = []
        for metric in hpa["spec"]?["metrics"]?.items ?? [] {
            switch metric["type"]?.text {
            case "Resource":
                let name = metric["resource"]?["name"]?.text ?? ""
                if let value = metric["resource"]?["target"]?["averageUtilization"]?.int,
                    ["cpu", "memory"].contains(name)
                {
                    a.set(name, "\(value)%")
                } else {
                    log.lost(
                        metric, "\(Self.id(hpa)).metrics", "a resource target that is not a utilization",
                        "use a percentage")
                }
            case "Pods", "External":
                let kind = metric["type"]?.text == "Pods" ? "pods" : "external"
                let body = metric[kind]
                var t = DocMap()
                t.set("metric", body?["metric"]?["name"]?.text)
                t.set("averageValue", body?["target"]?["averageValue"]?.text)
                if let selector = body?["metric"]?["selector"]?["matchLabels"]?.members {
                    t.set("selector", DocNode.map(selector.map { ($0.key, .string($0.value.text ?? "")) }))
                }
                if kind == "pods" { pods.append(t.node) } else { external.append(t.node) }
            default:
                log.lost(
                    metric, "\(Self.id(hpa)).metrics", "a metric type the spec cannot express",
                    "use cpu, memory, pods or external")
            }
        }
        if !pods.isEmpty { a.set("pods", DocNode.list(pods)) }
        if !external.isEmpty { a.set("external", DocNode.list(external)) }
        if let behavior = hpa["spec"]?["behavior"] {
            log.lost(
                behavior, "\(Self.id(hpa)).spec.behavior", "the spec has no scaling behaviour",
                "patch the output for it")
        }
        if !a.members.contains(where: { ["cpu", "memory", "pods", "external"].contains($0.key) }) {
            a.set("cpu", "80%")
        }
        return a.node
    }

    func resources(_ node: SourceNode, id: String) -> DocNode {
        var r = DocMap()
        for part in ["requests", "limits"] {
            var amounts = DocMap()
            for (key, value) in node[part]?.members ?? [] {
                if ["cpu", "memory"].contains(key), let text = value.text, Quantity(text) != nil {
                    amounts.set(key, text)
                } else {
                    log.lost(
                        value, "\(id).resources.\(part).\(key)", "the spec has CPU and memory only",
                        "patch the output for it")
                }
            }
            r.setNonEmpty(part, amounts.node)
        }
        return r.node
    }

    mutating func volumes(
        _ container: SourceNode, pod: SourceNode?, workload: SourceNode, id: String, into result: inout [DocNode]
    ) {
        let podVolumes = pod?["volumes"]?.items ?? []
        let claims = workload["spec"]?["volumeClaimTemplates"]?.items ?? []
        for mount in container["volumeMounts"]?.items ?? [] {
            guard let name = mount["name"]?.text, let path = mount["mountPath"]?.text, name != "shipshape-secrets"
            else { continue }
            if mount["subPath"] != nil {
                log.lost(
                    mount, "\(id).volumeMounts[\(name)].subPath", "the spec mounts whole volumes",
                    "mount the volume at its own path")
            }
            var v = DocMap()
            v.set("name", Naming.label(name, fallback: "data"))
            v.set("path", path)
            if let claim = claims.first(where: { $0["metadata"]?["name"]?.text == name }) {
                v.set("size", claim["spec"]?["resources"]?["requests"]?["storage"]?.text ?? "1Gi")
            } else if let volume = podVolumes.first(where: { $0["name"]?.text == name }), volume["emptyDir"] != nil {
                v.set("scratch", true)
            } else {
                log.lost(
                    mount, "\(id).volumeMounts[\(name)]",
                    "a volume the spec cannot express here (ConfigMap, Secret, claim or host path)",
                    "write config files beside stack.yaml and mount them with `source:`; keep data in a `size:` volume"
                )
                continue
            }
            if mount["readOnly"]?.bool == true { v.set("readOnly", true) }
            result.append(v.node)
        }
    }

    func security(_ container: SourceNode, pod: SourceNode?, id: String) -> DocNode? {
        var s = DocMap()
        let c = container["securityContext"]
        let p = pod?["securityContext"]
        if let user = c?["runAsUser"]?.int ?? p?["runAsUser"]?.int { s.set("user", String(user)) }
        if let group = c?["runAsGroup"]?.int ?? p?["runAsGroup"]?.int { s.set("group", String(group)) }
        if let v = c?["runAsNonRoot"]?.bool ?? p?["runAsNonRoot"]?.bool { s.set("runAsNonRoot", v) }
        if let v = c?["readOnlyRootFilesystem"]?.bool { s.set("readOnlyRootFilesystem", v) }
        if let v = c?["allowPrivilegeEscalation"]?.bool { s.set("allowPrivilegeEscalation", v) }
        if let v = c?["privileged"]?.bool { s.set("privileged", v) }
        var caps = DocMap()
        if let drop = c?["capabilities"]?["drop"]?.strings {
            caps.set("drop", DocNode.list(drop.map(DocNode.string)))
        }
        if let add = c?["capabilities"]?["add"]?.strings { caps.set("add", DocNode.list(add.map(DocNode.string))) }
        if !caps.members.isEmpty { s.set("capabilities", caps.node) }
        for (field, name) in [("hostNetwork", "hostNetwork"), ("hostPID", "hostPID"), ("hostIPC", "hostIPC")] {
            if let v = pod?[field]?.bool { s.set(name, v) }
        }
        let known: Set<String> = [
            "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation",
            "privileged", "capabilities", "seccompProfile", "fsGroup",
        ]
        for (context, where_) in [(c, "containers.securityContext"), (p, "spec.securityContext")] {
            for (key, value) in context?.members ?? [] where !known.contains(key) {
                log.lost(value, "\(id).\(where_).\(key)", "the spec has no '\(key)'", "patch the output for it")
            }
            if let profile = context?["seccompProfile"]?["type"]?.text, profile != "RuntimeDefault" {
                log.lost(
                    context?["seccompProfile"], "\(id).\(where_).seccompProfile", "shipshape sets RuntimeDefault",
                    "patch the output for it")
            }
        }
        return s.members.isEmpty ? nil : s.node
    }
}
