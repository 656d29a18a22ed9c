import ShipshapeModel
import ShipshapePolicy

struct RateLimitedRoutesLint: LintRule {
    let info = LintRuleInfo(
        id: "rate-limited-routes", format: .nginx,
        triggering: [LintExample("site.conf", """
            server {
                listen 80;
                ↓location /api { proxy_pass http://api:8000; }
            }
            """)],
        nonTriggering: [LintExample("site.conf", """
            limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;
            server {
                listen 80;
                location /api { limit_req zone=api; proxy_pass http://api:8000; }
                location /static { root /srv; }
            }
            """)])

    static let passes: Set<String> = ["proxy_pass", "fastcgi_pass", "uwsgi_pass", "grpc_pass", "scgi_pass"]

    func check(_ context: LintContext) -> [Finding] {
        NginxScope.all(context.set.nginx).filter { $0.name == "location" }.compactMap { scope in
            guard scope.block.children?.contains(where: { Self.passes.contains($0.name.text) }) == true,
                  scope.inherited("limit_req") == nil else { return nil }
            let path = scope.block.arguments.map(\.text).joined(separator: " ")
            return context.finding("route '\(path)' has no rate limit", at: scope.block.location, object: scope.label)
        }
    }
}
