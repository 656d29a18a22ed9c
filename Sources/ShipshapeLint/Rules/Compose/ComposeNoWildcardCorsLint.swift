import ShipshapeModel
import ShipshapePolicy

struct ComposeNoWildcardCorsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-wildcard-cors", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              api:
                image: shop/api:1.0
                environment:
                  CORS_ALLOWED_ORIGINS: ↓"https://app.example.com, *"
              worker:
                image: shop/api:1.0
                environment: [↓"ALLOWED_ORIGINS=*"]
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              api:
                image: shop/api:1.0
                environment: {CORS_ORIGINS: "https://app.example.com", FILES: "*"}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.flatMap { service -> [Finding] in
            service.environment.compactMap { name, value, path in
                guard WildcardCors.allowsEvery(name: name, value: value) else { return nil }
                return context.finding("\(name) of service '\(service.name)' allows every origin", in: service,
                                       at: path)
            }
        }
    }
}
