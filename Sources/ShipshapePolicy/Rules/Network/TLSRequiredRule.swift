import ShipshapeModel

struct TLSRequiredRule: Rule {
    let description = RuleDescription(
        id: "tls-required", category: .network,
        summary: "The proxy serves HTTPS and redirects plain HTTP to it.",
        rationale: "Plain HTTP exposes sessions and credentials to anyone on the path.",
        remediation: "Give the proxy `tls` (certificate and key, or a cert-manager issuer) "
            + "and keep `redirectHTTP: true`.",
        severity: .error, targets: [.nginx, .kubernetes, .compose],
        equivalents: ["checkov: CKV_K8S_... (Ingress TLS)", "kube-score: (none)", "Polaris: (none)"],
        triggering: [
            Example(ExampleStack.proxied(["tls": nil]).replacingOccurrences(of: "proxy:", with: "↓proxy:")),
            Example(ExampleStack.proxied([
                "tls": "  tls: {certificate: /etc/ssl/demo.pem, key: /etc/ssl/demo.key, redirectHTTP: ↓false}",
            ])),
        ],
        nonTriggering: [Example(ExampleStack.proxied()),
                        Example(ExampleStack.proxied(["tls": nil]), environment: "development")])

    func check(_ context: RuleContext) -> [Finding] {
        guard let proxy = context.stack.proxy else { return [] }
        guard let tls = proxy.tls else {
            let node = context.stack.source.node(at: [Key.Stack.proxy])
            return [context.finding("the proxy serves plain HTTP",
                                    at: node?.keyLocation ?? context.location([Key.Stack.proxy]),
                                    artifact: context.nginxFile)]
        }
        guard tls.redirectHTTP else {
            return [context.finding("the proxy serves plain HTTP next to HTTPS",
                                    at: context.location([Key.Stack.proxy, Key.Proxy.tls, Key.TLS.redirectHTTP]),
                                    artifact: context.nginxFile)]
        }
        return []
    }
}
