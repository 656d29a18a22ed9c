/// Paths that expose internals (as `validate`'s `restricted-metrics` reads a route).
enum NginxSensitiveRoutes {
    static let prefixes = [
        "/metrics", "/admin", "/actuator", "/debug", "/_", "/internal", "/server-status", "/flower", "/grafana",
        "/prometheus",
    ]
}
