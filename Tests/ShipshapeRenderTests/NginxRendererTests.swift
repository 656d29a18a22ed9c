import Foundation
import ShipshapeLoader
import ShipshapeModel
@testable import ShipshapeRender
import Testing
import TestSupport

@Suite struct NginxRendererTests {
    /// An example's committed site file.
    func site(_ example: String, _ environment: String) throws -> String {
        try #require(try Rendering.committed(example, environment, .nginx).first { $0.path == "\(example).conf" })
            .contents
    }

    /// The lines of the block that starts with `header` (e.g. `location /metrics {`).
    func block(_ text: String, _ header: String) -> [String] {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let start = lines.firstIndex(of: header + " {") else { return [] }
        var depth = 0
        var body: [String] = []
        for line in lines[start...] {
            if line.hasSuffix("{") { depth += 1 }
            if line == "}" { depth -= 1; if depth == 0 { break } }
            body.append(line)
        }
        return Array(body.dropFirst())
    }

    @Test func openLearnProductionReproducesTheSeedSite() throws {
        let conf = try site("openlearn", "production")
        let servers = conf.components(separatedBy: "\nserver {")
        #expect(servers.count == 3)
        #expect(servers[1].contains("listen 80;") && servers[1].contains("return 301 https://$host$request_uri;"))
        #expect(servers[2].contains("listen 443 ssl http2;"))
        #expect(servers[2].contains("ssl_certificate /etc/letsencrypt/live/api.openlearn.example.com/fullchain.pem;"))
        #expect(servers[2].contains("ssl_certificate_key /etc/letsencrypt/live/api.openlearn.example.com/privkey.pem;"))
        #expect(servers[2].contains("ssl_protocols TLSv1.2 TLSv1.3;"))
        #expect(conf.contains("add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;"))
        #expect(conf.contains("add_header X-Content-Type-Options nosniff always;"))
        #expect(conf.contains("add_header X-Frame-Options DENY always;"))
        #expect(conf.contains("server_tokens off;"))
        #expect(block(conf, "upstream api_http") == ["server 127.0.0.1:8000;", "keepalive 32;"])
        let root = block(conf, "location /")
        #expect(root.contains("proxy_pass http://api_http;"))
        #expect(root.contains("proxy_set_header Upgrade $http_upgrade;"))
        #expect(root.contains("proxy_set_header Connection $connection_upgrade;"))
        #expect(root.contains("proxy_set_header X-Forwarded-Proto $scheme;"))
        #expect(conf.contains("map $http_upgrade $connection_upgrade {"))
        #expect(block(conf, "location /health/live").contains("access_log off;"))
        let metrics = block(conf, "location /metrics")
        let allow = try #require(metrics.firstIndex(of: "allow 10.0.0.0/8;"))
        #expect(metrics[allow + 1] == "deny all;")
    }

    @Test func upScheduleGeneratorLimits() throws {
        let conf = try site("up-schedule-generator", "production")
        #expect(conf.contains("limit_req_zone $binary_remote_addr zone=up_schedule_generator_default:10m rate=100r/m;"))
        #expect(
            conf.contains("limit_req_zone $binary_remote_addr zone=up_schedule_generator_api_upload:10m rate=1r/m;"))
        let upload = block(conf, "location /api/upload")
        #expect(upload.contains("limit_req zone=up_schedule_generator_api_upload burst=9 nodelay;"))
        #expect(upload.contains("limit_req_status 429;"))
        #expect(upload.contains("client_max_body_size 10m;"))
        #expect(upload.contains("proxy_read_timeout 300s;"))
        #expect(block(conf, "location /api").contains("limit_req zone=up_schedule_generator_default burst=20 nodelay;"))
        #expect(conf.contains("client_max_body_size 10m;"))
        #expect(conf.contains("proxy_read_timeout 300s;"))
        #expect(conf.contains("proxy_send_timeout 300s;"))
    }

    @Test func developmentServesPlainHTTPAndComposeNames() throws {
        let conf = try site("residency-scheduler", "development")
        #expect(!conf.contains("ssl_certificate"))
        #expect(!conf.contains("Strict-Transport-Security"))
        #expect(conf.contains("listen 80;"))
        #expect(block(conf, "upstream backend_http") == ["server backend:8000;", "keepalive 32;"])
    }

    /// A stack with one service `api` and one route, resolved for production.
    func stack(
        _ route: String = "{path: /, service: api, websocket: true}", rateLimit: String = "",
        nginx: String = "1.22", targets: String = "[compose, nginx]",
        hosts: String = "[]"
    ) throws -> ResolvedStack {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        stack: shop
        nginx: {version: "\(nginx)"}
        services:
          api:
            image: shop/api:1.0.0
            ports: [{name: http, port: 8000}]
            hosts: \(hosts)
        proxy:
          hosts: [shop.example.com]
          \(rateLimit)
          routes:
            - \(route)
        environments:
          production: {targets: \(targets)}
        """.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        return try Project.load(folder.path).resolve("production")
    }

    func renderedSite(_ stack: ResolvedStack) throws -> String {
        try #require(try NginxRenderer().render(stack).first { $0.path == "\(stack.name).conf" }).contents
    }

    /// A request without `Upgrade` must send no `Connection` header upstream (`""`), not
    /// `close`: with `close` every request on a websocket route opened a new upstream
    /// connection (the live test counted 10 connections for 10 requests).
    @Test func websocketMapKeepsUpstreamKeepalive() throws {
        let files = try NginxRenderer().render(try Rendering.example("openlearn", "production"))
        let conf = try #require(files.first { $0.path == "openlearn.conf" }).contents
        #expect(block(conf, "map $http_upgrade $connection_upgrade") == ["default upgrade;", "\"\" \"\";"])
        #expect(!conf.contains(" close;"))
        #expect(block(conf, "location /").contains("proxy_set_header Connection $connection_upgrade;"))
    }

    /// nginx counts whole requests per second or minute (1r/m at the slowest): an hourly rate
    /// is rendered only when exact, else it is a located error (10/hour used to render as
    /// `rate=1r/m burst=10`, about 68 an hour).
    @Test func hourlyRateLimitsAreExactOrRejected() throws {
        let route = "{path: /, service: api, rateLimit: {requests: 120, per: hour, burst: 5}}"
        let exact = try renderedSite(try stack(route))
        #expect(exact.contains("limit_req_zone $binary_remote_addr zone=shop_root:10m rate=2r/m;"))
        #expect(block(exact, "location /").contains("limit_req zone=shop_root burst=5 nodelay;"))
        #expect(!exact.contains("per hour"))

        for (route, proxyLimit) in [
            ("{path: /, service: api, rateLimit: {requests: 10, per: hour}}", ""),
            ("{path: /, service: api}", "rateLimit: {requests: 90, per: hour, burst: 3}"),
        ] {
            do {
                _ = try stack(route, rateLimit: proxyLimit)
                Issue.record("accepted \(route) \(proxyLimit)")
            } catch let error as DiagnosticError {
                let diagnostic = try #require(error.diagnostics.first)
                #expect(diagnostic.message.contains("nginx cannot limit to"), "\(diagnostic)")
                #expect(diagnostic.location?.file.hasSuffix("stack.yaml") == true)
                #expect(diagnostic.location?.line == (proxyLimit.isEmpty ? 12 : 10), "\(diagnostic)")
                #expect(diagnostic.hint?.contains("per: minute") == true)
            }
        }
    }

    /// Compose recreates containers with new addresses; from nginx 1.27.3 the site re-resolves
    /// upstream names through Docker's DNS and keeps the upstream block (and its keepalive).
    @Test func composeSitesReResolveUpstreamNamesFrom1273() throws {
        let new = try renderedSite(try stack(nginx: "1.27.3"))
        #expect(new.contains("resolver 127.0.0.11 valid=10s ipv6=off;"))
        let upstream = ["zone api_http 64k;", "server api:8000 resolve;", "keepalive 32;"]
        #expect(block(new, "upstream api_http") == upstream)
        #expect(block(new, "location /").contains("proxy_pass http://api_http;"))

        let old = try renderedSite(try stack(nginx: "1.22"))
        #expect(!old.contains("resolve"))
        #expect(old.contains("# nginx 1.22 looks upstream names up once, at start"))
        #expect(block(old, "upstream api_http") == ["server api:8000;", "keepalive 32;"])

        let vm = try renderedSite(try stack(nginx: "1.27.3", targets: "[nginx]", hosts: "[127.0.0.1]"))
        #expect(!vm.contains("resolver") && !vm.contains("zone api_http"))
        #expect(block(vm, "upstream api_http") == ["server 127.0.0.1:8000;", "keepalive 32;"])
    }

    @Test func http2DirectiveFollowsTheNginxVersion() {
        #expect(!NginxSite.supportsHTTP2Directive("1.22"))
        #expect(!NginxSite.supportsHTTP2Directive("1.25.0"))
        #expect(NginxSite.supportsHTTP2Directive("1.25.1"))
        #expect(NginxSite.supportsHTTP2Directive("1.27"))
    }

    @Test func mainConfigIncludesTheSite() throws {
        let files = try NginxRenderer().render(try Rendering.example("openlearn", "production"))
        let main = try #require(files.first { $0.path == "nginx.conf" }).contents
        #expect(main.contains("include openlearn.conf;"))
        #expect(main.contains("events {"))
    }

    @Test func renderingTwiceIsByteIdentical() throws {
        for example in Repository.examples {
            #expect(try Rendering.files(example, target: .nginx) == Rendering.files(example, target: .nginx))
        }
    }

    /// `nginx -t` and gixy accept every nginx file of every example and environment.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptEveryConfig() throws {
        try Judges.require()
        var files: [RenderedFile] = []
        for example in Repository.examples {
            files += try Rendering.files(example, target: .nginx).map {
                RenderedFile(path: "\(example)/\($0.path)", contents: $0.contents)
            }
        }
        #expect(files.count >= 16)
        let verdict = try Judges.run(files)
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.lines.filter { $0.hasPrefix("PASS nginx-t") }.count == files.count)
    }
}
