/// A port a service listens on.
public struct ServicePort: Sendable, Hashable {
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        case tcp, udp
    }

    /// IANA-style name (`http`, `pg`); probes and routes refer to ports by it.
    public var name: String
    /// The port the process listens on inside its container or host.
    public var port: Int
    public var `protocol`: Transport
    /// Host port to publish (compose `ports:`); nil keeps the port internal to the stack.
    public var publish: Int?
    /// The host address the published port binds (an IPv4 or IPv6 literal); nil: every interface.
    public var publishAddress: String?
    /// The port the Kubernetes Service exposes when it differs from `port` (Service `port`, with
    /// `targetPort` the container port); nil exposes `port`.
    public var servicePort: Int?
    /// The node port of a `NodePort` or `LoadBalancer` Service; nil lets Kubernetes choose.
    public var nodePort: Int?

    public init(name: String, port: Int, protocol: Transport = .tcp, publish: Int? = nil,
                publishAddress: String? = nil, servicePort: Int? = nil, nodePort: Int? = nil) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.publish = publish
        self.publishAddress = publishAddress
        self.servicePort = servicePort
        self.nodePort = nodePort
    }

    public static let hostAddressForm = "an IPv4 or IPv6 address such as 127.0.0.1 or ::1"

    /// An IPv4 literal (`127.0.0.1`) or an IPv6 literal without brackets or zone (`::1`, `fd00::5`).
    public static func isHostAddress(_ text: String) -> Bool {
        isIPv4(Substring(text)) || isIPv6(text)
    }

    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
                && (part.count == 1 || part.first != "0") && Int(part).map { $0 <= 255 } == true
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        var groups = halves.flatMap { $0.isEmpty ? [] : $0.split(separator: ":", omittingEmptySubsequences: false) }
        var count = groups.count
        // A trailing IPv4 part (`::ffff:10.0.0.1`) counts as two groups.
        if let last = groups.last, last.contains(".") {
            guard isIPv4(last), halves.last?.hasSuffix(last) == true else { return false }
            groups.removeLast()
            count += 1
        }
        guard groups.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isHexDigit } })
        else { return false }
        return halves.count == 2 ? count <= 7 : count == 8
    }

    /// What clients inside a Kubernetes cluster connect to: `servicePort` when given, else `port`.
    /// Inside a compose network and on a host, clients connect to `port`.
    public var clusterPort: Int { servicePort ?? port }
}

/// How a Kubernetes Service is reached (`spec.type`).
public enum ServiceType: String, Sendable, Hashable, CaseIterable {
    case clusterIP = "ClusterIP"
    case nodePort = "NodePort"
    case loadBalancer = "LoadBalancer"
}

/// A reference to a port: by name (`http`) or by number (`8000`).
public enum PortReference: Sendable, Hashable, CustomStringConvertible {
    case name(String)
    case number(Int)

    public init(_ text: String) {
        if let number = Int(text) {
            self = .number(number)
        } else {
            self = .name(text)
        }
    }

    public var description: String {
        switch self {
        case let .name(name): name
        case let .number(number): "\(number)"
        }
    }
}
