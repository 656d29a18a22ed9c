import ShipshapeModel
import ShipshapePolicy

struct RequestBodyLimitLint: LintRule {
    let info = LintRuleInfo(
        id: "request-body-limit", format: .nginx,
        triggering: [
            LintExample("site.conf", """
            ↓server {
                listen 80;
                location / { proxy_pass http://web:8080; }
                location /upload { client_max_body_size 50m; proxy_pass http://api:8000; }
            }
            """),
            LintExample("site.conf", """
            server {
                listen 80;
                client_max_body_size ↓0;
                location / { proxy_pass http://web:8080; }
            }
            """),
        ],
        nonTriggering: [
            LintExample("nginx.conf", """
            events {}
            http {
                client_max_body_size 1m;
                server { listen 80; location / { proxy_pass http://web:8080; } }
            }
            """),
            LintExample("site.conf", """
            server {
                listen 80;
                location / { client_max_body_size 2m; proxy_pass http://web:8080; }
                location /static { root /srv; }
            }
            """),
        ])

    /// Whether a `client_max_body_size` value sets a limit (`0` turns the check off).
    static func limits(_ value: String) -> Bool {
        let digits = value.prefix { $0.isNumber }
        return !(Int(digits).map { $0 == 0 } ?? false)
    }

    func check(_ context: LintContext) -> [Finding] {
        let scopes = NginxScope.all(context.set.nginx)
        return scopes.filter { $0.name == "server" }.compactMap { server -> Finding? in
            let routes = scopes.filter { scope in
                scope.name == "location" && scope.file == server.file && scope.parents.contains(server.block)
                    && scope.block.children?.contains { RateLimitedRoutesLint.passes.contains($0.name.text) } == true
            }
            var unlimited: SourceLocation?
            let open = routes.filter { route in
                guard let size = route.inherited("client_max_body_size") else { return true }
                let value = size.arguments.first?.text ?? ""
                if !Self.limits(value) {
                    unlimited = unlimited ?? size.arguments.first?.location
                    return true
                }
                return false
            }
            guard !open.isEmpty else { return nil }
            let paths = open.map { $0.block.arguments.map(\.text).joined(separator: " ") }
            var seen: Set<String> = []
            let list = paths.filter { seen.insert($0).inserted }.joined(separator: ", ")
            return context.finding(unlimited == nil ? "the server sets no request body limit for \(list)"
                                       : "the server lifts the request body limit (0) for \(list)",
                                   at: unlimited ?? server.block.location, object: server.label,
                                   place: "client_max_body_size")
        }
    }
}
