/// The three health probes a service may declare.
///
/// They live in one copy-on-write box: a service's probes are read by every renderer and several
/// rules, and a copy is then one retain instead of one per string of three probes (and a service
/// holds a pointer instead of three probes). They read and write as `probes.liveness`, through
/// `Parts` (dynamic member lookup).
public struct Probes: Sendable, CopyOnWriteFields {
    public struct Parts: Sendable, Hashable {
        public var liveness: Probe?
        public var readiness: Probe?
        public var startup: Probe?
    }

    public var fields: CopyOnWrite<Parts>

    /// The box of a service without probes, shared by all of them until one is set.
    private static let none = CopyOnWrite(Parts())

    public init(liveness: Probe? = nil, readiness: Probe? = nil, startup: Probe? = nil) {
        fields = liveness == nil && readiness == nil && startup == nil
            ? Self.none : CopyOnWrite(Parts(liveness: liveness, readiness: readiness, startup: startup))
    }

    public var isEmpty: Bool { self.liveness == nil && self.readiness == nil && self.startup == nil }

    /// The probe that best says "ready to serve": readiness, else liveness, else startup. Compose
    /// health checks and nginx health locations derive from it.
    public var health: Probe? { self.readiness ?? self.liveness ?? self.startup }
}

/// A health check and its timings. Timings left out take the target's defaults.
public struct Probe: Sendable, Hashable {
    public enum Check: Sendable, Hashable {
        /// HTTP GET of a path on a port, with extra request headers; healthy on 2xx/3xx.
        case http(path: String, port: PortReference, headers: [HTTPHeader] = [])
        /// A TCP connection to a port.
        case tcp(port: PortReference)
        /// A command run inside the container; healthy on exit code 0.
        case exec([String])
        /// The gRPC health checking protocol (grpc.health.v1) on a port; `service` names the
        /// service asked about (nil: the server as a whole).
        case grpc(port: PortReference, service: String?)
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
        case let .http(_, port, _), let .tcp(port), let .grpc(port, _): port
        case .exec: nil
        }
    }

    /// Connects the check to the port named `name` (an exec check has none).
    public mutating func usePort(named name: String) {
        switch check {
        case let .http(path, _, headers): check = .http(path: path, port: .name(name), headers: headers)
        case .tcp: check = .tcp(port: .name(name))
        case let .grpc(_, service): check = .grpc(port: .name(name), service: service)
        case .exec: break
        }
    }
}

/// A header an HTTP probe sends (`Host: example.com`). The name is an HTTP token, the value has
/// no control characters (the decoder checks both).
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// RFC 9110 `token`: the characters a header name may have.
    public static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && (
            ($0.properties.isAlphabetic || ("0"..."9").contains($0)) || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0))
        }
    }

    /// A value without control characters other than a tab: no CR or LF can end the header.
    public static func isValue(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }
    }

    public static let nameForm = "a header name of letters, digits and !#$%&'*+-.^_`|~ (an HTTP token)"
    public static let valueForm = "a value without line breaks or other control characters"
}
