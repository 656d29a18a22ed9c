import OrderedCollections

/// Horizontal autoscaling: bounds and the metrics that drive it.
public struct Autoscale: Sendable, Hashable {
    public var min: Int
    public var max: Int
    /// Target average CPU utilization, relative to requests.
    public var cpu: Percent?
    /// Target average memory utilization, relative to requests.
    public var memory: Percent?
    /// Per-pod custom metrics (HPA `Pods` metrics).
    public var pods: [MetricTarget]
    /// Metrics from outside the cluster, such as a queue depth (HPA `External` metrics).
    public var external: [MetricTarget]

    public init(min: Int, max: Int, cpu: Percent? = nil, memory: Percent? = nil, pods: [MetricTarget] = [],
                external: [MetricTarget] = []) {
        self.min = min
        self.max = max
        self.cpu = cpu
        self.memory = memory
        self.pods = pods
        self.external = external
    }
}

/// A custom metric and the average value per pod to aim for.
public struct MetricTarget: Sendable, Hashable {
    public var metric: String
    public var averageValue: Quantity
    /// Label selector for the metric (`matchLabels`), in declaration order.
    public var selector: OrderedDictionary<String, String>

    public init(metric: String, averageValue: Quantity, selector: OrderedDictionary<String, String> = [:]) {
        self.metric = metric
        self.averageValue = averageValue
        self.selector = selector
    }
}

/// How a rolling update replaces replicas.
public struct Rollout: Sendable, Hashable {
    public var maxSurge: IntOrPercent
    public var maxUnavailable: IntOrPercent

    public init(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent) {
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
    }
}
