import ShipshapeModel

struct CacheMemoryWithinLimitRule: Rule {
    let description = RuleDescription(
        id: "cache-memory-within-limit", category: .workloads,
        summary: "Redis `--maxmemory` leaves room under the memory limit.",
        rationale: "Redis evicts only when its data reaches maxmemory; its own overhead, fragmentation and the fork "
            + "of an AOF rewrite or RDB save come on top. At or above the limit the kernel kills Redis before it "
            + "evicts anything, and every restart empties the cache or replays the AOF.",
        remediation: "Keep `--maxmemory` at most `percent` % of `resources.limits.memory`: "
            + "raise the limit or lower maxmemory.",
        severity: .error, targets: [.kubernetes, .compose, .systemd],
        parameters: [Parameter("percent", .integer(1...100), default: "80",
                               "Largest share of the memory limit maxmemory may take.")],
        equivalents: ["Redis docs: maxmemory leaves room for replication and persistence buffers"],
        triggering: [Example("""
        stack: demo
        targets: [compose]
        services:
          cache:
            image: redis:7.2-alpine
            ↓command: [redis-server, --maxmemory, 1gb, --maxmemory-policy, allkeys-lru]
            resources: {limits: {memory: 512Mi}}
        """)],
        nonTriggering: [
            Example("""
            stack: demo
            targets: [compose]
            services:
              cache:
                image: redis:7.2-alpine
                command: [redis-server, --maxmemory, 1gb, --maxmemory-policy, allkeys-lru]
                resources: {limits: {memory: 1536Mi}}
            """),
            Example("""
            stack: demo
            targets: [compose]
            services:
              cache:
                image: redis:7.2-alpine
                command: [redis-server, --appendonly, "yes"]
                resources: {limits: {memory: 256Mi}}
            """),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let percent = Double(context.int("percent"))
        return context.services.compactMap { service in
            guard let limit = service.resources.limits.memory?.value, limit > 0 else { return nil }
            for (key, words) in [("command", service.command ?? []), ("args", service.args ?? [])] {
                guard let text = Self.maxmemory(words), let bytes = Self.bytes(text), bytes > 0,
                      bytes > limit * percent / 100 else { continue }
                let share = Int((bytes / limit * 100).rounded())
                let message = "service '\(service.name)' sets Redis maxmemory \(text), \(share)% of its memory limit; "
                    + "at most \(Int(percent))% leaves room for Redis itself"
                return context.finding(message, at: context.serviceLocation(service, key), service: service,
                                       artifact: context.artifact(service, "resources.limits.memory"))
            }
            return nil
        }
    }

    /// The value of `--maxmemory V` or `--maxmemory=V` among command words.
    static func maxmemory(_ words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == "--maxmemory", index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix("--maxmemory=") { return String(word.dropFirst("--maxmemory=".count)) }
        }
        return nil
    }

    /// Bytes of a Redis memory amount: `k`/`m`/`g` are powers of 1000, `kb`/`mb`/`gb` of 1024.
    static func bytes(_ text: String) -> Double? {
        let lower = text.lowercased()
        let units: [(String, Double)] = [
            ("kb", 1024), ("mb", 1_048_576), ("gb", 1_073_741_824),
            ("k", 1000), ("m", 1_000_000), ("g", 1_000_000_000), ("b", 1),
        ]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            return Double(lower.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(lower)
    }
}

/// `cache-memory-within-limit` as `validate` reads command words, for `lint`.
public enum RedisMaxmemory {
    /// The value of `--maxmemory V` or `--maxmemory=V` among command words.
    public static func value(_ words: [String]) -> String? { CacheMemoryWithinLimitRule.maxmemory(words) }

    /// Bytes of a Redis memory amount (`k`/`m`/`g` powers of 1000, `kb`/`mb`/`gb` of 1024).
    public static func bytes(_ text: String) -> Double? { CacheMemoryWithinLimitRule.bytes(text) }

    /// The rule's `percent` default: the share of the memory limit maxmemory may take.
    public static var percent: Double {
        Rules.rule("cache-memory-within-limit")?.description.parameters.first { $0.name == "percent" }
            .flatMap { Double($0.defaultValue) } ?? 80
    }

    /// The finding's message, as `validate` phrases it, for `who` (`container 'cache'`).
    public static func problem(_ who: String, maxmemory text: String, bytes: Double, limit: Double) -> String? {
        guard bytes > 0, limit > 0, bytes > limit * percent / 100 else { return nil }
        let share = Int((bytes / limit * 100).rounded())
        return "\(who) sets Redis maxmemory \(text), \(share)% of its memory limit; "
            + "at most \(Int(percent))% leaves room for Redis itself"
    }
}
