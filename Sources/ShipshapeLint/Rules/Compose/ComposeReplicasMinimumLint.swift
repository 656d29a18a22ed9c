import ShipshapeModel
import ShipshapePolicy

struct ComposeReplicasMinimumLint: LintRule {
    let info = LintRuleInfo(
        id: "replicas-minimum", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              api:
                image: shop/api:1.0
                deploy: {replicas: ↓1}
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              api: {image: "shop/api:1.0", deploy: {replicas: 2}}
              migrate: {image: "shop/api:1.0", restart: "no"}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.filter { !$0.isOneOff }.compactMap { service in
            let path: DocPath = [.key("deploy"), .key("replicas")]
            let count = service.node.value(at: path)?.number ?? 1
            guard count < ReplicasMinimumLint.minimum else { return nil }
            return context.finding("service '\(service.name)' runs \(count) replica\(count == 1 ? "" : "s"); "
                                       + "the minimum is \(ReplicasMinimumLint.minimum)", in: service, at: path)
        }
    }
}
