import ShipshapeModel

/// The nginx target adds `proxy.headers` to every response; a Kubernetes Ingress cannot:
/// ingress-nginx sets response headers per Ingress only through configuration snippets (off by
/// default since controller 1.9, and a way to inject any nginx directive), otherwise only
/// cluster-wide (its `add-headers` ConfigMap). shipshape renders neither, so it says so.
struct IngressSecurityHeadersRule: Rule {
    let description = RuleDescription(
        id: "ingress-security-headers", category: .network,
        summary: "Response headers the proxy asks for reach clients on Kubernetes too.",
        rationale: "On Kubernetes the Ingress controller answers clients, not the nginx site shipshape renders: "
            + "headers set in `proxy.headers` (X-Content-Type-Options, X-Frame-Options, Content-Security-Policy, "
            + "Referrer-Policy) are not sent unless the controller adds them. HSTS comes from the controller's own "
            + "settings (ingress-nginx: one year with includeSubDomains, by default, on TLS hosts).",
        remediation: "Add the headers in the ingress controller's cluster-wide `add-headers` ConfigMap, or send "
            + "them from the application; where the controller already adds them, exempt the rule with that reason.",
        severity: .warning, targets: [.kubernetes],
        equivalents: ["checkov: (none)", "kube-linter: (none)"],
        triggering: [Example(ExampleStack.proxied(
            ["headers": "  ↓headers: {hsts: 365d, nosniff: true, frameOptions: DENY}"], targets: "[kubernetes]"))],
        nonTriggering: [
            Example(ExampleStack.proxied(["headers": "  headers: {hsts: 365d, nosniff: false, frameOptions: null, "
                                                     + "referrerPolicy: null}"], targets: "[kubernetes]")),
            Example(ExampleStack.proxied(targets: "[nginx]")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        guard let proxy = context.stack.proxy else { return [] }
        let h = proxy.headers
        let asked = [
            ("X-Content-Type-Options", h.contentTypeNosniff), ("X-Frame-Options", h.frameOptions != nil),
            ("Content-Security-Policy", h.contentSecurityPolicy != nil), ("Referrer-Policy", h.referrerPolicy != nil),
            ("X-XSS-Protection", h.xssProtection),
        ].filter(\.1).map(\.0)
        guard !asked.isEmpty,
              let ingress = context.artifacts.first(kind: "Ingress")
        else { return [] }
        let file = context.artifacts.path(ingress.id).map { "\($0): " } ?? ""
        return [context.finding("the Ingress does not send \(asked.joined(separator: ", ")), which the proxy asks for",
                                at: context.location([Key.Stack.proxy, Key.Proxy.headers]),
                                artifact: "\(file)Ingress/\(ingress.id.name)")]
    }
}
