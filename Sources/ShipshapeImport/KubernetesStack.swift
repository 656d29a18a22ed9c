import Foundation
import ShipshapeModel
import ShipshapeRender

/// Builds a stack from Kubernetes objects.
struct KubernetesStack {
    let objects: [SourceNode]
    let options: ImportOptions
    let log = ImportLog()
    var secrets: [(name: String, keys: [String], source: DocNode?)] = []
    /// Objects folded into a service (its Service, HPA, PDB, ServiceAccount).
    var consumed: Set<String> = []

    init(objects: [SourceNode], options: ImportOptions) {
        self.objects = objects
        self.options = options
    }

    static func id(_ o: SourceNode) -> String { "\(o["kind"]?.text ?? "?")/\(o["metadata"]?["name"]?.text ?? "?")" }
    func name(_ o: SourceNode) -> String { o["metadata"]?["name"]?.text ?? "?" }
    func of(_ kind: String) -> [SourceNode] { objects.filter { $0["kind"]?.text == kind } }

    mutating func build() -> ImportResult {
        let workloads = objects.filter { ["Deployment", "StatefulSet", "CronJob"].contains($0["kind"]?.text ?? "") }
        var services: [(key: String, value: DocNode)] = []
        for workload in workloads {
            let label = Naming.label(name(workload))
            guard !services.contains(where: { $0.key == label }) else {
                log.lost(
                    workload, Self.id(workload), "a second workload with the name '\(label)'", "rename one of them")
                continue
            }
            services.append((label, service(workload)))
            consumed.insert(Self.id(workload))
        }
        services = dependencies(services)
        var m: [(key: String, value: DocNode)] = []
        let stackName = options.name.map { Naming.label($0) } ?? inferName()
        m.append(("stack", .string(stackName)))
        m.append(("targets", .list([.string("kubernetes")])))
        var k = DocMap()
        let namespaces = Set(objects.compactMap { $0["metadata"]?["namespace"]?.text } + of("Namespace").map(name))
        if namespaces.count == 1, let ns = namespaces.first, ns != "\(stackName)-\(options.environment)" {
            k.set("namespace", ns)
        }
        if objects.contains(where: { $0["spec"]?["template"]?["spec"]?["topologySpreadConstraints"] != nil }) {
            k.set("topologySpread", true)
        }
        let proxy = self.proxy(&k)
        if !k.members.isEmpty { m.append(("kubernetes", k.node)) }
        m.append(("services", .map(services)))
        if let proxy { m.append(("proxy", proxy)) }
        secretObjects()
        if !secrets.isEmpty {
            m.append(
                (
                    "secrets",
                    .map(
                        secrets.map { secret in
                            var s = DocMap()
                            s.set("keys", DocNode.list(secret.keys.map(DocNode.string)))
                            s.set("source", secret.source)
                            return (secret.name, s.node)
                        })
                ))
        }
        m.append(("environments", .map([(options.environment, .map([]))])))
        for object in objects where !consumed.contains(Self.id(object)) {
            let kind = object["kind"]?.text ?? ""
            if let fix = KubernetesImporter.unmapped[kind] {
                log.lost(object, Self.id(object), "the spec has no \(kind)", fix)
            } else if kind == "NetworkPolicy" {
                log.lost(
                    object, Self.id(object), "shipshape derives network policies from `dependsOn` and routes",
                    "check that each service's `dependsOn` lists what it calls")
            } else if kind == "Service" {
                log.lost(
                    object, Self.id(object), "a Service without a workload of the same name",
                    "name the Service after its Deployment, or add the workload to the stack")
            } else if kind == "ConfigMap" {
                log.lost(
                    object, Self.id(object), "ConfigMaps are made from `source:` volumes of files beside the stack",
                    "write each key to a file beside stack.yaml and mount it with a `source:` volume")
            } else if !["Namespace", "Secret", "ExternalSecret", "Ingress"].contains(kind) {
                log.lost(object, Self.id(object), "not carried over", "describe it in the stack")
            }
        }
        return ImportResult(stackName: stackName, stack: .map(m), losses: log.losses, secrets: log.secrets)
    }

    func inferName() -> String {
        for o in objects {
            if let instance = o["metadata"]?["labels"]?["app.kubernetes.io/instance"]?.text
                ?? o["metadata"]?["labels"]?["app.kubernetes.io/part-of"]?.text
            {
                return Naming.label(instance)
            }
        }
        if let ns = objects.compactMap({ $0["metadata"]?["namespace"]?.text }).first {
            return Naming.label(
                ns.hasSuffix("-\(options.environment)") ? String(ns.dropLast(options.environment.count + 1)) : ns)
        }
        return Naming.label(
            URL(fileURLWithPath: objects[0].location.file).deletingLastPathComponent().lastPathComponent)
    }

    // MARK: secrets

    mutating func addSecret(_ name: String, key: String, source: DocNode? = nil) {
        let label = Naming.label(name, fallback: "secret")
        if let index = secrets.firstIndex(where: { $0.name == label }) {
            if !secrets[index].keys.contains(key) { secrets[index].keys.append(key) }
        } else {
            secrets.append((label, [key], source))
        }
    }

    mutating func secretObjects() {
        for secret in of("Secret") {
            let name = self.name(secret)
            if secret["type"]?.text == "kubernetes.io/tls" || secret["type"]?.text == "kubernetes.io/dockerconfigjson"
            {
                log.lost(
                    secret, Self.id(secret), "certificates and registry credentials are not stack secrets",
                    "create the Secret in the cluster (`proxy.tls.secretName` names a certificate)")
                continue
            }
            for field in ["data", "stringData"] {
                for (key, value) in secret[field]?.members ?? []
                where Naming.key(key) == key || key.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) {
                    addSecret(name, key: key, source: .map([("existing", .string(name))]))
                    log.secret(
                        value, "\(Self.id(secret)).\(field).\(key)", "\(Naming.label(name))/\(key)",
                        "the value was not copied: create Secret \(name) with key \(key) in the cluster")
                }
            }
        }
        for external in of("ExternalSecret") {
            let name = external["spec"]?["target"]?["name"]?.text ?? self.name(external)
            let store = external["spec"]?["secretStoreRef"]
            let path =
                external["spec"]?["data"]?.items?.first?["remoteRef"]?["key"]?.text
                ?? external["spec"]?["dataFrom"]?.items?.first?["extract"]?["key"]?.text
            var e = DocMap()
            e.set("store", store?["name"]?.text)
            e.set("storeKind", store?["kind"]?.text)
            e.set("path", path)
            e.set("refresh", external["spec"]?["refreshInterval"]?.text)
            let keys = (external["spec"]?["data"]?.items ?? []).compactMap { $0["secretKey"]?.text }
            if let index = secrets.firstIndex(where: { $0.name == Naming.label(name) }), store != nil, path != nil {
                secrets[index].source = .map([("external", e.node)])
                secrets[index].keys = keys + secrets[index].keys.filter { !keys.contains($0) }
            } else if store != nil, path != nil, !keys.isEmpty {
                secrets.append((Naming.label(name), keys, .map([("external", e.node)])))
            } else {
                log.lost(
                    external, Self.id(external), "an ExternalSecret import could not read (store, path, keys)",
                    "set `secrets.\(name).source.external`")
            }
        }
    }

    // MARK: proxy

    mutating func proxy(_ k: inout DocMap) -> DocNode? {
        let ingresses = of("Ingress")
        guard !ingresses.isEmpty else { return nil }
        var hosts: [String] = []
        var routes: [DocNode] = []
        var tls: DocNode?
        var proxyFields = DocMap()
        var timeouts = DocMap()
        var burst: Int?
        for ingress in ingresses {
            consumed.insert(Self.id(ingress))
            let spec = ingress["spec"]
            if let cls = spec?["ingressClassName"]?.text, cls != "nginx" { k.set("ingressClass", cls) }
            var routeSettings = DocMap()
            let first = ingress["metadata"]?["name"]?.text == ingresses[0]["metadata"]?["name"]?.text
            var limit = DocMap()
            for (key, value) in ingress["metadata"]?["annotations"]?.members ?? [] {
                let short = key.replacingOccurrences(of: "nginx.ingress.kubernetes.io/", with: "")
                let text = value.text ?? ""
                switch short {
                case "cert-manager.io/cluster-issuer":
                    if !k.members.contains(where: { $0.key == "clusterIssuer" }) { k.set("clusterIssuer", text) }
                case "proxy-body-size":
                    if first { proxyFields.set("bodySize", text) } else { routeSettings.set("bodySize", text) }
                case "proxy-connect-timeout" where first: timeouts.set("connect", "\(text)s")
                // The proxy-wide connect timeout, which shipshape repeats on every route's Ingress.
                case "proxy-connect-timeout"
                where timeouts.members.first(where: { $0.key == "connect" })?.value == .string("\(text)s"):
                    continue
                case "proxy-read-timeout":
                    if first { timeouts.set("read", "\(text)s") } else { routeSettings.set("timeout", "\(text)s") }
                case "proxy-send-timeout" where first: timeouts.set("send", "\(text)s")
                case "proxy-send-timeout": continue
                case "limit-rps", "limit-rpm":
                    limit.set("requests", Int(text))
                    limit.set("per", short == "limit-rps" ? "second" : "minute")
                case "limit-burst-multiplier":
                    burst = Int(text)
                case "whitelist-source-range":
                    routeSettings.set("allow", DocNode.list(text.split(separator: ",").map { .string(String($0)) }))
                case "enable-access-log" where text == "false": routeSettings.set("accessLog", false)
                case "ssl-redirect", "force-ssl-redirect": continue
                default:
                    log.lost(
                        value, "\(Self.id(ingress)).metadata.annotations.\(key)",
                        "the spec has no ingress annotation '\(short)'",
                        "set the matching `proxy` field if there is one, or patch the output")
                }
            }
            if case .int(let requests)? = limit.members.first(where: { $0.key == "requests" })?.value {
                limit.set("burst", burst.map { $0 * requests })
                if first {
                    proxyFields.set("rateLimit", limit.node)
                } else {
                    routeSettings.set("rateLimit", limit.node)
                }
            }
            burst = nil
            for rule in spec?["rules"]?.items ?? [] {
                if let host = rule["host"]?.text, !hosts.contains(host) { hosts.append(host) }
                for path in rule["http"]?["paths"]?.items ?? [] {
                    guard
                        let service = path["backend"]?["service"]?["name"]?.text
                            ?? path["backend"]?["serviceName"]?.text
                    else {
                        log.lost(
                            path, "\(Self.id(ingress)).paths", "a backend that is not a Service", "route to a service"
                        )
                        continue
                    }
                    let route = path["path"]?.text ?? "/"
                    guard
                        !routes.contains(where: {
                            if case .map(let m) = $0 { return m.first?.value == .string(route) }
                            return false
                        })
                    else {
                        continue
                    }
                    var r = DocMap()
                    r.set("path", route)
                    r.set("service", Naming.label(service))
                    let port = path["backend"]?["service"]?["port"]
                    if let named = port?["name"]?.text {
                        r.set("port", named)
                    } else if let number = port?["number"]?.int {
                        r.set("port", number)
                    }
                    for member in routeSettings.members { r.set(member.key, member.value) }
                    routes.append(r.node)
                }
            }
            if let first = spec?["tls"]?.items?.first {
                var t = DocMap()
                t.set("secretName", first["secretName"]?.text)
                tls = t.node
            }
        }
        guard !hosts.isEmpty, !routes.isEmpty else {
            log.lost(
                ingresses[0], Self.id(ingresses[0]), "an Ingress without host names or paths",
                "write `proxy:` by hand")
            return nil
        }
        var p = DocMap()
        p.set("hosts", DocNode.list(hosts.map(DocNode.string)))
        p.set("tls", tls ?? .null)
        p.set("routes", DocNode.list(routes))
        for member in proxyFields.members { p.set(member.key, member.value) }
        p.setNonEmpty("timeouts", timeouts.node)
        return p.node
    }
}

extension KubernetesStack {
    /// `dependsOn` read back from NetworkPolicies that admit one service's pods to another's:
    /// the clients depend on the service. A policy whose every rule is understood is consumed.
    mutating func dependencies(_ services: [(key: String, value: DocNode)]) -> [(key: String, value: DocNode)] {
        let names = Set(services.map(\.key))
        func selected(_ selector: SourceNode?) -> String? {
            selector?["matchLabels"]?["app.kubernetes.io/name"]?.text ?? selector?["matchLabels"]?["app"]?.text
        }
        var clients: [String: [String]] = [:]
        for policy in of("NetworkPolicy") {
            let spec = policy["spec"]
            if spec?["podSelector"]?.members?.isEmpty != false || spec?["podSelector"]?["matchLabels"] == nil {
                let denyAll = spec?["ingress"] == nil && (spec?["policyTypes"]?.strings ?? []) == ["Ingress"]
                if denyAll { consumed.insert(Self.id(policy)) }
                continue
            }
            guard let target = selected(spec?["podSelector"]), names.contains(target) else { continue }
            var understood = spec?["egress"] == nil
            var found: [String] = []
            for rule in spec?["ingress"]?.items ?? [] {
                for from in rule["from"]?.items ?? [] {
                    if let client = selected(from["podSelector"]), names.contains(client),
                        from["namespaceSelector"] == nil
                    {
                        found.append(client)
                    } else if from["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]?.text
                        == "ingress-nginx"
                    {
                        continue
                    } else {
                        understood = false
                    }
                }
            }
            for client in found { clients[client, default: []].append(target) }
            if understood { consumed.insert(Self.id(policy)) }
        }
        return services.map { name, node in
            guard let deps = clients[name], case .map(var members) = node,
                !members.contains(where: { $0.key == "dependsOn" })
            else { return (name, node) }
            let index =
                (members.firstIndex { $0.key == "ports" } ?? members.firstIndex { $0.key == "image" } ?? 0) + 1
            members.insert(("dependsOn", .list(deps.map(DocNode.string))), at: min(index, members.count))
            return (name, .map(members))
        }
    }
}
