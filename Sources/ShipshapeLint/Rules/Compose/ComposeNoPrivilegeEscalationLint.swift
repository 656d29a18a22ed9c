import ShipshapeModel
import ShipshapePolicy

struct ComposeNoPrivilegeEscalationLint: LintRule {
    let info = LintRuleInfo(
        id: "no-privilege-escalation", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              web:
                image: nginx:1.27
                security_opt: ↓[seccomp:default]
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web: {image: "nginx:1.27", security_opt: ["no-new-privileges:true"]}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.compactMap { service in
            let options = service.node.member("security_opt")?.items.compactMap(\.text) ?? []
            let set = options.contains { ["no-new-privileges", "no-new-privileges:true", "no-new-privileges=true"]
                .contains($0) }
            guard !set else { return nil }
            return context.finding("service '\(service.name)' allows privilege escalation", in: service,
                                   at: [.key("security_opt")])
        }
    }
}
