import ShipshapeModel
import ShipshapePolicy

struct CacheMemoryWithinLimitLint: LintRule {
    let info = LintRuleInfo(
        id: "cache-memory-within-limit", format: .kubernetes,
        triggering: [LintExample("redis.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cache}
            spec:
              template:
                spec:
                  containers:
                    - name: redis
                      image: redis:7.2-alpine
                      args: [--maxmemory, ↓1gb, --maxmemory-policy, allkeys-lru]
                      resources: {limits: {memory: 512Mi}}
            """)],
        nonTriggering: [LintExample("redis.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cache}
            spec:
              template:
                spec:
                  containers:
                    - name: redis
                      image: redis:7.2-alpine
                      command: [redis-server, --maxmemory=400mb]
                      resources: {limits: {memory: 512Mi}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings { _, container in
            guard let text = container.node.member("resources")?.member("limits")?.member("memory")?.text,
                  let limit = Quantity(text)?.value else { return nil }
            for key in ["command", "args"] {
                let words = (container.node.member(key)?.items ?? []).map { $0.text ?? "" }
                guard let value = RedisMaxmemory.value(words), let bytes = RedisMaxmemory.bytes(value),
                      let message = RedisMaxmemory.problem("container '\(container.name)'", maxmemory: value,
                                                           bytes: bytes, limit: limit) else { continue }
                let index = words.firstIndex { $0.hasPrefix("--maxmemory=") }
                    ?? words.firstIndex(of: "--maxmemory").map { $0 + 1 } ?? 0
                return (message, container.path + [.key(key), .index(index)])
            }
            return nil
        }
    }
}
