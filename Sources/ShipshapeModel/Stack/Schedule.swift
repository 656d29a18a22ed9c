/// When a scheduled job runs.
public struct Schedule: Sendable, Hashable {
    public enum Concurrency: String, Sendable, Hashable, CaseIterable {
        /// Skip a run while the previous one is still going (the default).
        case forbid
        case allow
        /// Stop the running one and start the new one.
        case replace
    }

    public var cron: CronExpression
    /// IANA time zone, e.g. `America/Bogota`; nil means UTC.
    public var timezone: String?
    public var concurrency: Concurrency

    public init(cron: CronExpression, timezone: String? = nil, concurrency: Concurrency = .forbid) {
        self.cron = cron
        self.timezone = timezone
        self.concurrency = concurrency
    }
}
