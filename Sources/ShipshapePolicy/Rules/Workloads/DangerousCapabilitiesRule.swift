import ShipshapeModel

struct DangerousCapabilitiesRule: Rule {
    let description = RuleDescription(
        id: "dangerous-capabilities", category: .workloads,
        summary: "Containers add no capability that amounts to root on the host (SYS_ADMIN, NET_ADMIN, ALL, ...).",
        rationale: "SYS_ADMIN, SYS_MODULE, SYS_PTRACE, BPF and their kind let a process leave its container or "
            + "control the host; adding ALL grants every one of them.",
        remediation: "Remove the capability and find the narrower one the program needs (NET_BIND_SERVICE for a low "
            + "port), or exempt the service with a reason a reviewer accepts.",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: privilege-escalation-container (SYS_ADMIN)", "Polaris: dangerousCapabilities",
                      "checkov: CKV_K8S_39 (SYS_ADMIN)", "kube-score: container-security-context-privileged"],
        triggering: [
            Example(ExampleStack.api(extra: "security: {capabilities: {drop: [ALL], add: [↓SYS_ADMIN]}}")),
            Example(ExampleStack.api(
                extra: "security: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE, ↓CAP_NET_ADMIN]}}")),
            Example(ExampleStack.api(extra: "security: {capabilities: {drop: [ALL], add: [↓ALL]}}")),
        ],
        nonTriggering: [
            Example(ExampleStack.api()),
            Example(ExampleStack.api(extra: "security: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE, CHOWN]}}")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.flatMap { service in
            service.security.capabilities.add.enumerated().compactMap { index, name -> Finding? in
                guard Capabilities.dangerous.contains(Capabilities.bare(name)) else { return nil }
                return context.finding(
                    "service '\(service.name)' adds \(name), which amounts to root on the host",
                    at: context.serviceLocation(service, Key.Service.security, Key.Security.capabilities,
                                                Key.Capabilities.add, "\(index)"),
                    service: service, artifact: context.artifact(service, "securityContext.capabilities.add"))
            }
        }
    }
}
