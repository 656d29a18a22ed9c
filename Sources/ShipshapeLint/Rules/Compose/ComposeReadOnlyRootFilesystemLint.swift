import ShipshapeModel
import ShipshapePolicy

struct ComposeReadOnlyRootFilesystemLint: LintRule {
    let info = LintRuleInfo(
        id: "read-only-root-filesystem", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              web:
                ↓image: nginx:1.27
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web: {image: "nginx:1.27", read_only: true}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.compactMap { service in
            guard service.node.member("read_only")?.flag != true else { return nil }
            return context.finding("service '\(service.name)' can write to its root filesystem", in: service,
                                   at: [.key("read_only")])
        }
    }
}
