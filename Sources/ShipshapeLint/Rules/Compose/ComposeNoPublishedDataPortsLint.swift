import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

struct ComposeNoPublishedDataPortsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-published-data-ports", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              db:
                image: postgres:15.4
                ports: [↓"5432:5432"]
              cache:
                image: redis:7.2
                ports:
                  - ↓"127.0.0.1:16379:6379/tcp"
              search:
                image: elasticsearch:8.15.0
                ports:
                  - {target: 9200, published: ↓"9200"}
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              db:
                image: postgres:15.4
                expose: ["5432"]
              web:
                image: shop/web:1.0
                ports: ["8080:8080", {target: 80, published: 80}]
            """)])

    /// A `ports:` entry: the container ports it names, the host port, and where the finding points.
    static func entry(_ node: DocNode, path: DocPath) -> (ports: [Int], host: String, path: DocPath)? {
        if node.isMap {
            guard let target = node.member("target")?.number else { return nil }
            let published = node.member("published")?.text
            return ([target], published ?? "(any free port)",
                    published == nil ? path + [.key("target")] : path + [.key("published")])
        }
        guard let text = node.text else { return nil }
        let withoutProtocol = text.split(separator: "/").first.map(String.init) ?? text
        // `[ip:]host:container`, `container`; an IPv6 host address sits in brackets.
        var parts = withoutProtocol.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if let close = withoutProtocol.lastIndex(of: "]") {
            parts = withoutProtocol[withoutProtocol.index(after: close)...]
                .split(separator: ":", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        }
        guard let container = parts.last else { return nil }
        let host = parts.count >= 2 ? parts[parts.count - 2] : "(any free port)"
        let bounds = container.split(separator: "-").compactMap { Int($0) }
        guard let low = bounds.first, let high = bounds.last, low <= high, high - low < 65536 else { return nil }
        return (Array(low...high), host, path)
    }

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.flatMap { service -> [Finding] in
            (service.node.member("ports")?.items ?? []).enumerated().compactMap { index, item -> Finding? in
                guard let entry = Self.entry(item, path: [.key("ports"), .index(index)]),
                      let port = entry.ports.first(where: { DataPorts.names[$0] != nil }),
                      let kind = DataPorts.names[port] else { return nil }
                return context.finding("service '\(service.name)' publishes its \(kind) port \(port) on host "
                                           + "port \(entry.host)", in: service, at: entry.path)
            }
        }
    }
}
