import ShipshapeModel
import ShipshapePolicy

struct ComposeRestartPolicyLint: LintRule {
    let info = LintRuleInfo(
        id: "compose-restart-policy", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              api:
                ↓image: shop/api:1.0
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              api: {image: "shop/api:1.0", restart: unless-stopped}
              swarm: {image: "shop/api:1.0", deploy: {restart_policy: {condition: any}}}
              migrate: {image: "shop/api:1.0", restart: "no"}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.filter { !$0.isOneOff }.compactMap { service in
            let restart = service.node.member("restart")?.text
            let deployed = service.node.value(at: [.key("deploy"), .key("restart_policy"), .key("condition")])?.text
            guard restart == nil, deployed == nil || deployed == "none" else { return nil }
            return context.finding("service '\(service.name)' is not restarted when it exits", in: service,
                                   at: [.key("restart")])
        }
    }
}
