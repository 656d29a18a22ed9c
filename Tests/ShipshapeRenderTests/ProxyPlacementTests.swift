import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

/// `proxy.placement`: nginx as a compose service (the default) or on the host in front of
/// compose, where it reaches each routed port where compose publishes it.
@Suite struct ProxyPlacementTests {
    static let stack = """
        stack: shop
        services:
          web:
            image: shop/web:1.0.0
            ports: [{name: http, port: 8000}]
          api:
            image: shop/api:1.0.0
            ports:
              - {name: http, port: 9000, publish: {port: 19000, address: "::1"}}
              - {name: admin, port: 9001}
          search:
            image: shop/search:1.0.0
            ports: [{name: http, port: 7700, publish: 17700}]
          db:
            image: postgres:16.4
            ports: [{name: pg, port: 5432}]
        proxy:
          placement: host
          hosts: [shop.example.com]
          routes:
            - {path: /, service: web}
            - {path: /api, service: api}
            - {path: /search, service: search}
        environments:
          development:
            targets: [compose, nginx]
          staging:
            targets: [compose]
            proxy: {placement: compose}
          production:
            targets: [kubernetes, nginx]

        """

    @Test func onTheHostComposeRunsNoProxyAndPublishesEachRoutedPortOnLoopback() throws {
        let files = try Rendering.files(yaml: Self.stack, environment: "development")
        let compose = try Rendering.file(files, "compose/docker-compose.yml")
        #expect(!compose.contains("nginx"), "\(compose)")
        // Unpublished and routed: published on 127.0.0.1 at its own number.
        #expect(compose.contains("  web:\n    image: shop/web:1.0.0\n    ports:\n      - \"127.0.0.1:8000:8000\"\n"),
                "\(compose)")
        // Published already: kept as written; the port nobody routes to stays internal.
        #expect(compose.contains("      - \"[::1]:19000:9000\"\n    expose:\n      - \"9001\"\n"), "\(compose)")
        #expect(compose.contains("      - \"17700:7700\"\n"))
        #expect(compose.contains("  db:\n    image: postgres:16.4\n    expose:\n      - \"5432\"\n"), "\(compose)")
        let site = try Rendering.file(files, "nginx/shop.conf")
        #expect(site.contains("upstream web_http {\n    server 127.0.0.1:8000;\n"), "\(site)")
        #expect(site.contains("upstream api_http {\n    server \"[::1]:19000\";\n"), "\(site)")
        // Published on every interface: the host's nginx reaches it on loopback.
        #expect(site.contains("upstream search_http {\n    server 127.0.0.1:17700;\n"), "\(site)")
        // Fixed addresses: no compose DNS resolver, no note about restarting a compose proxy.
        #expect(!site.contains("resolver") && !site.contains("compose"), "\(site)")
    }

    @Test func inComposeTheProxyIsAServiceReachingServicesByName() throws {
        let files = try Rendering.files(yaml: Self.stack, environment: "staging")
        let compose = try Rendering.file(files, "compose/docker-compose.yml")
        #expect(compose.contains("  nginx:\n    image: nginx:1.22-alpine\n"), "\(compose)")
        #expect(!compose.contains("127.0.0.1:8000"), "\(compose)")
        let site = try Rendering.file(files, "compose/nginx/shop.conf")
        #expect(site.contains("upstream web_http {\n    server web:8000;\n"), "\(site)")
    }

    /// Kubernetes has its Ingress wherever the spec says nginx runs; the VM site keeps names.
    @Test func withoutComposeThePlacementChangesNothing() throws {
        let host = try Rendering.files(yaml: Self.stack, environment: "production")
        let yaml = Self.stack.replacingOccurrences(of: "placement: host", with: "placement: compose")
        let inCompose = try Rendering.files(yaml: yaml, environment: "production")
        #expect(host == inCompose)
        #expect(try Rendering.file(host, "nginx/shop.conf").contains("server web:8000;"))
    }

    /// Two routed ports that would land on the same host port: an error at the second one's
    /// port, from render and validate alike, and nothing written.
    @Test func aHostPortTakenTwiceIsALocatedError() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            stack: shop
            targets: [compose]
            services:
              web:
                image: shop/web:1.0.0
                ports: [{name: http, port: 8000}]
              admin:
                image: shop/admin:1.0.0
                ports: [{name: http, port: 8000}]
            proxy:
              placement: hots
              hosts: [shop.example.com]
              routes:
                - {path: /, service: web}
                - {path: /admin, service: admin}

            """.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let typo = try Shipshape.run(["render", folder.path, "--env", "development", "--out", out])
        #expect(typo.exitCode == 2)
        #expect(typo.stderr.contains(":11:14: error: 'hots' is not valid here"), "\(typo.stderr)")
        #expect(typo.stderr.contains("expected one of 'compose', 'host'"), "\(typo.stderr)")
        let fixed = try String(contentsOf: folder.appendingPathComponent("stack.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "placement: hots", with: "placement: host")
        try fixed.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let render = try Shipshape.run(["render", folder.path, "--env", "development", "--out", out])
        #expect(render.exitCode == 2)
        #expect(render.stderr.contains(":9:13: error: route '/admin' needs port 'http' of 'admin' published for "
                                       + "nginx on the host, and host port 8000 is already published by service 'web'"),
                "\(render.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let validate = try Shipshape.run(["validate", folder.path, "--env", "development"])
        #expect(validate.exitCode == 2)
        #expect(validate.stderr == render.stderr, "render:\n\(render.stderr)\nvalidate:\n\(validate.stderr)")
    }

    /// nginx -t and gixy accept the host site, the compose schema and parser the compose file.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptBothPlacements() throws {
        try Judges.require()
        for environment in ["development", "staging"] {
            let files = try Rendering.files(yaml: Self.stack, environment: environment)
            let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
            #expect(verdict.failed == 0, "\(environment): \(verdict.failures)\n\(verdict.details)")
            #expect(verdict.passed >= files.count, "\(environment): \(verdict.lines)")
        }
    }
}
