import Foundation
import Testing
import TestSupport

/// `proxy.placement: host` under the real engine: compose runs no proxy and publishes each routed
/// port on loopback; the runtime kit's nginx on the host's network, with the rendered site and a
/// throwaway certificate, serves every route over HTTPS from the app behind it (scripts/e2e's
/// checks, which also redirect plain HTTP and probe every published port). And the names a
/// service is reached by: `web` reaches Redis as `redis_cache` (`compose.name`) and as
/// `kv.internal` (an alias); the stand-in's `/_runtime/deps`, which e2e requires to answer 200,
/// sends PING to every Redis URL of its environment.
@Suite struct ProxyPlacementRuntimeTests {
    static let stack = """
        stack: hostproxy
        targets: [compose, nginx]
        services:
          web:
            image: shop/web:1.0.0
            command: [uvicorn, app:app, --host, 0.0.0.0, --port, "8000"]
            env: {REDIS_URL: "redis://redis_cache:6379/0", CACHE_URL: "redis://kv.internal:6379/1"}
            ports: [{name: http, port: 8000}]
            dependsOn: [cache]
            probes:
              readiness: {http: /_runtime/deps, period: 2s}
          cache:
            image: redis:7.2.5
            compose: {name: redis_cache}
            aliases: [kv.internal]
            ports: [{name: redis, port: 6379}]
            probes:
              readiness: {exec: [redis-cli, ping], period: 2s}
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
        #expect(compose.contains("  redis_cache:\n    image: redis:7.2.5\n"), "\(compose)")
        #expect(compose.contains("    networks:\n      default:\n        aliases:\n          - kv.internal\n"))
        let result = try Processes.run(Repository.path("scripts/e2e"),
                                       ["--shipshape", Shipshape.binary, "--examples", work.path, "hostproxy"],
                                       in: Repository.root.path)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("PASS hostproxy/development: 3 services (3 containers)"), "\(result.stdout)")
        #expect(result.stdout.contains("2 routes (https), 2 published ports"), "\(result.stdout)")
    }
}
