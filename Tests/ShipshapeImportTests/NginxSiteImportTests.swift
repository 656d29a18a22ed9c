import Foundation
import ShipshapeImport
import ShipshapeModel
import ShipshapePipeline
import ShipshapeRender
import TestSupport
import Testing

/// An nginx service in a compose file, with the site it mounts: the site (read with
/// NginxReader) becomes `proxy:`, and what it cannot say is a loss located in the site file.
struct NginxSiteImportTests {
    static let compose = """
        services:
          web:
            image: shop/web:1.0
            expose: ["8000"]
          chat:
            image: shop/chat:1.0
            expose: ["9000"]
          proxy:
            image: nginx:1.24-alpine
            ports: ["80:80", "443:443", "8080:8080"]
            volumes:
              - ./nginx/site.conf:/etc/nginx/conf.d/default.conf:ro
              - /etc/ssl/shop:/etc/ssl/shop:ro
            depends_on: [web, chat]
        """

    static let site = """
        upstream app {
            server web:8000;
        }
        limit_req_zone $binary_remote_addr zone=api:10m rate=20r/s;
        server {
            listen 80;
            server_name shop.example.com;
            return 301 https://$host$request_uri;
        }
        server {
            listen 443 ssl;
            server_name shop.example.com;
            ssl_certificate /etc/ssl/shop/cert.pem;
            ssl_certificate_key /etc/ssl/shop/key.pem;
            add_header Strict-Transport-Security "max-age=31536000" always;
            add_header X-Frame-Options DENY always;
            client_max_body_size 25m;
            proxy_buffering off;
            location / {
                proxy_pass http://app;
                limit_req zone=api burst=40 nodelay;
            }
            location /ws {
                proxy_pass http://chat:9000;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection "upgrade";
                allow 10.0.0.0/8;
                deny all;
            }
            location ~ \\.php$ {
                return 404;
            }
        }
        """

    static func importShop() throws -> (ImportResult, stack: String, folder: URL) {
        let out = Repository.temporaryFolder()
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("nginx"), withIntermediateDirectories: true)
        try Self.site.write(to: out.appendingPathComponent("nginx/site.conf"), atomically: true, encoding: .utf8)
        let path = out.appendingPathComponent("docker-compose.yml").path
        try Self.compose.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ComposeImporter.run(
            base: [try InputFile.read(path)], options: ImportOptions(name: "shop", outFolder: out.path))
        try StackWriter.write(result, sources: [path], to: out.path, force: false)
        let stack = try String(contentsOf: out.appendingPathComponent(StackWriter.stackFile), encoding: .utf8)
        return (result, stack, out)
    }

    @Test func theSiteBecomesTheProxy() throws {
        let (_, stack, _) = try Self.importShop()
        let proxy = try #require(stack.range(of: "\nproxy:\n")).upperBound
        let text = String(stack[proxy...])
        #expect(text.contains("hosts:\n    - shop.example.com"))
        #expect(text.contains("certificate: /etc/ssl/shop/cert.pem"))
        #expect(text.contains("key: /etc/ssl/shop/key.pem"))
        #expect(text.contains("hsts: \"365d\"") && text.contains("hstsIncludeSubdomains: false"))
        #expect(text.contains("frameOptions: DENY"))
        #expect(text.contains("bodySize: \"25m\""))
        #expect(text.contains("- path: /\n      service: web\n      port: http\n"))
        #expect(text.contains("rateLimit:\n        requests: 20\n        per: second\n        burst: 40"))
        #expect(text.contains("- path: /ws\n      service: chat\n      port: http\n      websocket: true"))
        #expect(text.contains("allow:\n        - \"10.0.0.0/8\""))
        #expect(stack.contains("targets:\n  - compose\n  - nginx\n"))
        #expect(stack.contains("nginx:\n  version: \"1.24\""))
        // The proxy is no service of the stack.
        #expect(!stack.contains("\n  proxy:\n    image"))
    }

    @Test func whatTheSiteCannotSayIsLocatedInTheSiteFile() throws {
        let (result, _, _) = try Self.importShop()
        let inSite = result.losses.filter { $0.location.file == "./nginx/site.conf" }
        let buffering = try #require(inSite.first { $0.key == "server.proxy_buffering" })
        #expect((buffering.location.line, buffering.location.column) == (18, 5))
        let regex = try #require(inSite.first { $0.key.hasPrefix("location ~") })
        #expect(regex.location.line == 30)
        // The extra published port and the site's own path are losses of the compose service.
        #expect(result.losses.contains { $0.key == "services.proxy.ports" && $0.location.line == 10 })
        #expect(result.losses.contains { $0.key == "services.proxy.volumes" && $0.reason.contains("site") })
        #expect(!result.losses.contains { $0.key == "services.proxy.volumes" && $0.location.line == 13 },
                "the certificate folder is mounted as shipshape mounts it")
    }

    @Test func theImportedStackRendersTheSiteAndTheProxyService() throws {
        let (_, _, folder) = try Self.importShop()
        let files = try Pipeline.load(folder.path).render(["development"]).files
        let site = try #require(files.first { $0.path == "development/nginx/shop.conf" }).contents
        #expect(site.contains("location /ws {"))
        #expect(site.contains("server chat:9000"))
        #expect(site.contains("limit_req zone=shop_root burst=40 nodelay;"))
        #expect(site.contains("client_max_body_size 25m;"))
        let compose = try #require(files.first { $0.path == "development/compose/docker-compose.yml" }).contents
        #expect(compose.contains("  nginx:\n    image: nginx:1.24-alpine"))
        #expect(compose.contains("../nginx/shop.conf:/etc/nginx/conf.d/default.conf:ro"))
    }

    /// The site and compose file rendered from the imported proxy pass nginx -t, gixy and the
    /// compose judges.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func theRenderedSitePassesTheJudges() throws {
        try Judges.require()
        let (_, _, folder) = try Self.importShop()
        let files = try Pipeline.load(folder.path).render(["development"]).files
        let out = Repository.temporaryFolder()
        for file in files {
            let url = out.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let verdict = try Judges.run(out.path, environment: ["JUDGE_SKIP": "checkov"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        for judge in ["nginx-t", "gixy", "compose-schema"] {
            #expect(verdict.lines.contains { $0.hasPrefix("PASS \(judge) ") }, "\(judge) did not run")
        }
    }

    @Test func listensOnOtherPortsAreLosses() throws {
        let out = Repository.temporaryFolder()
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("nginx"), withIntermediateDirectories: true)
        let site = Self.site.replacingOccurrences(of: "listen 443 ssl;", with: "listen 8443 ssl;")
        try site.write(to: out.appendingPathComponent("nginx/site.conf"), atomically: true, encoding: .utf8)
        let path = out.appendingPathComponent("docker-compose.yml").path
        try Self.compose.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ComposeImporter.run(
            base: [try InputFile.read(path)], options: ImportOptions(name: "shop", outFolder: out.path))
        let listen = result.losses.filter { $0.key == "server.listen" }
        #expect(listen.count == 1)
        #expect(listen.first?.location.line == 11)
    }

    @Test func anEnvironmentsOwnSiteBecomesItsProxyOverlay() throws {
        let (_, _, folder) = try Self.importShop()
        let production = Self.site.replacingOccurrences(of: "shop.example.com", with: "prod.example.com")
        try production.write(
            to: folder.appendingPathComponent("nginx/prod.conf"), atomically: true, encoding: .utf8)
        let override = folder.appendingPathComponent("docker-compose.prod.yml").path
        try """
            services:
              proxy:
                volumes: [./nginx/prod.conf:/etc/nginx/conf.d/default.conf:ro]
            """.write(toFile: override, atomically: true, encoding: .utf8)
        let base = folder.appendingPathComponent("docker-compose.yml").path
        let result = try ComposeImporter.run(
            base: [try InputFile.read(base)], environments: [("production", [try InputFile.read(override)])],
            options: ImportOptions(name: "shop", outFolder: folder.path))
        let stack = result.stackYAML(sources: [])
        let start = try #require(stack.range(of: "\n  production:\n")).lowerBound
        let overlay = String(stack[start...])
        #expect(overlay.contains("proxy:\n      hosts:\n        - prod.example.com"))
        #expect(stack.contains("proxy:\n  hosts:\n    - shop.example.com"))
    }

    @Test func aSiteThatIsNotNginxConfigurationIsALocatedLoss() throws {
        let out = Repository.temporaryFolder()
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("nginx"), withIntermediateDirectories: true)
        try "server {\n    listen 80;\n    location / {\n        proxy_pass http://web:8000;\n}\n"
            .write(to: out.appendingPathComponent("nginx/site.conf"), atomically: true, encoding: .utf8)
        let path = out.appendingPathComponent("docker-compose.yml").path
        try Self.compose.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ComposeImporter.run(
            base: [try InputFile.read(path)], options: ImportOptions(name: "shop", outFolder: out.path))
        #expect(!result.stackYAML(sources: []).contains("proxy:"))
        let loss = try #require(result.losses.first { $0.key == "services.proxy.volumes" })
        #expect(loss.location.file == "./nginx/site.conf")
        #expect(loss.location.line >= 5)
        #expect(result.losses.contains { $0.key == "services.proxy" })
    }

    @Test func aSiteThatCannotBeReadIsALoss() throws {
        let out = Repository.temporaryFolder()
        let path = out.appendingPathComponent("docker-compose.yml").path
        try Self.compose.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ComposeImporter.run(
            base: [try InputFile.read(path)], options: ImportOptions(name: "shop", outFolder: out.path))
        let stack = result.stackYAML(sources: [])
        #expect(!stack.contains("proxy:"))
        let loss = try #require(result.losses.first { $0.key == "services.proxy" })
        #expect(loss.reason.contains("could not read"))
        #expect(loss.location.line == 9)
    }
}
