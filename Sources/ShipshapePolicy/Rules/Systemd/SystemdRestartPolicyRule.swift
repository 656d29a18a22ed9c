import ShipshapeModel

struct SystemdRestartPolicyRule: Rule {
    let description = RuleDescription(
        id: "systemd-restart-policy", category: .systemd,
        summary: "Long-running units restart when they exit.",
        rationale: "A crashed service with `Restart=no` stays down until someone notices.",
        remediation: "Set `restart: always` or `on-failure` (the default is `always`).",
        severity: .error, targets: [.systemd],
        equivalents: ["systemd-analyze verify (none)"],
        triggering: [Example(SystemdExample.api(extra: "restart: ↓\"no\""))],
        nonTriggering: [Example(SystemdExample.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.filter { $0.systemd.hostUnit == nil && $0.restart == .never }.map { service in
            context.finding("the unit of service '\(service.name)' is not restarted when it exits",
                            at: context.serviceLocation(service, Key.Service.restart),
                            service: service, artifact: "\(context.unitFile(service)): Restart=no")
        }
    }
}
