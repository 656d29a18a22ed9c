import ShipshapeModel

struct RateLimitedRoutesRule: Rule {
    let description = RuleDescription(
        id: "rate-limited-routes", category: .network,
        summary: "Every route has a rate limit per client.",
        rationale: "Without one a single client can exhaust the service, and credential stuffing runs at full speed.",
        remediation: "Set `proxy.rateLimit` for all routes, or `rateLimit` on the route.",
        severity: .warning, targets: [.nginx, .kubernetes],
        equivalents: ["checkov: (none)", "gixy: (none)"],
        triggering: [Example(ExampleStack.proxied(["rateLimit": nil], routes: "    - {path: ↓/, service: api}"))],
        nonTriggering: [Example(ExampleStack.proxied()),
                        Example(ExampleStack.proxied(["rateLimit": nil],
                                                     routes: "    - {path: /, service: api, "
                                                         + "rateLimit: {requests: 10, per: second}}"))])

    func check(_ context: RuleContext) -> [Finding] {
        guard let proxy = context.stack.proxy, proxy.rateLimit == nil else { return [] }
        return proxy.routes.filter { $0.rateLimit == nil }.map { route in
            context.finding("route '\(route.path)' has no rate limit",
                            at: context.location([Key.Stack.proxy, Key.Proxy.routes, route.path, Key.Route.path]),
                            artifact: "\(context.nginxFile): location \(route.path)")
        }
    }
}
