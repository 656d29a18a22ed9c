import ShipshapeModel
import ShipshapePolicy

struct SystemdRestartPolicyLint: LintRule {
    let info = LintRuleInfo(
        id: "systemd-restart-policy", format: .systemd,
        triggering: [LintExample("api.service", """
            [Service]
            User=api
            ↓Restart=no
            """)],
        nonTriggering: [
            LintExample("api.service", "[Service]\nUser=api\nRestart=on-failure\n"),
            LintExample("report.service", "[Service]\nType=oneshot\nExecStart=/usr/bin/report\n"),
        ])

    func check(_ context: LintContext) -> [Finding] {
        context.services.filter { !$0.isOneShot }.compactMap { unit in
            let restart = unit.setting("Service", "Restart")?.text
            guard restart == nil || restart == "no" else { return nil }
            return context.finding("unit '\(unit.name)' is not restarted when it exits", in: unit,
                                   key: restart == nil ? nil : "Restart")
        }
    }
}
