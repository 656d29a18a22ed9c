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
    /// The port the Kubernetes Service exposes when it differs from `port` (Service `port`, with
    /// `targetPort` the container port); nil exposes `port`.
    public var servicePort: Int?
    /// The node port of a `NodePort` or `LoadBalancer` Service; nil lets Kubernetes choose.
    public var nodePort: Int?

    public init(name: String, port: Int, protocol: Transport = .tcp, publish: Int? = nil, servicePort: Int? = nil,
                nodePort: Int? = nil) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.publish = publish
        self.servicePort = servicePort
        self.nodePort = nodePort
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
