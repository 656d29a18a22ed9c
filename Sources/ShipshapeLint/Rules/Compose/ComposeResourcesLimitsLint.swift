import ShipshapeModel
import ShipshapePolicy

struct ComposeResourcesLimitsLint: LintRule {
    let info = LintRuleInfo(
        id: "resources-limits", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              api:
                ↓image: shop/api:1.0
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              api: {image: "shop/api:1.0", deploy: {resources: {limits: {memory: 512m}}}}
              old: {image: "shop/api:1.0", mem_limit: 512m}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.compactMap { service in
            let path: DocPath = [.key("deploy"), .key("resources"), .key("limits"), .key("memory")]
            guard service.node.value(at: path)?.text == nil, service.node.member("mem_limit")?.text == nil else {
                return nil
            }
            return context.finding("service '\(service.name)' has no memory limit", in: service, at: path)
        }
    }
}
