import ShipshapeModel

struct TLSModernProtocolsRule: Rule {
    let description = RuleDescription(
        id: "tls-modern-protocols", category: .network,
        summary: "Only TLS 1.2 and 1.3 are accepted.",
        rationale: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and broken by known attacks.",
        remediation: "Remove TLSv1 and TLSv1.1 from `proxy.tls.protocols` (the default is TLSv1.2 and TLSv1.3).",
        severity: .error, targets: [.nginx],
        equivalents: ["gixy: (ssl)", "checkov: (none)"],
        triggering: [
            Example(ExampleStack.proxied([
                "tls": "  tls: {certificate: /etc/ssl/demo.pem, key: /etc/ssl/demo.key, "
                    + "↓protocols: [TLSv1.1, TLSv1.2]}",
            ])),
        ],
        nonTriggering: [Example(ExampleStack.proxied())])

    func check(_ context: RuleContext) -> [Finding] {
        guard let tls = context.stack.proxy?.tls else { return [] }
        let old = tls.protocols.filter { $0 == "TLSv1" || $0 == "TLSv1.1" }
        guard !old.isEmpty else { return [] }
        return [context.finding("the proxy accepts \(old.joined(separator: " and "))",
                                at: context.location([Key.Stack.proxy, Key.Proxy.tls, Key.TLS.protocols]),
                                artifact: "\(context.nginxFile): ssl_protocols")]
    }
}
