import ShipshapeModel

struct RunAsNonRootRule: Rule {
    let description = RuleDescription(
        id: "run-as-non-root", category: .workloads,
        summary: "Containers refuse to run as root.",
        rationale: "A process escaping its container as root owns the node; as an unprivileged user it owns far less.",
        remediation: "Set `security.runAsNonRoot: true` and a numeric `security.user` the image supports.",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: run-as-non-root", "Polaris: runAsRootAllowed",
                      "kube-score: container-security-context-user-group-id", "checkov: CKV_K8S_23"],
        fields: ["security.runAsNonRoot"],
        triggering: [Example(ExampleStack.api(extra: "security: {runAsNonRoot: ↓false}"))],
        nonTriggering: [Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.compactMap { service in
            guard !service.security.runAsNonRoot else { return nil }
            return context.finding("service '\(service.name)' may run as root",
                                   at: context.serviceLocation(service, Key.Service.security,
                                                               Key.Security.runAsNonRoot),
                                   service: service,
                                   artifact: context.artifact(service, "securityContext.runAsNonRoot"))
        }
    }
}
