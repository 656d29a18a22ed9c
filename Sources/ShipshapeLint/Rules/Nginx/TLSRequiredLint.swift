import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

struct TLSRequiredLint: LintRule {
    let info = LintRuleInfo(
        id: "tls-required", format: .nginx,
        triggering: [
            LintExample("site.conf", """
            server {
                listen ↓80;
                location / { proxy_pass http://web:8080; }
            }
            """),
            LintExample("site.conf", """
            server {
                listen 443 ssl;
                listen ↓80;
                ssl_certificate /etc/ssl/site.pem;
                ssl_certificate_key /etc/ssl/site.key;
                location / { proxy_pass http://web:8080; }
            }
            """),
        ],
        nonTriggering: [LintExample("site.conf", """
            server {
                listen 80;
                listen [::]:80;
                location /.well-known/acme-challenge/ { root /var/www/acme; }
                location / { return 301 https://$host$request_uri; }
            }
            server {
                listen 80 default_server;
                return 444;
            }
            server {
                listen 443 ssl http2;
                ssl_certificate /etc/ssl/site.pem;
                ssl_certificate_key /etc/ssl/site.key;
                location / { proxy_pass http://web:8080; }
            }
            """)])

    /// Whether `statement` sends the client to an `https://` address (`return 301 https://...`,
    /// `rewrite ^ https://... permanent`).
    static func redirectsToHTTPS(_ statement: NginxStatement) -> Bool {
        let words = statement.arguments.map(\.text)
        switch statement.name.text {
        case "return":
            let url = words.count >= 2 && ["301", "302", "303", "307", "308"].contains(words[0]) ? words[1]
                : words.first ?? ""
            return url.lowercased().hasPrefix("https://")
        case "rewrite": return words.count >= 2 && words[1].lowercased().hasPrefix("https://")
        default: return false
        }
    }

    /// Whether the server answers every request at its top level with an error (`return 444;`,
    /// `return 404;`), serving nothing.
    static func refuses(_ server: NginxStatement) -> Bool {
        (server.children ?? []).contains { child in
            !child.isComment && child.name.text == "return"
                && (child.arguments.first.flatMap { Int($0.text) }.map { $0 >= 400 } ?? false)
        }
    }

    /// The server's own redirect: at its top level, in an `if`, or in `location /` where no other
    /// location passes requests on.
    static func redirects(_ server: NginxStatement) -> Bool {
        let children = (server.children ?? []).filter { !$0.isComment }
        let passes = children.contains { child in
            child.name.text == "location" && child.arguments.map(\.text) != ["/"]
                && (child.children ?? []).contains { RateLimitedRoutesLint.passes.contains($0.name.text) }
        }
        return children.contains { child in
            if redirectsToHTTPS(child) { return true }
            let isRoot = child.name.text == "location" && child.arguments.map(\.text) == ["/"]
            guard child.name.text == "if" || (isRoot && !passes) else { return false }
            return (child.children ?? []).contains { !$0.isComment && redirectsToHTTPS($0) }
        }
    }

    func check(_ context: LintContext) -> [Finding] {
        NginxScope.all(context.set.nginx).filter { $0.name == "server" }.compactMap { scope -> Finding? in
            let listens = (scope.block.children ?? []).filter { !$0.isComment && $0.name.text == "listen" }
            // `ssl on;` (nginx before 1.25) makes every listen of the server TLS.
            let sslOn = scope.block.children?.contains { $0.name.text == "ssl" && $0.arguments.first?.text == "on" }
                ?? false
            let isTLS = { (listen: NginxStatement) in
                sslOn || listen.arguments.dropFirst().contains { $0.text == "ssl" || $0.text == "quic" }
            }
            let plain = listens.filter { listen in
                !isTLS(listen) && !(listen.arguments.first?.text.hasPrefix("unix:") ?? false)
            }
            guard listens.isEmpty || !plain.isEmpty, !Self.redirects(scope.block), !Self.refuses(scope.block) else {
                return nil
            }
            let nextTo = listens.contains(where: isTLS) ? " next to HTTPS" : ""
            let at = plain.first?.arguments.first?.location ?? scope.block.location
            return context.finding("the server serves plain HTTP\(nextTo)"
                                       + (listens.isEmpty ? " (no listen: port 80)" : ""),
                                   at: at, object: scope.label, place: "listen")
        }
    }
}
