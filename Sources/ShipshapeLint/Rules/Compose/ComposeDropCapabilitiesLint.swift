import ShipshapeModel
import ShipshapePolicy

struct ComposeDropCapabilitiesLint: LintRule {
    let info = LintRuleInfo(
        id: "drop-capabilities", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              web:
                image: nginx:1.27
                cap_drop: ↓[NET_RAW]
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web: {image: "nginx:1.27", cap_drop: [ALL]}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.compactMap { service in
            let dropped = service.node.member("cap_drop")?.items.compactMap { $0.text?.uppercased() } ?? []
            guard !dropped.contains("ALL") else { return nil }
            return context.finding("service '\(service.name)' keeps the default capabilities", in: service,
                                   at: [.key("cap_drop")])
        }
    }
}
