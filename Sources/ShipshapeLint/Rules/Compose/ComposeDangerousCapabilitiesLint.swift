import ShipshapeModel
import ShipshapePolicy

struct ComposeDangerousCapabilitiesLint: LintRule {
    let info = LintRuleInfo(
        id: "dangerous-capabilities", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              web:
                image: nginx:1.27
                cap_add: [CHOWN, ↓CAP_SYS_ADMIN]
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web: {image: "nginx:1.27", cap_add: [NET_BIND_SERVICE]}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.flatMap { service in
            (service.node.member("cap_add")?.items ?? []).enumerated().compactMap { index, item -> Finding? in
                let name = Capabilities.bare((item.text ?? "").uppercased())
                guard Capabilities.dangerous.contains(name) else { return nil }
                return context.finding("service '\(service.name)' adds capability \(name)", in: service,
                                       at: [.key("cap_add"), .index(index)])
            }
        }
    }
}
