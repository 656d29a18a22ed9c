import ShipshapeModel
import ShipshapePolicy

struct RestrictedMetricsLint: LintRule {
    let info = LintRuleInfo(
        id: "restricted-metrics", format: .nginx,
        remediation: "Give the location an allow-list (`allow 10.0.0.0/8; deny all;`) or authentication.",
        triggering: [LintExample("site.conf", """
            server {
                listen 80;
                ↓location /metrics { proxy_pass http://api:8000; }
            }
            """)],
        nonTriggering: [LintExample("site.conf", """
            server {
                listen 80;
                location /metrics { allow 10.0.0.0/8; deny all; proxy_pass http://api:8000; }
                location /api { proxy_pass http://api:8000; }
            }
            """)])

    func check(_ context: LintContext) -> [Finding] {
        NginxScope.all(context.set.nginx).filter { $0.name == "location" }.compactMap { scope in
            let path = scope.block.arguments.last?.text.lowercased() ?? ""
            guard NginxSensitiveRoutes.prefixes.contains(where: { path.hasPrefix($0) }),
                  scope.inherited("allow") == nil, scope.inherited("auth_basic") == nil,
                  scope.inherited("auth_request") == nil else { return nil }
            return context.finding("route '\(path)' is open to everyone", at: scope.block.location,
                                   object: scope.label)
        }
    }
}
