import ShipshapeModel

struct DropCapabilitiesRule: Rule {
    let description = RuleDescription(
        id: "drop-capabilities", category: .workloads,
        summary: "Containers drop all Linux capabilities and add back only what they need.",
        rationale: "The default set includes NET_RAW and others an application rarely needs "
            + "and an attacker often uses.",
        remediation: "Set `security.capabilities.drop: [ALL]` and list any needed one under `add`.",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: drop-net-raw-capability", "Polaris: insecureCapabilities",
                      "checkov: CKV_K8S_28, CKV_K8S_37"],
        fields: ["security.capabilities.drop"],
        triggering: [Example(ExampleStack.api(extra: "security: {capabilities: {↓drop: [NET_RAW]}}"))],
        nonTriggering: [Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.compactMap { service in
            guard !service.security.capabilities.drop.contains("ALL") else { return nil }
            return context.finding("service '\(service.name)' keeps the default capabilities",
                                   at: context.serviceLocation(service, Key.Service.security,
                                                               Key.Security.capabilities, Key.Capabilities.drop),
                                   service: service,
                                   artifact: context.artifact(service, "securityContext.capabilities.drop"))
        }
    }
}
