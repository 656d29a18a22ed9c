import Foundation
import Testing
import TestSupport

/// `proxy.placement: host` under the real engine: compose runs no proxy and publishes each routed
/// port on loopback; the runtime kit's nginx on the host's network, with the rendered site and a
/// throwaway certificate, serves every route over HTTPS from the app behind it (scripts/e2e's
/// checks, which also redirect plain HTTP and probe every published port).
@Suite struct ProxyPlacementRuntimeTests {
    static let stack = """
        stack: hostproxy
        targets: [compose, nginx]
        services:
          web:
            image: shop/web:1.0.0
            command: [uvicorn, app:app, --host, 0.0.0.0, --port, "8000"]
            ports: [{name: http, port: 8000}]
            probes:
              readiness: {http: /health, period: 2s}
          api:
            image: shop/api:1.0.0
            command: [uvicorn, app:app, --host, 0.0.0.0, --port, "9000"]
            ports: [{name: http, port: 9000, publish: {port: 19000, address: 127.0.0.1}}]
            probes:
              readiness: {http: /health, period: 2s}
        proxy:
          placement: host
          hosts: [shop.example.com]
          tls:
            certificate: /etc/letsencrypt/live/shop.example.com/fullchain.pem
            key: /etc/letsencrypt/live/shop.example.com/privkey.pem
          routes:
            - {path: /, service: web}
            - {path: /api, service: api}

        """

    @Test(.enabled(if: EndToEndTests.runtimeInstalled,
                   "needs root and the runtime kit (shared/runtime/install.sh, images.sh; .ci/run runs them)"),
          .timeLimit(.minutes(20)))
    func nginxOnTheHostServesEveryRouteThroughPublishedPorts() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("hostproxy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.stack.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let render = try Shipshape.run(["render", folder.path, "--env", "development"])
        #expect(render.exitCode == 0, "\(render.stderr)")
        let compose = try String(contentsOf: folder.appendingPathComponent(
            "rendered/development/compose/docker-compose.yml"), encoding: .utf8)
        #expect(!compose.contains("nginx") && compose.contains("\"127.0.0.1:8000:8000\""), "\(compose)")
        let result = try Processes.run(Repository.path("scripts/e2e"),
                                       ["--shipshape", Shipshape.binary, "--examples", work.path, "hostproxy"],
                                       in: Repository.root.path)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("PASS hostproxy/development: 2 services (2 containers)"), "\(result.stdout)")
        #expect(result.stdout.contains("2 routes (https), 2 published ports"), "\(result.stdout)")
    }
}
