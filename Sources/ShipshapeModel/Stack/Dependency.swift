/// Another service this one needs before it starts.
public struct Dependency: Sendable, Hashable {
    public enum Condition: String, Sendable, Hashable, CaseIterable {
        /// Wait until the dependency reports healthy (compose `service_healthy`).
        case healthy
        /// Wait until it has started (compose `service_started`).
        case started
    }

    public var service: String
    public var condition: Condition

    public init(service: String, condition: Condition = .healthy) {
        self.service = service
        self.condition = condition
    }
}
