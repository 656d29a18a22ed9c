import ShipshapeModel

struct ComposeRestartPolicyRule: Rule {
    let description = RuleDescription(
        id: "compose-restart-policy", category: .compose,
        summary: "Long-running compose services restart when they exit.",
        rationale: "With `restart: \"no\"` a crash or a host reboot leaves the service down.",
        remediation: "Set `restart: always` or `unless-stopped` (profiles set one).",
        severity: .error, targets: [.compose],
        equivalents: ["docker compose: restart"],
        triggering: [Example(ExampleStack.api(extra: "restart: ↓\"no\"", targets: "[compose]"))],
        nonTriggering: [Example(ExampleStack.api(targets: "[compose]"))])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.filter { $0.restart == .never }.map { service in
            context.finding("service '\(service.name)' is not restarted when it exits",
                            at: context.serviceLocation(service, Key.Service.restart),
                            service: service, artifact: "\(context.composeFile): services.\(service.name).restart")
        }
    }
}
