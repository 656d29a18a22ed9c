import ShipshapeModel
import ShipshapePolicy

struct ComposeRunAsNonRootLint: LintRule {
    let info = LintRuleInfo(
        id: "run-as-non-root", format: .compose,
        triggering: [
            LintExample("docker-compose.yml", """
            services:
              web:
                ↓image: nginx:1.27
            """),
            LintExample("docker-compose.yml", """
            services:
              web:
                image: nginx:1.27
                user: ↓"0:0"
            """),
        ],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web: {image: "nginx:1.27", user: "101:101"}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.compactMap { service in
            let user = service.user?.split(separator: ":").first.map(String.init)
            if let user, user != "0", user != "root", !user.isEmpty { return nil }
            return context.finding("service '\(service.name)' may run as root", in: service,
                                   at: user == nil ? [] : [.key("user")])
        }
    }
}
