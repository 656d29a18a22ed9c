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

    public func artifacts(_ stack: ResolvedStack, context: RenderContext,
                          diagnostics: DiagnosticCollector) -> [Artifact] {
        let id = ArtifactID(environment: stack.environment, target: .compose, kind: ArtifactID.composeFile,
                            name: stack.name)
        for service in stack.services {
            let compose = ComposeService(stack: stack, service: service, context: context)
            for ref in service.secrets {
                guard case let .impossible(problem, expected)? = compose.delivery(ref) else { continue }
                diagnostics.error(problem, at: stack.location(of: Key.Stack.services, service.name,
                                                              Key.Service.secrets, ref.variable,
                                                              Key.SecretReference.as),
                                  expected: expected)
            }
            if service.restartDelay != nil {
                diagnostics.error("compose cannot wait before a restart: the container engine restarts at once "
                                      + "and backs off on its own (deploy.restart_policy.delay is Swarm-only)",
                                  at: stack.location(of: Key.Stack.services, service.name, Key.Service.restartDelay),
                                  expected: "restartDelay only in environments that render systemd",
                                  hint: "set it in the overlay of the environments that render systemd")
            }
            if service.security.hostNetwork, !service.aliases.isEmpty {
                diagnostics.error("service '\(service.name)' is on the host's network, where compose gives it "
                                      + "no network aliases",
                                  at: stack.location(of: Key.Stack.services, service.name, Key.Service.aliases),
                                  expected: "aliases only for a service on compose networks")
            }
        }
        checkCompanions(stack, context: context, diagnostics: diagnostics)
        return [Artifact(id: id, body: .compose(context.bodies ? document(stack, context: context) : .null))]
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
        stack.services.contains { $0.composeName == "nginx" } ? "\(stack.name)-nginx" : "nginx"
    }

    var document: DocNode {
        var services: [(key: String, value: DocNode)] = stack.services.flatMap { service in
            let compose = ComposeService(stack: stack, service: service, context: context)
            let node = compose.node
            let patched = service.compose.patch.map { DocPatch.merge(node, DocPatch.document($0.value)) }
            return [(service.composeName, patched ?? node)] + compose.companions.map { ($0.name, $0.node) }
        }
        if let proxy = stack.proxy, !stack.proxiesFromHost { services.append((proxyName, proxyService(proxy))) }

        var m = DocMap()
        m.set("name", "\(stack.name)-\(stack.environment)")
        m.set("services", DocNode.map(services))
        m.setNonEmpty("networks", .map(stack.networks.map { network in
            var n = DocMap()
            if network.isInternal { n.set("internal", true) }
            return (network.name, n.node)
        } + (usesPublishNetwork ? [(ComposeService.publishNetwork(in: stack), DocNode.map([]))] : [])))
        m.setNonEmpty("volumes", .map(stack.services.flatMap { service in
            service.volumes.filter { $0.isPersistent || ComposeService.sharedScratch(service).contains($0.name) }
                .map { (ComposeService.volumeName(service, $0), DocNode.map([])) }
        }))
        m.setNonEmpty("secrets", .map(secrets))
        return Self.escapeDollars(m.node, keeping: [["secrets", "*", "file"], ["services", proxyName, "volumes"],
                                                    ["services", "*", "env_file"]])
    }

    /// Whether a service (or the proxy) joins the network added for published ports.
    var usesPublishNetwork: Bool {
        // Without declared networks every service is on compose's default network, which
        // reaches the host: services list no networks, and none is added.
        guard !stack.networks.isEmpty else { return false }
        let name = ComposeService.publishNetwork(in: stack)
        let joined = stack.services.contains { service in
            !service.security.hostNetwork && ComposeService.networks(of: service, in: stack).contains(name)
        }
        return joined
            || proxyNetworks.contains(name)
    }

    /// The host folder of secrets that exist outside the stack (`existing`, `external`): files
    /// named `<name>-<key>` in `$SHIPSHAPE_SECRETS_DIR`, by default the folder systemd
    /// credentials use. Compose refuses `external: true` secrets outside swarm; file secrets work
    /// with Docker Compose, podman-compose and `docker stack deploy` alike.
    static let secretsFolder = "${SHIPSHAPE_SECRETS_DIR:-/etc/credstore}"

    /// Prefixed to the host side of the proxy's certificate mounts: empty by default (the paths
    /// the spec gives); `SHIPSHAPE_TLS_ROOT=/srv/tls` reads `/srv/tls/etc/letsencrypt/...`.
    static let tlsRoot = "${SHIPSHAPE_TLS_ROOT:-}"

    /// Top-level secrets: one file per secret key that a service reads as a file (a folder of the
    /// stack, or `secretsFolder` for secrets that exist elsewhere). Their values never appear here.
    var secrets: [(key: String, value: DocNode)] {
        var seen: Set<String> = []
        var result: [(key: String, value: DocNode)] = []
        let services = stack.services.flatMap { service in
            [service] + service.companions.map { service.companion($0.container, role: $0.role) }
        }
        for service in services {
            for ref in ComposeService(stack: stack, service: service, context: context).fileSecrets {
                let name = ref.sourceName
                guard seen.insert(name).inserted, let secret = stack.secret(named: ref.secret) else { continue }
                switch secret.source {
                case let .files(directory):
                    let path = context.fromTarget("\(directory)/\(ref.key)")
                    result.append((name, .map([("file", .string(Self.literal(path)))])))
                case let .existing(existing):
                    let file = Self.literal("\(existing)-\(ref.key)")
                    result.append((name, .map([("file", .string("\(Self.secretsFolder)/\(file)"))])))
                case .external:
                    result.append((name, .map([("file", .string("\(Self.secretsFolder)/\(Self.literal(name))"))])))
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
        volumes += Self.certificateFolders(proxy).map { folder in
            .string("\(Self.tlsRoot)\(Self.literal(folder)):\(Self.literal(folder)):ro")
        }
        m.set("volumes", .list(volumes))
        let routed = proxy.routes.map(\.service).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        m.set("depends_on", DocNode.map(routed.compactMap { name in
            stack.service(named: name).map { ($0.composeName, ComposeService.dependency($0)) }
        }))
        m.set("restart", Self.restart(routed.compactMap { stack.service(named: $0) }).rawValue)
        m.set("security_opt", DocNode.list([.string("no-new-privileges:true")]))
        m.set("cap_drop", DocNode.list([.string("ALL")]))
        m.set("cap_add", DocNode.list(["CHOWN", "DAC_OVERRIDE", "SETGID", "SETUID", "NET_BIND_SERVICE"]
            .map(DocNode.string)))
        if !stack.networks.isEmpty {
            m.set("networks", DocNode.list(proxyNetworks.map(DocNode.string)))
        }
        return m.node
    }

    /// The proxy restarts like the most available service it routes to.
    static func restart(_ services: [Service]) -> RestartPolicy {
        let order: [RestartPolicy] = [.always, .unlessStopped, .onFailure, .never]
        return order.first { policy in services.contains { !$0.isJob && $0.restart == policy } } ?? .always
    }

    /// The proxy joins the networks of the services it routes to, and publishes 80/443 from a
    /// network that is not internal (the one added for published ports if it has none).
    var proxyNetworks: [String] {
        guard let proxy = stack.proxy, !stack.networks.isEmpty else { return [] }
        let routed = proxy.routes.compactMap { stack.service(named: $0.service) }
        var networks = routed.flatMap { ComposeService.networks(of: $0, in: stack) }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !ComposeService.reachesHost(networks, in: stack) {
            networks.append(ComposeService.publishNetwork(in: stack))
        }
        return networks
    }

    /// The host folders the proxy mounts for its certificate and key. certbot's
    /// `<root>/live/<domain>/*.pem` are links into `../../archive/<domain>/`: both are mounted.
    static func certificateFolders(_ proxy: Proxy) -> [String] {
        var folders: Set<String> = []
        for path in [proxy.tls?.certificate, proxy.tls?.key].compactMap({ $0 }) {
            let folder = Self.folder(path)
            folders.insert(folder)
            let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count >= 3, parts[parts.count - 2] == "live" {
                folders.insert((parts.dropLast(2) + ["archive", parts[parts.count - 1]]).joined(separator: "/"))
            }
        }
        return folders.sorted()
    }

    static func folder(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return "/" + parts.dropLast().joined(separator: "/")
    }

    /// `text` for compose, which interpolates `$` in every value: `$$` keeps a literal dollar.
    static func literal(_ text: String) -> String {
        Bytes.replacing(UInt8(ascii: "$"), with: "$$", in: text)
    }

    /// Every string of `node` as a compose literal, except the values at the `keeping` paths
    /// (`*` matches any key), which shipshape writes with variables and escapes itself.
    static func escapeDollars(_ node: DocNode, keeping: [[String]] = []) -> DocNode {
        escaped(node, keeping: keeping, depth: 0) ?? node
    }

    /// `node` escaped, or nil when nothing in it changes, so unchanged subtrees are not rebuilt.
    /// `keeping` holds only the paths whose first `depth` keys match the way down to `node`.
    private static func escaped(_ node: DocNode, keeping: [[String]], depth: Int) -> DocNode? {
        if keeping.contains(where: { $0.count == depth }) { return nil }
        func below(_ key: String) -> [[String]] {
            keeping.isEmpty ? keeping : keeping.filter { $0.count > depth && ($0[depth] == "*" || $0[depth] == key) }
        }
        switch node {
        case let .string(s):
            return Bytes.contains(UInt8(ascii: "$"), in: s) ? .string(literal(s)) : nil
        case let .map(members):
            var changed: [(key: String, value: DocNode)]?
            for index in members.indices {
                let key = members[index].key
                guard let value = escaped(members[index].value, keeping: below(key), depth: depth + 1) else {
                    continue
                }
                if changed == nil { changed = members }
                changed![index].value = value
            }
            return changed.map(DocNode.map)
        case let .list(items):
            let inner = below("-")
            var changed: [DocNode]?
            for index in items.indices {
                guard let value = escaped(items[index], keeping: inner, depth: depth + 1) else { continue }
                if changed == nil { changed = items }
                changed![index] = value
            }
            return changed.map(DocNode.list)
        case let .commented(inner, comment):
            return escaped(inner, keeping: keeping, depth: depth).map { .commented($0, comment) }
        default:
            return nil
        }
    }
}
