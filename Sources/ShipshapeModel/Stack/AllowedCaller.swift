import OrderedCollections

/// Who may call a service (Kubernetes NetworkPolicy ingress) besides the services that depend on
/// it: another service of the stack — which may also be called back, as start order does not
/// enter into it — or pods chosen by namespace and labels (a Prometheus in `monitoring`).
public struct AllowedCaller: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// A service of this stack.
        case service(String)
        /// Pods by labels, in a namespace named or chosen by labels; the stack's own namespace
        /// when neither is given.
        case pods(namespace: String?, namespaceLabels: OrderedDictionary<String, String>,
                  labels: OrderedDictionary<String, String>)
    }

    public var source: Source
    /// Names of the ports it may reach; empty means every port of the service.
    public var ports: [String]
    /// Where the entry is written, for errors found once the whole stack is known.
    public var location: SourceLocation?

    public init(_ source: Source, ports: [String] = [], location: SourceLocation? = nil) {
        self.source = source
        self.ports = ports
        self.location = location
    }
}
