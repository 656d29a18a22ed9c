import ShipshapeModel
import ShipshapePolicy

struct SystemdResourcesLimitsLint: LintRule {
    let info = LintRuleInfo(
        id: "resources-limits", format: .systemd,
        triggering: [LintExample("api.service", """
            ↓[Service]
            User=api
            ExecStart=/usr/bin/api
            """)],
        nonTriggering: [LintExample("api.service", "[Service]\nUser=api\nMemoryMax=512M\n")])

    func check(_ context: LintContext) -> [Finding] {
        context.services.compactMap { unit in
            let keys = ["MemoryMax", "MemoryLimit", "MemoryHigh"]
            guard !keys.contains(where: { unit.setting("Service", $0) != nil }) else { return nil }
            return context.finding("unit '\(unit.name)' has no memory limit", in: unit, key: nil)
        }
    }
}
