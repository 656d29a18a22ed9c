import ShipshapeModel

struct SecurityHeadersRule: Rule {
    let description = RuleDescription(
        id: "security-headers", category: .network,
        summary: "The proxy sends HSTS, X-Content-Type-Options and X-Frame-Options.",
        rationale: "They stop protocol downgrades, MIME sniffing and clickjacking at no cost.",
        remediation: "Set `proxy.headers`: `hsts: 365d`, `nosniff: true`, `frameOptions: DENY` "
            + "(the production profile does).",
        severity: .error, targets: [.nginx],
        equivalents: ["gixy: add_header_redefinition (related)", "checkov: (none)"],
        triggering: [Example(ExampleStack.proxied(["headers": "  ↓headers: {hsts: null, frameOptions: null}"]))],
        nonTriggering: [Example(ExampleStack.proxied())])

    func check(_ context: RuleContext) -> [Finding] {
        guard let proxy = context.stack.proxy else { return [] }
        let h = proxy.headers
        var missing: [String] = []
        if proxy.tls != nil, h.hsts == nil { missing.append("Strict-Transport-Security") }
        if !h.contentTypeNosniff { missing.append("X-Content-Type-Options") }
        if h.frameOptions == nil, h.contentSecurityPolicy?.contains("frame-ancestors") != true {
            missing.append("X-Frame-Options")
        }
        guard !missing.isEmpty else { return [] }
        return [context.finding("the proxy does not send \(missing.joined(separator: ", "))",
                                at: context.location([Key.Stack.proxy, Key.Proxy.headers]),
                                artifact: "\(context.nginxFile): add_header")]
    }
}
