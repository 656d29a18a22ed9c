import ShipshapeModel

struct RequestBodyLimitRule: Rule {
    let description = RuleDescription(
        id: "request-body-limit", category: .network,
        summary: "The proxy states how large a request body may be.",
        rationale: "An explicit limit keeps oversized uploads away from the application, "
            + "and makes the limit reviewable.",
        remediation: "Set `proxy.bodySize` (and a larger `bodySize` on upload routes).",
        severity: .error, targets: [.nginx, .kubernetes],
        equivalents: ["checkov: (none)", "gixy: (none)"],
        triggering: [
            Example(ExampleStack.proxied(["bodySize": nil]).replacingOccurrences(of: "proxy:", with: "↓proxy:")),
        ],
        nonTriggering: [Example(ExampleStack.proxied()),
                        Example(ExampleStack.proxied(["bodySize": nil],
                                                     routes: "    - {path: /, service: api, bodySize: 1m}"))])

    func check(_ context: RuleContext) -> [Finding] {
        guard let proxy = context.stack.proxy, proxy.bodySize == nil else { return [] }
        let open = proxy.routes.filter { $0.bodySize == nil }
        guard !open.isEmpty else { return [] }
        let node = context.stack.source.node(at: [Key.Stack.proxy])
        return [context.finding("the proxy sets no request body limit for \(open.map(\.path).joined(separator: ", "))",
                                at: node?.keyLocation ?? context.location([Key.Stack.proxy]),
                                artifact: "\(context.nginxFile): client_max_body_size")]
    }
}
