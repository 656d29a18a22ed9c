import Foundation
import ShipshapeModel

/// One compose service: image, entrypoint/command, environment (secrets through `*_FILE`
/// files or env files), ports, health check, dependencies, deploy settings, networks, volumes
/// and confinement.
struct ComposeService {
    let stack: ResolvedStack
    let service: Service
    let context: RenderContext
    /// Set for an init container or sidecar run as a service of its own: the service it belongs to.
    var owner: (service: Service, role: Container.Role)?

    var node: DocNode {
        var m = DocMap()
        m.set("image", service.image)
        m.set("pull_policy", service.pullPolicy?.compose)
        if service.isJob || owner?.service.isJob == true { m.set("profiles", DocNode.list([.string("jobs")])) }
        m.set("entrypoint", service.command.map { DocNode.list($0.map(DocNode.string)) })
        m.set("command", service.args.map { DocNode.list($0.map(DocNode.string)) })
        m.set("working_dir", service.workingDir)
        m.setNonEmpty("environment", .map(environment))
        m.setNonEmpty("env_file", .list(envFiles.map(DocNode.string)))
        m.setNonEmpty("secrets", .list(fileSecrets.map { ref in
            ref.file == nil ? DocNode.string(ref.sourceName)
                : .map([("source", .string(ref.sourceName)), ("target", .string(ref.fileName))])
        }))
        m.setNonEmpty("ports", .list(service.ports.compactMap { port in
            port.publish.map {
                .string(Self.hostAddress(port) + "\($0):\(port.port)" + (port.protocol == .udp ? "/udp" : ""))
            }
        }))
        m.setNonEmpty("expose", .list(service.ports.filter { $0.publish == nil }.map {
            .string("\($0.port)" + ($0.protocol == .udp ? "/udp" : ""))
        }))
        m.set("healthcheck", healthcheck)
        m.setNonEmpty("depends_on", .map(service.dependsOn.compactMap { dependency in
            guard let other = stack.service(named: dependency.service), !other.isJob else { return nil }
            return (other.composeName, dependency.condition == .started
                ? .map([("condition", .string("service_started"))])
                : Self.dependency(other))
        } + companionDependencies))
        m.set("restart", service.isJob ? "no" : service.restart.rawValue)
        m.set("stop_grace_period", service.stopGracePeriod.map(Self.seconds))
        m.setNonEmpty("deploy", deploy)
        if !service.security.hostNetwork, owner?.role != .sidecar { m.set("networks", networks) }
        m.setNonEmpty("volumes", .list(volumes))
        m.setNonEmpty("tmpfs", .list(service.volumes.filter { $0.source == .scratch && !isShared($0) }.map {
            .string($0.path)
        }))
        m.set("user", user)
        if service.security.readOnlyRootFilesystem { m.set("read_only", true) }
        if service.security.privileged { m.set("privileged", true) }
        m.setNonEmpty("cap_drop", .list(service.security.capabilities.drop.map(DocNode.string)))
        m.setNonEmpty("cap_add", .list(service.security.capabilities.add.map(DocNode.string)))
        if !service.security.allowPrivilegeEscalation {
            m.set("security_opt", DocNode.list([.string("no-new-privileges:true")]))
        }
        if service.security.hostNetwork {
            m.set("network_mode", "host")
        } else if let owner, owner.role == .sidecar {
            m.set("network_mode", "service:\(owner.service.composeName)")
        }
        if service.security.hostPID { m.set("pid", "host") }
        if service.security.hostIPC { m.set("ipc", "host") }
        m.setNonEmpty("ulimits", .map(service.ulimits.map { limit in
            (limit.name, limit.soft == limit.hard ? .int(limit.soft)
                : .map([("soft", .int(limit.soft)), ("hard", .int(limit.hard))]))
        }))
        var labels = service.labels.map { ($0.key, DocNode.string($0.value)) }
        if let schedule = service.schedule {
            labels.append(("shipshape.schedule", .string(schedule.cron.text)))
            if let zone = schedule.timezone { labels.append(("shipshape.timezone", .string(zone))) }
        }
        m.setNonEmpty("labels", .map(labels))
        return m.node
    }

    /// Whole seconds, `90s`, which Docker Compose (Go durations) and podman-compose (which reads
    /// `[MINUTES m]SECONDS[s]`, not `1h30m`) both read; else milliseconds, `1500ms` (the compose
    /// spec has no fractions; podman-compose then stops with its default).
    static func seconds(_ duration: Duration) -> String {
        duration.wholeSeconds.map { "\($0)s" } ?? "\(duration.milliseconds)ms"
    }

    /// `127.0.0.1:` or `[::1]:` before a published port bound to one host address (compose needs
    /// the brackets to tell an IPv6 address from the ports).
    static func hostAddress(_ port: ServicePort) -> String {
        guard let address = port.publishAddress else { return "" }
        return Bytes.contains(UInt8(ascii: ":"), in: address) ? "[\(address)]:" : "\(address):"
    }

    func source(_ ref: SecretRef) -> SecretSource? { stack.secret(named: ref.secret)?.source }

    /// How compose delivers a reference: a file under /run/secrets, an `env_file:` (the variable
    /// from a file the operator provides), or not at all (`problem` says why).
    enum Delivery: Equatable {
        case file
        case envFile(String)
        case impossible(problem: String, expected: String)
    }

    /// The short form keeps its meaning (a file, or the `envFile:` source's variables); a
    /// delivery chosen in the long form is honoured or is an error.
    func delivery(_ ref: SecretRef) -> Delivery? {
        guard let secret = stack.secret(named: ref.secret) else { return nil }
        switch (ref.delivery, secret.source) {
        case let (.env, .envFile(path)):
            return .envFile(ComposeFile.literal(context.fromTarget(path)))
        case let (.file, .envFile(path)):
            if ref.isDefault { return .envFile(ComposeFile.literal(context.fromTarget(path))) }
            return .impossible(problem: "secret '\(secret.name)' comes from an env file, which compose cannot "
                                   + "mount as the file \(ref.path)",
                               expected: "'as: env', or a 'files:' or 'existing:' source for this environment")
        case (.file, _):
            return .file
        case let (.env, .existing(name)):
            return .envFile("\(ComposeFile.secretsFolder)/\(ComposeFile.literal(name)).env")
        case (.env, .external):
            return .envFile("\(ComposeFile.secretsFolder)/\(ComposeFile.literal(secret.name)).env")
        case (.env, .files):
            return .impossible(problem: "secret '\(secret.name)' is a folder of files, and compose cannot put a "
                                   + "file into the variable \(ref.variable)",
                               expected: "'as: file', or an 'envFile:' or 'existing:' source for this environment")
        }
    }

    /// Secret references served as files under /run/secrets.
    var fileSecrets: [SecretRef] {
        service.secrets.filter { delivery($0) == .file }
    }

    /// The env files that hold the service's secret variables: an `envFile:` source, or
    /// `<name>.env` in the host's secrets folder for a secret delivered `as: env`.
    var envFiles: [String] {
        var files: [String] = []
        for ref in service.secrets {
            if case let .envFile(file)? = delivery(ref), !files.contains(file) { files.append(file) }
        }
        return files
    }

    /// Plain variables, then `VAR_FILE=/run/secrets/<secret>-<key>` for each secret read from a
    /// file (the suffix is the service's `secretFileSuffix`).
    var environment: [(key: String, value: DocNode)] {
        service.env.map { ($0.key, DocNode.string($0.value)) }
            + fileSecrets.map { ("\($0.variable)\(service.secretFileSuffix)", DocNode.string($0.path)) }
    }

    var healthcheck: DocNode? {
        guard let probe = service.composeHealth else { return nil }
        let test: [String]
        switch probe.check {
        case _ where service.compose.healthcheck != nil:
            test = Self.test(service.compose.healthcheck ?? [])
        case let .exec(command):
            test = Self.test(command)
        case let .http(path, port, headers):
            let url = Shell.quote("http://localhost:\(number(port))\(path)")
            let options = headers.map { " -H " + Shell.quote("\($0.name): \($0.value)") }.joined()
            test = ["CMD-SHELL", "curl -fsS\(options) \(url) >/dev/null || exit 1"]
        case let .tcp(port):
            test = ["CMD-SHELL", "nc -z localhost \(number(port)) || exit 1"]
        case .grpc:
            return nil // never reached: `composeHealth` is nil for a gRPC check without a command
        }
        var m = DocMap()
        m.set("test", DocNode.list(test.map(DocNode.string)))
        m.set("interval", probe.period?.description)
        m.set("timeout", probe.timeout?.description)
        m.set("retries", probe.failureThreshold)
        m.set("start_period", probe.initialDelay?.description)
        return m.node
    }

    /// A command as a health check test: `[sh, -c, SCRIPT]` runs SCRIPT with the image's shell
    /// (`CMD-SHELL`); anything else, bash scripts included, runs as it is (`CMD`).
    static func test(_ command: [String]) -> [String] {
        if command.count == 3, ["sh", "/bin/sh"].contains(command[0]), command[1] == "-c" {
            return ["CMD-SHELL", command[2]]
        }
        return ["CMD"] + command
    }

    func number(_ reference: PortReference) -> Int {
        service.port(named: reference)?.port ?? 0
    }

    /// `service_healthy` when the dependency has a health check, else `service_started`.
    static func dependency(_ other: Service) -> DocNode {
        .map([("condition", .string(other.composeHealth == nil ? "service_started" : "service_healthy"))])
    }

    var deploy: DocNode {
        var m = DocMap()
        if !service.isJob, service.replicas != 1 {
            // Docker defaults the mode; podman-compose honours `replicas` only with it.
            m.set("mode", "replicated")
            m.set("replicas", service.replicas)
        }
        func amounts(_ a: ResourceAmounts) -> DocNode {
            var r = DocMap()
            r.set("cpus", a.cpu.map { Self.cpus($0) })
            r.set("memory", a.memory.map { Self.bytes($0) })
            return r.node
        }
        var resources = DocMap()
        resources.setNonEmpty("limits", amounts(service.resources.limits))
        resources.setNonEmpty("reservations", amounts(service.resources.requests))
        m.setNonEmpty("resources", resources.node)
        return m.node
    }

    /// Cores as compose takes them: `0.5`, `2`.
    static func cpus(_ quantity: Quantity) -> String {
        let millis = Int((quantity.value * 1000).rounded())
        let whole = millis / 1000
        var fraction = abs(millis % 1000), digits = 3
        if fraction == 0 { return String(whole) }
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction), sign = millis < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }

    /// Bytes in compose's binary units: `512m`, `2g`, else bytes.
    static func bytes(_ quantity: Quantity) -> String {
        let bytes = Int(quantity.value.rounded())
        for (unit, size) in binaryUnits where bytes % size == 0 && bytes >= size {
            return "\(bytes / size)\(unit)"
        }
        return "\(bytes)b"
    }

    private static let binaryUnits = [("g", 1_073_741_824), ("m", 1_048_576), ("k", 1024)]

    /// The `networks` entry: none on compose's default network, a list of the networks joined,
    /// or with aliases a map giving them on each (`default` where the stack declares none).
    var networks: DocNode? {
        let joined = stack.networks.isEmpty ? [] : Self.networks(of: service, in: stack)
        guard !service.aliases.isEmpty else { return joined.isEmpty ? nil : .list(joined.map(DocNode.string)) }
        let aliases = DocNode.map([("aliases", .list(service.aliases.map(DocNode.string)))])
        return .map((joined.isEmpty ? ["default"] : joined).map { ($0, aliases) })
    }

    /// The networks a service joins: its own list, else the first declared network. A service
    /// that publishes ports but is only on internal networks also joins `publishNetwork`: the
    /// host cannot reach a port published from an internal network (Docker publishes nothing
    /// there; podman accepts connections that nothing answers).
    static func networks(of service: Service, in stack: ResolvedStack) -> [String] {
        let networks = service.networks.isEmpty ? Array(stack.networks.prefix(1).map(\.name)) : service.networks
        let publishes = service.ports.contains { $0.publish != nil }
        guard publishes, !reachesHost(networks, in: stack) else { return networks }
        return networks + [publishNetwork(in: stack)]
    }

    /// Whether one of `networks` is not internal (a network the stack does not declare is not).
    static func reachesHost(_ networks: [String], in stack: ResolvedStack) -> Bool {
        networks.contains { name in !(stack.networks.first { $0.name == name }?.isInternal ?? false) }
    }

    /// The network added for published ports of services that are otherwise only on internal
    /// networks: `published`, or the first of `published-2`, ... the stack does not declare.
    static func publishNetwork(in stack: ResolvedStack) -> String {
        var name = "published", number = 1
        while stack.networks.contains(where: { $0.name == name }) {
            number += 1
            name = "published-\(number)"
        }
        return name
    }

    static func volumeName(_ service: Service, _ volume: Volume) -> String { "\(service.name)-\(volume.name)" }

    var volumes: [DocNode] {
        service.volumes.compactMap { volume in
            switch volume.source {
            case .persistent:
                return .string("\(Self.volumeName(owner?.service ?? service, volume)):\(volume.path)"
                    + (volume.readOnly ? ":ro" : ""))
            case .scratch where isShared(volume):
                return .string("\(Self.volumeName(owner?.service ?? service, volume)):\(volume.path)"
                    + (volume.readOnly ? ":ro" : ""))
            case let .bind(path, _):
                return .string("\(context.fromTarget(path)):\(volume.path)" + (volume.readOnly ? ":ro" : ""))
            case .scratch:
                return nil  // tmpfs
            }
        }
    }

    var user: String? {
        guard let user = service.security.user else { return nil }
        return service.security.group.map { "\(user):\($0)" } ?? user
    }
}

/// POSIX shell quoting.
enum Shell {
    /// `text` as one shell word: single-quoted, with embedded quotes escaped.
    static func quote(_ text: String) -> String {
        "'" + Bytes.replacing(UInt8(ascii: "'"), with: "'\\''", in: text) + "'"
    }
}
