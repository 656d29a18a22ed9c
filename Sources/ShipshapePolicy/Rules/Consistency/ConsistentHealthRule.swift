import ShipshapeModel

struct ConsistentHealthRule: Rule {
    let description = RuleDescription(
        id: "consistent-health", category: .consistency,
        summary: "A health route on the proxy is one of the service's probe paths.",
        rationale: "A load balancer checking `/health` while the probes use `/healthz` "
            + "tests an endpoint nothing else relies on (and it may not exist).",
        remediation: "Route the path the probes use, or probe the path the proxy exposes.",
        severity: .warning, targets: [.nginx, .kubernetes],
        equivalents: ["(none: needs every target at once)"],
        triggering: [
            Example(ExampleStack.proxied(routes: "    - {path: /, service: api}\n"
                                             + "    - {path: ↓/health, service: api, accessLog: false}")),
        ],
        nonTriggering: [
            Example(ExampleStack.proxied(routes: "    - {path: /, service: api}\n"
                                             + "    - {path: /live, service: api, accessLog: false}")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        (context.stack.proxy?.routes ?? []).compactMap { route in
            let path = route.path.lowercased()
            guard ["health", "live", "ready", "ping"].contains(where: { Bytes.contains(path, $0) }),
                  let service = context.stack.service(named: route.service) else { return nil }
            let probes = [service.probes.liveness, service.probes.readiness, service.probes.startup]
            let probePaths = probes.compactMap { probe -> String? in
                if case let .http(p, _, _)? = probe?.check { return p }
                return nil
            }
            guard !probePaths.isEmpty, !probePaths.contains(route.path) else { return nil }
            return context.finding("route '\(route.path)' looks like a health check, "
                                       + "but the probes of '\(service.name)' use "
                                       + probePaths.joined(separator: ", "),
                                   at: context.location([Key.Stack.proxy, Key.Proxy.routes, route.path,
                                                         Key.Route.path]), service: service,
                                   artifact: "\(context.nginxFile): location \(route.path)")
        }
    }
}
