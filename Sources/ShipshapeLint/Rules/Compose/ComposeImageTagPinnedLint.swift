import ShipshapeModel
import ShipshapePolicy

struct ComposeImageTagPinnedLint: LintRule {
    let info = LintRuleInfo(
        id: "image-tag-pinned", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              web: {image: ↓"nginx:latest"}
              db: {image: ↓postgres}
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web: {image: "nginx:1.27"}
              app: {build: .}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.compactMap { service in
            guard let image = service.node.member("image")?.text,
                  let problem = ImageTagPinnedLint.problem(image) else { return nil }
            return context.finding("image \(quoted(image)) of service '\(service.name)' \(problem)", in: service,
                                   at: [.key("image")])
        }
    }
}
