import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

struct ComposeHealthcheckToolLint: LintRule {
    let info = LintRuleInfo(
        id: "compose-healthcheck-tool", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              prometheus:
                image: prom/prometheus:v2.54.1
                healthcheck:
                  test: [CMD, ↓curl, -f, "http://localhost:9090/-/ready"]
              minio:
                image: minio/minio:RELEASE.2024-10-13T13-34-11Z
                healthcheck:
                  test: ↓"curl -f http://localhost:9000/minio/health/live"
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              prometheus:
                image: prom/prometheus:v2.54.1
                healthcheck: {test: [CMD, wget, -q, --spider, "http://localhost:9090/-/ready"]}
              minio:
                image: minio/minio:RELEASE.2024-10-13T13-34-11Z
                healthcheck: {test: [CMD-SHELL, mc ready local]}
              api:
                image: shop/api:1.0
                healthcheck: {test: [CMD, curl, -f, "http://localhost:8000/healthz"]}
            """)])

    /// The program a `healthcheck.test` runs, and where its word is: `[CMD, prog, ...]`,
    /// `[CMD-SHELL, "prog ..."]`, a string (run by a shell); `sh -c "prog ..."` looks at the script.
    static func tool(_ test: DocNode) -> (name: String, index: Int?)? {
        var words: [String]
        var index: Int?
        if let text = test.text {
            words = text.split(separator: " ").map(String.init)
        } else {
            let items = test.items.map { $0.text ?? "" }
            guard let first = items.first, ["CMD", "CMD-SHELL"].contains(first), items.count > 1 else { return nil }
            index = 1
            words = first == "CMD" ? Array(items.dropFirst()) : items[1].split(separator: " ").map(String.init)
        }
        if words.count >= 3, ["sh", "/bin/sh"].contains(words[0]), words[1] == "-c" {
            words = words[2...].joined(separator: " ").split(separator: " ").map(String.init)
        }
        guard let first = words.first else { return nil }
        return (String(first.split(separator: "/").last ?? Substring(first)), index)
    }

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.compactMap { service -> Finding? in
            guard let image = service.node.member("image")?.text,
                  let test = service.node.member("healthcheck")?.member("test"), let tool = Self.tool(test),
                  let has = HealthcheckTools.missing(tool.name, in: image) else { return nil }
            let path: DocPath = [.key("healthcheck"), .key("test")] + (tool.index.map { [.index($0)] } ?? [])
            return context.finding("service '\(service.name)': the health check runs \(tool.name), which "
                                       + "\(quoted(image)) does not have (it has \(has))", in: service, at: path)
        }
    }
}
