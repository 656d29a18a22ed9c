import ShipshapeModel

struct NoHostAccessRule: Rule {
    let description = RuleDescription(
        id: "no-host-access", category: .workloads,
        summary: "Containers share no host namespace and are not privileged.",
        rationale: "Host network, PID or IPC namespaces and privileged mode remove the container boundary.",
        remediation: "Remove `security.hostNetwork`, `hostPID`, `hostIPC` and `privileged`, "
            + "or exempt a node agent with a reason.",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: host-network, host-pid, host-ipc, privileged-container",
                      "Polaris: hostNetworkSet, hostPIDSet, hostIPCSet, privilegeEscalationAllowed",
                      "checkov: CKV_K8S_16, CKV_K8S_17, CKV_K8S_18, CKV_K8S_19"],
        triggering: [Example(ExampleStack.api(extra: "security:\n  hostNetwork: ↓true\n  privileged: ↓true"))],
        nonTriggering: [Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.flatMap { service -> [Finding] in
            let s = service.security
            return [("hostNetwork", s.hostNetwork), ("hostPID", s.hostPID), ("hostIPC", s.hostIPC),
                    ("privileged", s.privileged)]
                .filter(\.1).map { key, _ in
                    context.finding("service '\(service.name)' sets \(key)",
                                    at: context.serviceLocation(service, Key.Service.security, key), service: service,
                                    artifact: context.artifact(service, key))
                }
        }
    }
}
