import ShipshapeModel

struct PrivilegedPortBindRule: Rule {
    let description = RuleDescription(
        id: "privileged-port-bind", category: .workloads,
        summary: "A container that listens on a port below 1024 can bind it.",
        rationale: "Binding a port below 1024 needs CAP_NET_BIND_SERVICE in the process's effective set wherever "
            + "`net.ipv4.ip_unprivileged_port_start` is 1024: Kubernetes pods (shipshape renders no pod sysctl), "
            + "podman containers (tested: podman 4 keeps 1024) and host networking. Root has the capability unless "
            + "it is dropped: `drop: [ALL]` without `add: [NET_BIND_SERVICE]` fails everywhere. A non-root process "
            + "has it only as an ambient capability: podman makes an added one ambient, Kubernetes never does (and "
            + "with `allowPrivilegeEscalation: false`, no_new_privs, even the binary's file capabilities are "
            + "ignored). Either way `bind()` fails with EACCES and the container restarts forever. Docker (20.10+) "
            + "sets `ip_unprivileged_port_start=0` in each container's network, where any port binds.",
        remediation: "Listen on a port of 1024 or above (routes and probes follow the port's name); or run as root "
            + "with `capabilities.add: [NET_BIND_SERVICE]`; on compose a non-root user may add NET_BIND_SERVICE.",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: privileged-ports (partly)", "Polaris: (none)", "kube-score: (none)",
                      "checkov: (none)"],
        triggering: [
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: ↓80}]"])),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: 8080}, {name: smtp, port: ↓25}]"],
                                     extra: "security: {runAsNonRoot: false, user: \"0\"}")),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: ↓443}]"],
                                     extra: "security: {user: \"10001\", capabilities: {add: [NET_BIND_SERVICE]}}")),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: ↓80}]"],
                                     extra: "security: {user: \"10001\", capabilities: {drop: [NET_RAW]}}",
                                     targets: "[compose]")),
        ],
        nonTriggering: [
            Example(ExampleStack.api()),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: 80}]"],
                                     extra: "security: {runAsNonRoot: false, user: \"0\", "
                                         + "capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}")),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: 80}]"],
                                     extra: "security: {user: \"10001\", capabilities: {add: [NET_BIND_SERVICE]}}",
                                     targets: "[compose]")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.flatMap { service in
            service.ports.filter { $0.port < 1024 && $0.protocol == .tcp }.compactMap { port -> Finding? in
                var reasons: [String] = []
                for target in [Target.kubernetes, .compose] where context.renders(target) {
                    guard let reason = Self.failure(service.security, on: target),
                          !reasons.contains(where: { $0.hasPrefix(reason) }) else { continue }
                    reasons.append(reason + (target == .compose ? " (podman; Docker binds any port)" : " (Kubernetes)"))
                }
                guard !reasons.isEmpty else { return nil }
                return context.finding("service '\(service.name)' listens on port \(port.port) but "
                                           + reasons.joined(separator: "; ") + ", so bind() fails with EACCES",
                                       at: context.serviceLocation(service, Key.Service.ports, port.name,
                                           Key.Port.port),
                                       service: service,
                                       artifact: context.artifact(service, "ports[\(port.name)]"))
            }
        }
    }

    /// Why a process confined by `security` cannot bind a port below 1024 on `target`, or nil when
    /// it can or may (root with the capability, a privileged container, an image whose user decides).
    static func failure(_ security: Security, on target: Target) -> String? {
        guard !security.privileged else { return nil }
        let drop = Set(security.capabilities.drop.map(Capabilities.bare))
        let add = Set(security.capabilities.add.map(Capabilities.bare))
        let added = !add.isDisjoint(with: ["ALL", "NET_BIND_SERVICE"])
        if !added, !drop.isDisjoint(with: ["ALL", "NET_BIND_SERVICE"]) {
            return "drops NET_BIND_SERVICE (\(drop.contains("ALL") ? "drop: [ALL]" : "drop: [NET_BIND_SERVICE]")) "
                + "without adding it back"
        }
        let uid = security.user.flatMap(Int.init)
        switch target {
        case .kubernetes:
            // runAsUser is numeric: a user name is not rendered, and the image decides.
            guard security.runAsNonRoot || (uid ?? 0) != 0, !security.allowPrivilegeEscalation else { return nil }
            return "runs as a non-root user, which Kubernetes gives no effective capabilities"
        default:
            let nonRoot = uid.map { $0 != 0 } ?? security.user.map { $0 != "root" } ?? false
            guard nonRoot, !added else { return nil }
            return "runs as a non-root user without adding NET_BIND_SERVICE"
        }
    }
}
