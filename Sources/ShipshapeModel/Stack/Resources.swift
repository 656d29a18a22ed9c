/// CPU and memory requested (reserved) and allowed (limit).
public struct Resources: Sendable, Hashable {
    public var requests: ResourceAmounts
    public var limits: ResourceAmounts

    public init(requests: ResourceAmounts = ResourceAmounts(), limits: ResourceAmounts = ResourceAmounts()) {
        self.requests = requests
        self.limits = limits
    }
}

public struct ResourceAmounts: Sendable, Hashable {
    /// Cores: `500m`, `1`, `2`.
    public var cpu: Quantity?
    /// Bytes: `512Mi`, `1Gi`, `2G`.
    public var memory: Quantity?

    public init(cpu: Quantity? = nil, memory: Quantity? = nil) {
        self.cpu = cpu
        self.memory = memory
    }

    public var isEmpty: Bool { cpu == nil && memory == nil }
}
