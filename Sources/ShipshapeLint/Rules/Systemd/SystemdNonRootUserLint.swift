import ShipshapeModel
import ShipshapePolicy

struct SystemdNonRootUserLint: LintRule {
    let info = LintRuleInfo(
        id: "systemd-non-root-user", format: .systemd,
        triggering: [
            LintExample("api.service", """
            ↓[Service]
            ExecStart=/usr/bin/api
            """),
            LintExample("api.service", """
            [Service]
            ↓User=root
            ExecStart=/usr/bin/api
            """),
        ],
        nonTriggering: [
            LintExample("api.service", "[Service]\nUser=api\nExecStart=/usr/bin/api\n"),
            LintExample("api.service", "[Service]\nDynamicUser=yes\nExecStart=/usr/bin/api\n"),
        ])

    func check(_ context: LintContext) -> [Finding] {
        context.services.compactMap { unit in
            if unit.setting("Service", "DynamicUser")?.text.lowercased() == "yes" { return nil }
            let user = unit.setting("Service", "User")?.text
            guard user == nil || user == "root" || user == "0" else { return nil }
            return context.finding("unit '\(unit.name)' runs as root", in: unit, key: user == nil ? nil : "User")
        }
    }
}
