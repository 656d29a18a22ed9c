import ShipshapeModel
import ShipshapePolicy

struct ComposeHealthcheckForDependentsLint: LintRule {
    let info = LintRuleInfo(
        id: "compose-healthcheck-for-dependents", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              web:
                image: shop/web:1.0
                depends_on:
                  db: {condition: ↓service_healthy}
              db:
                image: postgres:15.4
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web:
                image: shop/web:1.0
                depends_on:
                  db: {condition: service_healthy}
                  cache: {condition: service_started}
              db:
                image: postgres:15.4
                healthcheck: {test: ["CMD", "pg_isready"], interval: 10s}
              cache:
                image: redis:7.2
            """)])

    /// Whether the service states a health check that is not turned off.
    static func hasHealthcheck(_ service: ComposeService) -> Bool {
        guard let check = service.node.member("healthcheck"), check.isMap else { return false }
        if check.member("disable")?.flag == true { return false }
        let test = check.member("test")
        return test?.items.first?.text != "NONE" && test?.text != "NONE"
    }

    func check(_ context: LintContext) -> [Finding] {
        let services = context.set.composeServices
        return services.flatMap { service -> [Finding] in
            guard let dependsOn = service.node.member("depends_on"), dependsOn.isMap else { return [] }
            return dependsOn.pairs.compactMap { name, entry -> Finding? in
                guard entry.member("condition")?.text == "service_healthy" else { return nil }
                let named = services.filter { $0.name == name }
                guard !named.isEmpty, !named.contains(where: Self.hasHealthcheck) else { return nil }
                return context.finding("service '\(service.name)' waits for '\(name)' to be healthy, but '\(name)' "
                                           + "has no health check", in: service,
                                       at: [.key("depends_on"), .key(name), .key("condition")])
            }
        }
    }
}
