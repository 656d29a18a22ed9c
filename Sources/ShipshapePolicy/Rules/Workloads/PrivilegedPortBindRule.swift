import ShipshapeModel

struct PrivilegedPortBindRule: Rule {
    let description = RuleDescription(
        id: "privileged-port-bind", category: .workloads,
        summary: "A pod that listens on a port below 1024 can bind it.",
        rationale: "Binding a port below 1024 needs CAP_NET_BIND_SERVICE in the process's effective set (Kubernetes "
            + "leaves `net.ipv4.ip_unprivileged_port_start` at 1024; shipshape renders no pod sysctl). Root has it "
            + "unless the capability is dropped: `drop: [ALL]` without `add: [NET_BIND_SERVICE]` fails. A non-root "
            + "process never has it: Kubernetes sets no ambient capabilities, so an added one stays out of its "
            + "effective set, and with `allowPrivilegeEscalation: false` (no_new_privs) even file capabilities of "
            + "the binary are ignored. Either way `bind()` fails with EACCES and the pod crash-loops. Compose is "
            + "not checked: Docker (20.10+) sets `ip_unprivileged_port_start=0` in each container's network.",
        remediation: "Listen on a port of 1024 or above (routes and probes follow the port's name); or run as root "
            + "with `capabilities.add: [NET_BIND_SERVICE]`; or, for a binary with file capabilities, allow "
            + "privilege escalation and add NET_BIND_SERVICE.",
        severity: .error, targets: [.kubernetes],
        equivalents: ["kube-linter: privileged-ports (partly)", "Polaris: (none)", "kube-score: (none)",
                      "checkov: (none)"],
        triggering: [
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: ↓80}]"])),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: 8080}, {name: smtp, port: ↓25}]"],
                                     extra: "security: {runAsNonRoot: false, user: \"0\"}")),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: ↓443}]"],
                                     extra: "security: {user: \"10001\", capabilities: {add: [NET_BIND_SERVICE]}}")),
        ],
        nonTriggering: [
            Example(ExampleStack.api()),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: 80}]"],
                                     extra: "security: {runAsNonRoot: false, user: \"0\", "
                                         + "capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}")),
            Example(ExampleStack.api(["ports": "ports: [{name: http, port: 80}]"], targets: "[compose]")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.flatMap { service in
            service.ports.filter { $0.port < 1024 && $0.protocol == .tcp }.compactMap { port -> Finding? in
                guard let reason = Self.failure(service.security) else { return nil }
                return context.finding("service '\(service.name)' listens on port \(port.port) but \(reason), so "
                                           + "bind() fails with EACCES",
                                       at: context.serviceLocation(service, "ports", port.name, "port"),
                                       service: service,
                                       artifact: context.artifact(service, "containers[0].ports[\(port.name)]"))
            }
        }
    }

    /// Why a process confined by `security` cannot bind a port below 1024 in a pod, or nil when it
    /// can (or may: root with the capability, a privileged container, an image whose user decides).
    static func failure(_ security: Security) -> String? {
        guard !security.privileged else { return nil }
        let drop = Set(security.capabilities.drop.map(Capabilities.bare))
        let add = Set(security.capabilities.add.map(Capabilities.bare))
        let inBoundingSet = !add.isDisjoint(with: ["ALL", "NET_BIND_SERVICE"])
            || drop.isDisjoint(with: ["ALL", "NET_BIND_SERVICE"])
        if !inBoundingSet {
            return "drops NET_BIND_SERVICE (\(drop.contains("ALL") ? "drop: [ALL]" : "drop: [NET_BIND_SERVICE]")) "
                + "without adding it back"
        }
        let nonRoot = security.runAsNonRoot || security.user.flatMap(Int.init).map { $0 != 0 } == true
        if nonRoot, !security.allowPrivilegeEscalation {
            return "runs as a non-root user, which Kubernetes gives no effective capabilities"
        }
        return nil
    }
}
