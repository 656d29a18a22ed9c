import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

struct SecurityHeadersLint: LintRule {
    let info = LintRuleInfo(
        id: "security-headers", format: .nginx,
        remediation: "Add `add_header Strict-Transport-Security \"max-age=31536000\" always;` (TLS servers), "
            + "`add_header X-Content-Type-Options nosniff always;` and `add_header X-Frame-Options DENY always;`.",
        triggering: [LintExample("site.conf", """
            ↓server {
                listen 443 ssl;
                add_header X-Content-Type-Options nosniff always;
                location / { proxy_pass http://api:8000; }
            }
            """)],
        nonTriggering: [LintExample("site.conf", """
            server {
                listen 80;
                return 301 https://$host$request_uri;
            }
            server {
                listen 443 ssl;
                add_header Strict-Transport-Security "max-age=31536000" always;
                add_header X-Content-Type-Options nosniff always;
                add_header Content-Security-Policy "frame-ancestors 'none'" always;
                location / { proxy_pass http://api:8000; }
            }
            """)])

    func check(_ context: LintContext) -> [Finding] {
        NginxScope.all(context.set.nginx).filter { $0.name == "server" }.compactMap { scope in
            let children = scope.block.children ?? []
            // A server that only redirects serves no pages to protect.
            if children.contains(where: { $0.name.text == "return" }),
               !children.contains(where: { $0.name.text == "location" }) { return nil }
            // add_header is inherited only by a level that sets none itself.
            let own = children.filter { $0.name.text == "add_header" }
            let headers = (own.isEmpty ? [scope.inherited("add_header")].compactMap { $0 } : own)
                .map { ($0.arguments.first?.text.lowercased() ?? "", $0.arguments.dropFirst().first?.text ?? "") }
            let tls = children.contains { $0.name.text == "listen" && $0.arguments.contains { $0.text == "ssl" } }
            var missing: [String] = []
            if tls, !headers.contains(where: { $0.0 == "strict-transport-security" }) {
                missing.append("Strict-Transport-Security")
            }
            if !headers.contains(where: { $0.0 == "x-content-type-options" }) {
                missing.append("X-Content-Type-Options")
            }
            if !headers.contains(where: { $0.0 == "x-frame-options"
                || ($0.0 == "content-security-policy" && $0.1.contains("frame-ancestors")) }) {
                missing.append("X-Frame-Options")
            }
            guard !missing.isEmpty else { return nil }
            return context.finding("\(scope.label) does not send \(missing.joined(separator: ", "))",
                                   at: scope.block.location, object: scope.label, place: "add_header")
        }
    }
}
