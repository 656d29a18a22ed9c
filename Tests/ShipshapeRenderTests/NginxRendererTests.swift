import Foundation
import ShipshapeModel
@testable import ShipshapeRender
import Testing
import TestSupport

@Suite struct NginxRendererTests {
    /// An example's committed site file.
    func site(_ example: String, _ environment: String) throws -> String {
        try #require(try Rendering.committed(example, environment, .nginx).first { $0.path == "\(example).conf" }).contents
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
        #expect(conf.contains("limit_req_zone $binary_remote_addr zone=up_schedule_generator_api_upload:10m rate=1r/m;"))
        let upload = block(conf, "location /api/upload")
        #expect(upload.contains("limit_req zone=up_schedule_generator_api_upload burst=10 nodelay;"))
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
    @Test func judgesAcceptEveryConfig() throws {
        guard Judges.available() else { return }
        var files: [RenderedFile] = []
        for example in Repository.examples {
            files += try Rendering.files(example, target: .nginx).map { RenderedFile(path: "\(example)/\($0.path)", contents: $0.contents) }
        }
        #expect(files.count >= 16)
        let folder = try Rendering.write(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let verdict = try Judges.run(folder.path)
        #expect(verdict.failed == 0, "\(verdict.lines.filter { $0.hasPrefix("FAIL") })\n\(verdict.details)")
        #expect(verdict.lines.filter { $0.hasPrefix("PASS nginx-t") }.count == files.count)
    }
}
