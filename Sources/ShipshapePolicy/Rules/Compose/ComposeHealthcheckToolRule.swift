import ShipshapeModel

struct ComposeHealthcheckToolRule: Rule {
    let description = RuleDescription(
        id: "compose-healthcheck-tool", category: .compose,
        summary: "The program a compose health check runs exists in the image, where that is known.",
        rationale: "Compose runs health checks inside the container: an http probe becomes `curl`, a tcp probe "
            + "`nc`. Many official images ship neither (prom/prometheus has busybox wget only, minio/minio has no "
            + "curl or wget since RELEASE.2023-11-01, slim Python and Node images have neither), so the service never "
            + "becomes healthy and everything that waits for it never starts. Compose has no gRPC check at all, "
            + "and images rarely carry `grpc_health_probe` (Online Boutique's dropped it in 2023): compose renders "
            + "no health check for a `grpc` probe unless `compose.healthcheck` names the command.",
        remediation: "Give the service `compose.healthcheck` with a command the image has "
            + "(`[wget, -q, --spider, URL]`, `[mc, ready, local]`), or build the tool into the image.",
        severity: .error, targets: [.compose],
        equivalents: ["docker compose: healthcheck.test"],
        triggering: [Example("""
        stack: demo
        targets: [compose]
        services:
          metrics:
            image: prom/prometheus:v2.45.0
            ports: [{name: http, port: 9090}]
            probes: {↓readiness: {http: /-/ready, port: http}}
        """), Example("""
        stack: demo
        targets: [compose]
        services:
          cart:
            image: demo/cart:1.0.0
            ports: [{name: grpc, port: 7070}]
            probes: {readiness: {grpc: ↓true, port: grpc}}
        """)],
        nonTriggering: [
            Example("""
            stack: demo
            targets: [compose]
            services:
              cart:
                image: demo/cart:1.0.0
                ports: [{name: grpc, port: 7070}]
                probes: {readiness: {grpc: {service: cart}, port: grpc}}
                compose: {healthcheck: [grpc_health_probe, "-addr=:7070", -service=cart]}
            """),
            Example("""
            stack: demo
            targets: [compose]
            services:
              metrics:
                image: prom/prometheus:v2.45.0
                ports: [{name: http, port: 9090}]
                probes: {readiness: {http: /-/ready, port: http}}
                compose: {healthcheck: [wget, -q, --spider, "http://localhost:9090/-/ready"]}
            """),
            Example("""
            stack: demo
            targets: [compose]
            services:
              api:
                image: demo/api:1.4.2
                ports: [{name: http, port: 8080}]
                probes: {readiness: {http: /ready, port: http}}
            """),
        ])

    /// Images known to lack common check tools: repository, a tag fragment (nil: any tag), the
    /// tools missing, and what the image has instead.
    static let known: [(repository: String, tag: String?, missing: Set<String>, has: String)] = [
        ("prom/prometheus", nil, ["curl"], "busybox wget"),
        ("minio/minio", nil, ["curl", "wget"], "mc (`mc ready local`)"),
        ("python", "slim", ["curl", "wget"], "python (urllib)"),
        ("python", "alpine", ["curl"], "busybox wget"),
        ("node", "slim", ["curl", "wget"], "node"),
        ("node", "alpine", ["curl"], "busybox wget"),
        ("redis", "alpine", ["curl"], "busybox wget, redis-cli"),
        ("postgres", "alpine", ["curl"], "busybox wget, pg_isready"),
    ]

    func check(_ context: RuleContext) -> [Finding] {
        context.services.compactMap { service in
            guard let (kind, probe) = Self.health(service) else { return nil }
            if case .grpc = probe.check, service.compose.healthcheck == nil {
                return context.finding("service '\(service.name)': compose has no gRPC health check, so it renders "
                                       + "none for the \(kind) probe (dependents wait for the container to start)",
                                       at: context.location([Key.Stack.services, service.name, Key.Service.probes,
                                                             kind, Key.Probe.grpc]),
                                       service: service, artifact: "\(context.composeFile): services.\(service.name)")
            }
            guard let tool = Self.tool(service, probe) else { return nil }
            let (repository, tag) = Self.split(service.image)
            let entry = Self.known.first { $0.repository == repository && ($0.tag.map { tag.contains($0) } ?? true) }
            guard let entry, entry.missing.contains(tool) else { return nil }
            let path = service.compose.healthcheck != nil ? [Key.Service.compose, Key.Compose.healthcheck]
                : [Key.Service.probes, kind]
            return context.finding("service '\(service.name)': compose's health check runs \(tool), "
                                   + "which \(service.image) does not have (it has \(entry.has))",
                                   at: context.location([Key.Stack.services, service.name] + path), service: service,
                                   artifact: "\(context.composeFile): services.\(service.name).healthcheck.test")
        }
    }

    /// The probe compose's health check comes from, and its name.
    static func health(_ service: Service) -> (String, Probe)? {
        if let p = service.probes.readiness { return ("readiness", p) }
        if let p = service.probes.liveness { return ("liveness", p) }
        return service.probes.startup.map { ("startup", $0) }
    }

    /// The program the check runs: the first word of `compose.healthcheck` or of an exec probe
    /// (of the script for `sh -c`), `curl` for http, `nc` for tcp.
    static func tool(_ service: Service, _ probe: Probe) -> String? {
        var command: [String]
        if let override = service.compose.healthcheck {
            command = override
        } else {
            switch probe.check {
            case .http: return "curl"
            case .tcp: return "nc"
            case .grpc: return nil // without compose.healthcheck, compose renders no check (reported)
            case let .exec(words): command = words
            }
        }
        if command.count == 3, ["sh", "/bin/sh"].contains(command[0]), command[1] == "-c" {
            command = command[2].split(separator: " ").map(String.init)
        }
        return command.first.map(Names.lastComponent)
    }

    /// `prom/prometheus:v2.45.0` → (`prom/prometheus`, `v2.45.0`); Docker Hub prefixes dropped.
    static func split(_ image: String) -> (String, String) {
        var name = image
        var tag = ""
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/" as Character) {
            tag = String(name[name.index(after: colon)...])
            name = String(name[..<colon])
        }
        for prefix in ["docker.io/library/", "docker.io/", "library/"] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
        }
        return (name, tag)
    }
}

/// `compose-healthcheck-tool`'s knowledge of images, for `lint`.
public enum HealthcheckTools {
    /// What `image` has instead, when it is known to lack `tool`; nil when it has it or is not known.
    public static func missing(_ tool: String, in image: String) -> String? {
        let (repository, tag) = ComposeHealthcheckToolRule.split(image)
        let entry = ComposeHealthcheckToolRule.known.first {
            $0.repository == repository && ($0.tag.map { tag.contains($0) } ?? true)
        }
        guard let entry, entry.missing.contains(tool) else { return nil }
        return entry.has
    }
}
