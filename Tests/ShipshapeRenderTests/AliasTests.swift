import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

/// The names a service is reached by besides its own: `aliases` (compose network aliases, a
/// Service of each name in Kubernetes) and `compose.name` (the compose service's name, with the
/// `_` existing apps' default URLs hold).
@Suite struct AliasTests {
    static let stack = """
        stack: stats
        services:
          web:
            image: stats/web:2.1.4
            ports: [{name: http, port: 8000}]
            env: {DATABASE_URL: "postgres://plausible_db:5432/plausible"}
            dependsOn: [db]
          db:
            image: postgres:16.4
            aliases: [postgres-main, postgres.internal]
            compose: {name: plausible_db}
            ports: [{name: pg, port: 5432}]
        proxy:
          hosts: [stats.example.com]
          tls: null
          routes: [{path: /, service: web}]
        environments:
          development:
            targets: [compose]
          staging:
            targets: [compose]
            networks: {front: {}, back: {internal: true}}
            services:
              web: {networks: [front, back]}
              db: {networks: [back]}
          production:
            targets: [kubernetes]
            proxy: null
            services:
              db: {aliases: [postgres, pg-primary]}

        """

    @Test func composeGivesTheAliasesOnTheDefaultNetworkWhereTheStackDeclaresNone() throws {
        let compose = try Rendering.file("docker-compose.yml", yaml: Self.stack, environment: "development")
        #expect(compose.contains("""
                networks:
                  default:
                    aliases:
                      - postgres-main
                      - postgres.internal

            """), "\(compose)")
        // A service without aliases stays on the default network without saying so.
        #expect(compose.components(separatedBy: "networks:").count == 2, "\(compose)")
    }

    /// The compose name is the service's key; dependencies and the proxy's upstream use it.
    @Test func composeNamesTheServiceAsAskedEverywhereInTheFile() throws {
        let files = try Rendering.files(yaml: Self.stack, environment: "development")
        let compose = try Rendering.file(files, "docker-compose.yml")
        #expect(compose.contains("\n  plausible_db:\n    image: postgres:16.4\n"), "\(compose)")
        #expect(!compose.contains("\n  db:\n"), "\(compose)")
        #expect(compose.contains("    depends_on:\n      plausible_db:\n"), "\(compose)")
        // Kubernetes keeps the service's own name.
        let production = try Rendering.files(yaml: Self.stack, environment: "production")
        #expect(production.contains { $0.path.hasSuffix("kubernetes/db.yaml") })
    }

    /// A sidecar shares the network of the service under its compose name, and waits for it.
    @Test func sidecarsJoinTheServiceByItsComposeName() throws {
        let yaml = Self.stack.replacingOccurrences(of: "    compose: {name: plausible_db}\n", with: """
                compose: {name: plausible_db}
                sidecars: [{name: exporter, image: "prom/postgres-exporter:v0.15.0"}]

            """)
        let compose = try Rendering.file("docker-compose.yml", yaml: yaml, environment: "development")
        #expect(compose.contains("""
              db-exporter:
                image: prom/postgres-exporter:v0.15.0
                depends_on:
                  plausible_db:
                    condition: service_started

            """), "\(compose)")
        #expect(compose.contains("    network_mode: service:plausible_db\n"), "\(compose)")
    }

    @Test func theProxyInComposeReachesTheServiceByItsComposeName() throws {
        let yaml = Self.stack.replacingOccurrences(of: "routes: [{path: /, service: web}]",
                                                   with: "routes: [{path: /, service: web}, {path: /db, service: db}]")
        let site = try Rendering.file("nginx/stats.conf", yaml: yaml, environment: "development")
        #expect(site.contains("upstream db_pg {\n    server plausible_db:5432;\n"), "\(site)")
    }

    @Test func composeGivesTheAliasesOnEveryNetworkTheServiceJoins() throws {
        let compose = try Rendering.file("docker-compose.yml", yaml: Self.stack, environment: "staging")
        #expect(compose.contains("""
                networks:
                  back:
                    aliases:
                      - postgres-main
                      - postgres.internal

            """), "\(compose)")
        #expect(compose.contains("    networks:\n      - front\n      - back\n"), "\(compose)")
    }

    @Test func kubernetesGetsAServiceOfEachAliasSelectingTheSamePods() throws {
        let db = try Rendering.file("kubernetes/db.yaml", yaml: Self.stack, environment: "production")
        let services = db.components(separatedBy: "---\n").filter { $0.contains("kind: Service\n") }
        #expect(services.count == 3, "\(db)")
        for name in ["db", "postgres", "pg-primary"] {
            let object = try #require(services.first { $0.contains("  name: \(name)\n") }, "\(db)")
            #expect(object.contains("  selector:\n    app.kubernetes.io/name: db\n"), "\(object)")
            #expect(object.contains("    - name: pg\n      port: 5432\n      targetPort: pg\n"), "\(object)")
        }
    }

    /// Every problem at its alias, from render and validate alike; nothing written. What the
    /// spec gets wrong stops before rendering; what a target cannot honour is the render stage's.
    @Test(arguments: [
        ("""
            stack: stats
            targets: [compose]
            services:
              web:
                image: stats/web:2.1.4
                aliases: [Web, db, www, www, my_db]
              db:
                image: postgres:16.4
                aliases: [db-main, www]
                compose: {name: web}
              cache:
                image: redis:7.2.5
                compose: {name: Cache_1}

            """, [
                ":6:15: error: 'Web' is not a valid alias",
                ":6:29: error: alias 'www' is given twice",
                ":6:34: error: 'my_db' is not a valid alias",
                ":6:20: error: alias 'db' is already the name of service 'db'",
                ":9:24: error: alias 'www' is already the alias of service 'web'",
                ":10:21: error: compose name 'web' is already the name of service 'web'",
                ":13:21: error: 'Cache_1' is not valid here",
            ]),
        ("""
            stack: stats
            targets: [compose, kubernetes]
            services:
              db:
                image: postgres:16.4
                aliases: [pg.internal, primary]
                ports: [{name: pg, port: 5432}]
              agent:
                image: stats/agent:1.0.0
                aliases: [agent-main]
                security: {hostNetwork: true}

            """, [
                ":6:15: error: alias 'pg.internal' cannot name a Kubernetes Service",
                ":10:14: error: service 'agent' is on the host's network, where compose gives it no network aliases",
                ":10:15: error: service 'agent' has no ports, so Kubernetes has no Service to name 'agent-main'",
            ]),
    ])
    func badAliasesAreLocatedErrors(stack: String, expected: [String]) throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try stack.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let render = try Shipshape.run(["render", folder.path, "--env", "staging", "--out", out])
        #expect(render.exitCode == 2)
        let errors = render.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        for message in expected {
            #expect(errors.contains { $0.contains(message) }, "\(message)\n\(render.stderr)")
        }
        #expect(errors.count == expected.count, "\(render.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let validate = try Shipshape.run(["validate", folder.path, "--env", "staging"])
        #expect(validate.exitCode == 2)
        #expect(validate.stderr == render.stderr, "render:\n\(render.stderr)\nvalidate:\n\(validate.stderr)")
    }

    @Test func aliasesAreHostNamesAndComposeNamesMayHoldUnderscores() {
        for good in ["db", "postgres.internal", "a-b.c", "x1"] {
            #expect(Names.isAlias(good), "\(good)")
        }
        for bad in ["", "Db", "plausible_db", "*.db", "-db", "db.", ".db", "a..b", "db:5432", "db/x", "d b",
                    String(repeating: "a", count: 64)] {
            #expect(!Names.isAlias(bad), "\(bad)")
        }
        for good in ["plausible_db", "db", "a.b-c_d", "x1"] {
            #expect(Names.isComposeServiceName(good), "\(good)")
        }
        for bad in ["", "_db", "db_", "Db", "d b", "db/x", "db:1", String(repeating: "a", count: 64)] {
            #expect(!Names.isComposeServiceName(bad), "\(bad)")
        }
    }

    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptTheAliases() throws {
        try Judges.require()
        for environment in ["development", "staging", "production"] {
            let files = try Rendering.files(yaml: Self.stack, environment: environment)
            let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
            #expect(verdict.failed == 0, "\(environment): \(verdict.failures)\n\(verdict.details)")
            #expect(verdict.passed >= files.count, "\(environment): \(verdict.lines)")
        }
    }
}
