/// The three health probes a service may declare.
public struct Probes: Sendable, Hashable {
    public var liveness: Probe?
    public var readiness: Probe?
    public var startup: Probe?

    public init(liveness: Probe? = nil, readiness: Probe? = nil, startup: Probe? = nil) {
        self.liveness = liveness
        self.readiness = readiness
        self.startup = startup
    }

    public var isEmpty: Bool { liveness == nil && readiness == nil && startup == nil }

    /// The probe that best says "ready to serve": readiness, else liveness, else startup. Compose
    /// health checks and nginx health locations derive from it.
    public var health: Probe? { readiness ?? liveness ?? startup }
}

/// A health check and its timings. Timings left out take the target's defaults.
public struct Probe: Sendable, Hashable {
    public enum Check: Sendable, Hashable {
        /// HTTP GET of a path on a port; healthy on 2xx/3xx.
        case http(path: String, port: PortReference)
        /// A TCP connection to a port.
        case tcp(port: PortReference)
        /// A command run inside the container; healthy on exit code 0.
        case exec([String])
    }

    public var check: Check
    public var initialDelay: Duration?
    public var period: Duration?
    public var timeout: Duration?
    public var successThreshold: Int?
    public var failureThreshold: Int?

    public init(
        check: Check, initialDelay: Duration? = nil, period: Duration? = nil, timeout: Duration? = nil,
        successThreshold: Int? = nil, failureThreshold: Int? = nil
    ) {
        self.check = check
        self.initialDelay = initialDelay
        self.period = period
        self.timeout = timeout
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
    }

    /// The port the check connects to, if it uses one.
    public var port: PortReference? {
        switch check {
        case let .http(_, port), let .tcp(port): port
        case .exec: nil
        }
    }
}
