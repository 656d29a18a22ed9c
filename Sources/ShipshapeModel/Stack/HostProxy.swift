/// nginx on the host in front of compose (`proxy.placement: host`): how it reaches services.
extension ResolvedStack {
    /// Whether this environment's nginx runs on the host in front of its compose services.
    public var proxiesFromHost: Bool {
        proxy?.placement == .host && targets.contains(.compose)
    }

    /// The upstream address (`host:port`) of a routed port for nginx on the host: where compose
    /// publishes it (the loopback address when it is published on every interface), or the
    /// port itself for a service on the host network. Nil when the port is not published.
    public func hostEndpoint(of service: Service, _ port: ServicePort) -> String? {
        if service.security.hostNetwork { return "127.0.0.1:\(port.port)" }
        guard let published = port.publish else { return nil }
        let address = port.publishAddress.flatMap { ["0.0.0.0", "::"].contains($0) ? nil : $0 } ?? "127.0.0.1"
        return (Bytes.contains(UInt8(ascii: ":"), in: address) ? "[\(address)]" : address) + ":\(published)"
    }
}
