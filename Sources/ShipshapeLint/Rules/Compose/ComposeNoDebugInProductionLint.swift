import ShipshapeModel
import ShipshapePolicy

struct ComposeNoDebugInProductionLint: LintRule {
    let info = LintRuleInfo(
        id: "no-debug-in-production", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              api:
                image: shop/api:1.0
                environment:
                  LOG_LEVEL: ↓debug
              worker:
                image: shop/api:1.0
                environment: [↓"FLASK_DEBUG=1"]
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              api:
                image: shop/api:1.0
                environment: {LOG_LEVEL: info, DEBUG: "false"}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.flatMap { service -> [Finding] in
            service.environment.compactMap { name, value, path in
                guard debugSwitchOn(name: name, value: value) else { return nil }
                return context.finding("\(name)=\(value) in service '\(service.name)'", in: service, at: path)
            }
        }
    }
}
