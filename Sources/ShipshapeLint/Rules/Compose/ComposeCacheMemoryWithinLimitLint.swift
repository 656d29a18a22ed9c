import ShipshapeModel
import ShipshapePolicy

struct ComposeCacheMemoryWithinLimitLint: LintRule {
    let info = LintRuleInfo(
        id: "cache-memory-within-limit", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              cache:
                image: redis:7.2-alpine
                command: [redis-server, --maxmemory, ↓1gb, --maxmemory-policy, allkeys-lru]
                deploy: {resources: {limits: {memory: 512m}}}
              queue:
                image: redis:7.2-alpine
                command: ↓redis-server --maxmemory 300mb
                mem_limit: 256m
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              cache:
                image: redis:7.2-alpine
                command: [redis-server, --maxmemory, 1gb]
                deploy: {resources: {limits: {memory: 1536m}}}
            """)])

    /// Bytes of a compose memory amount (`512m`, `1g`, `1gb`, `1073741824`): units are powers of 1024.
    static func bytes(_ text: String) -> Double? {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("kb", 1024), ("mb", 1_048_576), ("gb", 1_073_741_824),
                                         ("k", 1024), ("m", 1_048_576), ("g", 1_073_741_824), ("b", 1)]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            return Double(lower.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(lower)
    }

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.compactMap { service -> Finding? in
            let limitText = service.node.member("deploy")?.member("resources")?.member("limits")?.member("memory")?
                .text ?? service.node.member("mem_limit")?.text
            guard let limit = limitText.flatMap(Self.bytes), let command = service.node.member("command") else {
                return nil
            }
            let words = command.text.map { $0.split(separator: " ").map(String.init) }
                ?? command.items.map { $0.text ?? "" }
            guard let value = RedisMaxmemory.value(words), let bytes = RedisMaxmemory.bytes(value),
                  let message = RedisMaxmemory.problem("service '\(service.name)'", maxmemory: value, bytes: bytes,
                                                       limit: limit) else { return nil }
            var path: DocPath = [.key("command")]
            if command.text == nil {
                path.append(.index(words.firstIndex { $0.hasPrefix("--maxmemory=") }
                    ?? words.firstIndex(of: "--maxmemory").map { $0 + 1 } ?? 0))
            }
            return context.finding(message, in: service, at: path)
        }
    }
}
