import ShipshapeModel

struct RestrictedMetricsRule: Rule {
    let description = RuleDescription(
        id: "restricted-metrics", category: .network,
        summary: "Metrics, admin and debug routes are reachable only from listed networks.",
        rationale: "`/metrics` and admin endpoints reveal internals and sometimes offer controls; "
            + "they are not for the public.",
        remediation: "Give the route an `allow` list (`allow: [10.0.0.0/8]`) "
            + "or do not route it through the public proxy.",
        severity: .error, targets: [.nginx, .kubernetes],
        equivalents: ["kube-linter: (none)", "checkov: (none)"],
        triggering: [
            Example(ExampleStack.proxied(routes: "    - {path: /, service: api}\n"
                                             + "    - {path: ↓/metrics, service: api}")),
        ],
        nonTriggering: [
            Example(ExampleStack.proxied(routes: "    - {path: /, service: api}\n"
                                             + "    - {path: /metrics, service: api, allow: [10.0.0.0/8]}")),
        ])

    static let sensitive = [
        "/metrics", "/admin", "/actuator", "/debug", "/_", "/internal", "/server-status", "/flower", "/grafana",
        "/prometheus",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        (context.stack.proxy?.routes ?? []).compactMap { route in
            let path = route.path.lowercased()
            guard route.allow.isEmpty, Self.sensitive.contains(where: { path.hasPrefix($0) }) else { return nil }
            return context.finding("route '\(route.path)' is open to everyone",
                                   at: context.location([Key.Stack.proxy, Key.Proxy.routes, route.path,
                                                         Key.Route.path]),
                                   artifact: "\(context.nginxFile): location \(route.path)")
        }
    }
}
