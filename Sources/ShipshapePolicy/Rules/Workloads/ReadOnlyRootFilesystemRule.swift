import ShipshapeModel

struct ReadOnlyRootFilesystemRule: Rule {
    let description = RuleDescription(
        id: "read-only-root-filesystem", category: .workloads,
        summary: "Containers mount their image read-only.",
        rationale: "An attacker who cannot write to the filesystem cannot drop tools or persist; "
            + "writable paths are then explicit.",
        remediation: "Set `security.readOnlyRootFilesystem: true` "
            + "and give the paths the service writes as `scratch` volumes.",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: no-read-only-root-fs", "Polaris: notReadOnlyRootFilesystem",
                      "kube-score: container-security-context-readonlyrootfilesystem", "checkov: CKV_K8S_22"],
        fields: ["security.readOnlyRootFilesystem"],
        triggering: [Example(ExampleStack.api(extra: "security: {readOnlyRootFilesystem: ↓false}"))],
        nonTriggering: [Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.compactMap { service in
            guard !service.security.readOnlyRootFilesystem else { return nil }
            return context.finding("service '\(service.name)' can write to its root filesystem",
                                   at: context.serviceLocation(service, Key.Service.security,
                                                               Key.Security.readOnlyRootFilesystem),
                                   service: service,
                                   artifact: context.artifact(service, "securityContext.readOnlyRootFilesystem"))
        }
    }
}
