import ShipshapeModel

struct NoPrivilegeEscalationRule: Rule {
    let description = RuleDescription(
        id: "no-privilege-escalation", category: .workloads,
        summary: "Processes cannot gain privileges (setuid binaries, file capabilities).",
        rationale: "Privilege escalation is the usual second step of a container breakout.",
        remediation: "Leave `security.allowPrivilegeEscalation` false (the default).",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: privilege-escalation-container", "Polaris: privilegeEscalationAllowed",
                      "checkov: CKV_K8S_20"],
        fields: ["security.allowPrivilegeEscalation"],
        triggering: [Example(ExampleStack.api(extra: "security: {allowPrivilegeEscalation: ↓true}"))],
        nonTriggering: [Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.compactMap { service in
            guard service.security.allowPrivilegeEscalation else { return nil }
            return context.finding("service '\(service.name)' allows privilege escalation",
                                   at: context.serviceLocation(service, Key.Service.security,
                                                               Key.Security.allowPrivilegeEscalation),
                                   service: service,
                                   artifact: context.artifact(service, "securityContext.allowPrivilegeEscalation"))
        }
    }
}
