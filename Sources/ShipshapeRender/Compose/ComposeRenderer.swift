import ShipshapeModel

/// Renders the `compose` target: `docker-compose.yml` following the Compose Specification
/// (top-level `name`, no `version:`). Scheduled jobs become services under the `jobs` profile
/// (compose has no scheduler: run them with `docker compose --profile jobs run --rm JOB` from
/// cron). When the stack has a proxy, an nginx service mounts the nginx site rendered for the
/// same environment (`context.nginxSite`: the nginx target's, or where the environment does not
/// render nginx, a copy beside the compose file) and publishes 80/443.
public struct ComposeRenderer: TargetRenderer {
    public let target = Target.compose

    public init() {}

    public func artifacts(_ stack: ResolvedStack, context: RenderContext, diagnostics: DiagnosticCollector) -> [Artifact] {
        let id = ArtifactID(environment: stack.environment, target: .compose, kind: ArtifactID.composeFile, name: stack.name)
        return [Artifact(id: id, body: .compose(document(stack, context: context)))]
    }

    /// The compose file as a document, before it is printed (the diff compares documents).
    public func document(_ stack: ResolvedStack, context: RenderContext = .standard) -> DocNode {
        ComposeFile(stack: stack, context: context).document
    }
}

/// Builds one compose file.
struct ComposeFile {
    let stack: ResolvedStack
    let context: RenderContext

    /// The name of the nginx service that runs the proxy.
    var proxyName: String {
        stack.service(named: "nginx") == nil ? "nginx" : "\(stack.name)-nginx"
    }

    var document: DocNode {
        var services: [(key: String, value: DocNode)] = stack.services.map { ($0.name, ComposeService(stack: stack, service: $0, context: context).node) }
        if let proxy = stack.proxy { services.append((proxyName, proxyService(proxy))) }

        var m = DocMap()
        m.set("name", "\(stack.name)-\(stack.environment)")
        m.set("services", DocNode.map(services))
        m.setNonEmpty("networks", .map(stack.networks.map { network in
            var n = DocMap()
            if network.isInternal { n.set("internal", true) }
            return (network.name, n.node)
        }))
        m.setNonEmpty("volumes", .map(stack.services.flatMap { service in
            service.volumes.filter(\.isPersistent).map { (ComposeService.volumeName(service, $0), DocNode.map([])) }
        }))
        m.setNonEmpty("secrets", .map(secrets))
        return Self.escapeDollars(m.node)
    }

    /// Top-level secrets: one per secret key that a service reads from a file or an existing
    /// (external) secret. Their values never appear here.
    var secrets: [(key: String, value: DocNode)] {
        var seen: Set<String> = []
        var result: [(key: String, value: DocNode)] = []
        for service in stack.services {
            for ref in service.secrets {
                let name = ref.fileName
                guard seen.insert(name).inserted, let secret = stack.secret(named: ref.secret) else { continue }
                switch secret.source {
                case let .files(directory):
                    result.append((name, .map([("file", .string(context.fromTarget("\(directory)/\(ref.key)")))])))
                case let .existing(existing):
                    result.append((name, .map([("external", .bool(true)), ("name", .string("\(existing)-\(ref.key)"))])))
                case .external:
                    result.append((name, .map([("external", .bool(true)), ("name", .string(name))])))
                case .envFile:
                    continue
                }
            }
        }
        return result
    }

    func proxyService(_ proxy: Proxy) -> DocNode {
        var m = DocMap()
        m.set("image", "nginx:\(stack.nginx.version)-alpine")
        var ports: [DocNode] = [.string("80:80")]
        if proxy.tls != nil { ports.append(.string("443:443")) }
        m.set("ports", .list(ports))
        var volumes: [DocNode] = [.string("\(context.nginxSite):/etc/nginx/conf.d/default.conf:ro")]
        let certificateFolders = Set([proxy.tls?.certificate, proxy.tls?.key].compactMap { $0 }.map(Self.folder))
        volumes += certificateFolders.sorted().map { .string("\($0):\($0):ro") }
        m.set("volumes", .list(volumes))
        let routed = proxy.routes.map(\.service).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        m.set("depends_on", DocNode.map(routed.compactMap { name in
            stack.service(named: name).map { (name, ComposeService.dependency($0)) }
        }))
        m.set("restart", Self.restart(routed.compactMap { stack.service(named: $0) }).rawValue)
        m.set("security_opt", DocNode.list([.string("no-new-privileges:true")]))
        m.set("cap_drop", DocNode.list([.string("ALL")]))
        m.set("cap_add", DocNode.list(["CHOWN", "DAC_OVERRIDE", "SETGID", "SETUID", "NET_BIND_SERVICE"].map(DocNode.string)))
        if !stack.networks.isEmpty {
            let networks = routed.compactMap { stack.service(named: $0) }.flatMap { ComposeService.networks(of: $0, in: stack) }
            m.set("networks", DocNode.list(networks.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.map(DocNode.string)))
        }
        return m.node
    }

    /// The proxy restarts like the most available service it routes to.
    static func restart(_ services: [Service]) -> RestartPolicy {
        let order: [RestartPolicy] = [.always, .unlessStopped, .onFailure, .never]
        return order.first { policy in services.contains { !$0.isJob && $0.restart == policy } } ?? .always
    }

    static func folder(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return "/" + parts.dropLast().joined(separator: "/")
    }

    /// Compose interpolates `$` in every value; `$$` keeps a literal dollar for the container.
    static func escapeDollars(_ node: DocNode) -> DocNode {
        switch node {
        case let .string(s): .string(s.contains("$") ? s.replacingOccurrences(of: "$", with: "$$") : s)
        case let .map(members): .map(members.map { ($0.key, escapeDollars($0.value)) })
        case let .list(items): .list(items.map(escapeDollars))
        case let .commented(inner, comment): .commented(escapeDollars(inner), comment)
        default: node
        }
    }
}
