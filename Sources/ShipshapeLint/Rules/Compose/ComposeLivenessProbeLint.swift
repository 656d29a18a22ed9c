import ShipshapeModel
import ShipshapePolicy

struct ComposeLivenessProbeLint: LintRule {
    let info = LintRuleInfo(
        id: "liveness-probe", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              worker:
                ↓image: shop/worker:1.0
              web:
                image: nginx:1.27
                healthcheck: ↓{disable: true}
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web:
                image: nginx:1.27
                healthcheck: {test: [CMD, curl, -f, "http://localhost/"]}
              migrate: {image: "shop/api:1.0", restart: "no"}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.filter { !$0.isOneOff }.compactMap { service in
            let check = service.node.member("healthcheck")
            let test = check?.member("test")
            let disabled = check?.member("disable")?.flag == true || test?.text == "NONE"
                || test?.items.first?.text == "NONE"
            guard check == nil || disabled else { return nil }
            return context.finding("service '\(service.name)' has no health check", in: service,
                                   at: check == nil ? [] : [.key("healthcheck")])
        }
    }
}
