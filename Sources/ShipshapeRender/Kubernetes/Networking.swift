import Foundation
import ShipshapeModel

/// Ingress objects from the proxy and NetworkPolicies from the dependency graph.
struct Networking {
    let stack: ResolvedStack
    let labels: Labels

    var namespace: String { stack.kubernetes.namespace }

    /// The namespace of the ingress controller, allowed to reach routed services.
    static let ingressNamespace = "ingress-nginx"

    // MARK: Ingress

    /// Routes grouped by the ingress-nginx annotations they need: each group is one Ingress
    /// (annotations apply to a whole Ingress), the first named after the stack.
    func ingresses(_ proxy: Proxy) -> [KubernetesObject] {
        var groups: [(annotations: [(String, String)], routes: [Route])] = []
        for route in proxy.routes {
            let annotations = self.annotations(proxy, route)
            if let index = groups.firstIndex(where: { $0.annotations.elementsEqual(annotations, by: ==) }) {
                groups[index].routes.append(route)
            } else {
                groups.append((annotations, [route]))
            }
        }
        return groups.enumerated().map { index, group in
            let name = index == 0 ? stack.name : "\(stack.name)-\(Self.suffix(group.routes[0].path, index))"
            return ingress(name: name, proxy: proxy, routes: group.routes, annotations: group.annotations)
        }
    }

    /// A DNS-safe suffix for a path: `/health/live` -> `health-live`.
    static func suffix(_ path: String, _ index: Int) -> String {
        let words = path.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.joined(separator: "-")
        let candidate = String(words.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return Names.isDNSLabel(candidate) ? candidate : "route-\(index)"
    }

    func annotations(_ proxy: Proxy, _ route: Route) -> [(String, String)] {
        var a: [(String, String)] = []
        let prefix = "nginx.ingress.kubernetes.io/"
        if let tls = proxy.tls {
            a.append((prefix + "ssl-redirect", tls.redirectHTTP ? "true" : "false"))
            if let issuer = stack.kubernetes.clusterIssuer { a.append(("cert-manager.io/cluster-issuer", issuer)) }
        }
        if let size = route.bodySize ?? proxy.bodySize { a.append((prefix + "proxy-body-size", size.description)) }
        if let connect = proxy.timeouts.connect {
            a.append((prefix + "proxy-connect-timeout", "\(connect.secondsRoundedUp)"))
        }
        if let read = route.timeout ?? proxy.timeouts.read {
            a.append((prefix + "proxy-read-timeout", "\(read.secondsRoundedUp)"))
        }
        if let send = route.timeout ?? proxy.timeouts.send {
            a.append((prefix + "proxy-send-timeout", "\(send.secondsRoundedUp)"))
        }
        if let limit = route.rateLimit ?? proxy.rateLimit {
            switch limit.per {
            case .second: a.append((prefix + "limit-rps", "\(limit.requests)"))
            case .minute: a.append((prefix + "limit-rpm", "\(limit.requests)"))
            case .hour: a.append((prefix + "limit-rpm", "\(max(1, limit.requests / 60))"))
            }
            if limit.burst > 0 {
                let multiplier = max(1, (limit.burst + limit.requests - 1) / limit.requests)
                a.append((prefix + "limit-burst-multiplier", "\(multiplier)"))
            }
        }
        if !route.allow.isEmpty { a.append((prefix + "whitelist-source-range", route.allow.joined(separator: ","))) }
        if !route.accessLog { a.append((prefix + "enable-access-log", "false")) }
        return a
    }

    func ingress(name: String, proxy: Proxy, routes: [Route], annotations: [(String, String)]) -> KubernetesObject {
        var spec = DocMap()
        spec.set("ingressClassName", stack.kubernetes.ingressClass)
        if proxy.tls != nil {
            spec.set("tls", DocNode.list([.map([
                ("hosts", .list(proxy.hosts.map(DocNode.string))),
                ("secretName", .string(proxy.tls?.secretName ?? "\(stack.name)-tls")),
            ])]))
        }
        let paths = DocNode.list(routes.map { route in
            let port: DocNode
            switch route.port {
            case let .name(n): port = .map([("name", .string(n))])
            case let .number(n): port = .map([("number", .int(n))])
            }
            return .map([
                ("path", .string(route.path)), ("pathType", .string("Prefix")),
                ("backend", .map([("service", .map([("name", .string(route.service)), ("port", port)]))])),
            ])
        })
        spec.set("rules", DocNode.list(proxy.hosts.map { host in
            .map([("host", .string(host)), ("http", .map([("paths", paths)]))])
        }))
        return KubernetesObject(apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: name, namespace: namespace,
                                labels: labels.stackWide, annotations: annotations, fields: [("spec", spec.node)])
    }

    // MARK: NetworkPolicy

    /// Deny all ingress in the namespace, then allow each service's dependents, its `allowFrom`
    /// callers (on the ports they name) and, for routed services, the ingress controller to reach
    /// it. Nothing where the stack turns network policies off.
    /// Without `bodies` (`RenderContext.bodies`), the policies are who they are: no rule reads
    /// a NetworkPolicy's fields or labels, so only whether a service gets one is worked out.
    func policies(bodies: Bool = true) -> [KubernetesObject] {
        guard stack.kubernetes.networkPolicies else { return [] }
        var objects = [KubernetesObject(
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", name: "default-deny-ingress",
            namespace: namespace, labels: labels.stackWide,
            fields: [("spec", .map([("podSelector", .map([])), ("policyTypes", .list([.string("Ingress")]))]))])]
        let routed = Set(stack.proxy?.routes.map(\.service) ?? [])
        var clients: [String: [String]] = [:]
        for client in stack.services {
            for dependency in Set(client.dependsOn.map(\.service)) {
                clients[dependency, default: []].append(client.name)
            }
        }
        for service in stack.services where !service.isJob && !service.ports.isEmpty {
            let fields: [(String, DocNode)]
            if bodies {
                let rules = self.rules(service, clients: clients[service.name] ?? [],
                                       routed: routed.contains(service.name))
                guard !rules.isEmpty else { continue }
                fields = [("spec", .map([
                    ("podSelector", Labels.selectorNode(labels.selector(service))),
                    ("policyTypes", .list([.string("Ingress")])),
                    ("ingress", .list(rules)),
                ]))]
            } else {
                // A rule for each client, the controller, and every caller with a peer.
                guard clients[service.name] != nil || routed.contains(service.name)
                    || service.allowFrom.contains(where: { hasPeer($0) }) else { continue }
                fields = []
            }
            objects.append(KubernetesObject(
                apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", name: "\(service.name)-ingress",
                namespace: namespace, labels: bodies ? labels.all(service) : [], fields: fields))
        }
        return objects
    }

    /// The ingress rules of `service`'s policy: its `clients` (by name), the ingress controller
    /// where it is `routed`, and its `allowFrom` callers.
    private func rules(_ service: Service, clients: [String], routed: Bool) -> [DocNode] {
        // By name: the peers are alternatives, so their order means nothing and follows no file.
        var everyPort: [DocNode] = clients.sorted().compactMap { name in
            stack.service(named: name).map { .map([("podSelector", Labels.selectorNode(labels.selector($0)))]) }
        }
        if routed {
            let ingress = Labels.selectorNode([("kubernetes.io/metadata.name", Self.ingressNamespace)])
            everyPort.append(.map([("namespaceSelector", ingress)]))
        }
        let anyPort = service.allowFrom.filter(\.ports.isEmpty).compactMap { peer($0) }
        for from in anyPort where !everyPort.contains(from) {
            everyPort.append(from)
        }
        var rules: [DocNode] = []
        if !everyPort.isEmpty {
            rules.append(.map([("from", .list(everyPort)), ("ports", policyPorts(service.ports))]))
        }
        for caller in service.allowFrom where !caller.ports.isEmpty {
            guard let from = peer(caller) else { continue }
            let ports = service.ports.filter { caller.ports.contains($0.name) }
            rules.append(.map([("from", .list([from])), ("ports", policyPorts(ports))]))
        }
        return rules
    }

    private func policyPorts(_ ports: [ServicePort]) -> DocNode {
        .list(ports.map {
            .map([("port", .string($0.name)), ("protocol", .string($0.protocol.rawValue.uppercased()))])
        })
    }

    /// Whether `peer` gives `caller` a peer (a named service must be one of the stack's).
    private func hasPeer(_ caller: AllowedCaller) -> Bool {
        guard case let .service(name) = caller.source else { return true }
        return stack.service(named: name) != nil
    }

    /// A NetworkPolicy peer for a caller: a service's pods, or pods by namespace and labels.
    private func peer(_ caller: AllowedCaller) -> DocNode? {
        switch caller.source {
        case let .service(name):
            guard let client = stack.service(named: name) else { return nil }
            return .map([("podSelector", Labels.selectorNode(labels.selector(client)))])
        case let .pods(namespace, namespaceLabels, pods):
            var peer: [(String, DocNode)] = []
            if let namespace {
                peer.append(("namespaceSelector", Labels.selectorNode([("kubernetes.io/metadata.name", namespace)])))
            } else if !namespaceLabels.isEmpty {
                peer.append(("namespaceSelector", Labels.selectorNode(namespaceLabels.map { ($0.key, $0.value) })))
            }
            // A namespace chosen without pod labels means every pod there: an empty podSelector is
            // implied by its absence; pod labels alone choose pods of the stack's namespace.
            if !pods.isEmpty { peer.append(("podSelector", Labels.selectorNode(pods.map { ($0.key, $0.value) }))) }
            return .map(peer)
        }
    }
}
