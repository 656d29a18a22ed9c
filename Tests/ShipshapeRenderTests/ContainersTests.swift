import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

/// `initContainers` and `sidecars` of a service on every target: Kubernetes native sidecars and
/// init containers, compose services `<service>-<name>`, systemd units `<unit>-<name>`; each
/// confined like the service; judged by the real checkers; a located error (render and validate
/// alike) where a target cannot honour them.
@Suite struct ContainersTests {
    static let stack = """
        stack: shop
        targets: [kubernetes, compose, systemd]
        secrets:
          db: {keys: [url, password]}
        services:
          api:
            image: shop/api:1.0.0
            command: [/opt/api/bin/api]
            ports: [{name: http, port: 8080}]
            secrets: {DATABASE_URL: db/url}
            resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: "1", memory: 256Mi}}
            probes: {liveness: {http: /health}, readiness: {http: /ready}}
            security:
              user: "10001"
              runAsNonRoot: true
              readOnlyRootFilesystem: true
              capabilities: {drop: [ALL]}
            volumes:
              - {name: static, path: /srv/static, scratch: true}
              - {name: logs, path: /var/log/api, scratch: true}
            initContainers:
              - name: migrate
                command: [/opt/api/bin/api, migrate]
                secrets: {DATABASE_URL: db/url}
                volumes: [{name: static}]
                resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {cpu: 500m, memory: 128Mi}}
              - name: warm
                command: [/opt/api/bin/api, warm]
                resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {cpu: 500m, memory: 128Mi}}
            sidecars:
              - name: shipper
                image: shop/shipper:2.1.0
                command: [/usr/bin/shipper, --dir, /logs]
                env: {LEVEL: info}
                secrets: {TOKEN: db/password}
                volumes: [{name: logs, path: /logs, readOnly: true}]
                resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 100m, memory: 64Mi}}

        """

    static func render(_ yaml: String = stack, environment: String = "production") throws -> [RenderedFile] {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        return try Rendering.files(Project.load(folder.path).resolve(environment))
    }

    static func file(_ files: [RenderedFile], _ suffix: String) throws -> String {
        try #require(files.first { $0.path.hasSuffix(suffix) }).contents
    }

    @Test func kubernetesRunsSidecarsNativelyBeforeTheInitContainersInOrder() throws {
        let api = try Self.file(Self.render(), "kubernetes/api.yaml")
        let names = api.split(separator: "\n").filter { $0.hasPrefix("        - name: ") }.map {
            $0.dropFirst("        - name: ".count)
        }
        #expect(names.prefix(4) == ["shipper", "migrate", "warm", "api"], "\(api)")
        // Only the sidecar restarts; an init container runs once, with the service's image.
        #expect(api.components(separatedBy: "restartPolicy: Always").count == 2)
        #expect(api.contains("""
                    - name: shipper
                      image: shop/shipper:2.1.0
            """))
        #expect(api.contains("""
                    - name: migrate
                      image: shop/api:1.0.0
            """))
        // Every container is confined like the service.
        #expect(api.components(separatedBy: "readOnlyRootFilesystem: true").count == 5)
        #expect(api.components(separatedBy: "runAsUser: 10001").count == 6)
        #expect(api.components(separatedBy: "allowPrivilegeEscalation: false").count == 5)
        // The shared volumes, where each container says; its own secrets only.
        #expect(api.contains("""
                      volumeMounts:
                        - name: logs
                          mountPath: /logs
                          readOnly: true
                        - name: shipshape-secrets-shipper
                          mountPath: /run/secrets
                          readOnly: true
            """), "\(api)")
        #expect(api.contains("""
                    - name: shipshape-secrets-shipper
                      projected:
                        sources:
                          - secret:
                              name: db
                              items:
                                - key: password
                                  path: db-password
            """))
        #expect(api.contains("            - name: TOKEN_FILE\n              value: /run/secrets/db-password\n"))
    }

    @Test func composeRunsEachContainerAsAServiceOfItsOwn() throws {
        let compose = try Self.file(Self.render(), "compose/docker-compose.yml")
        #expect(compose.contains("""
                depends_on:
                  api-migrate:
                    condition: service_completed_successfully
                  api-warm:
                    condition: service_completed_successfully
                restart: always
            """), "\(compose)")
        // The sidecar lives in the service's network namespace, so localhost reaches it.
        #expect(compose.contains("""
                depends_on:
                  api:
                    condition: service_started
                restart: always
            """))
        #expect(compose.contains("    network_mode: service:api\n"))
        // Init containers run once, one after the other.
        #expect(compose.contains("""
                depends_on:
                  api-migrate:
                    condition: service_completed_successfully
                restart: "no"
            """))
        #expect(compose.components(separatedBy: "restart: \"no\"").count == 3)
        // Shared scratch is a named volume (a tmpfs is one container's); the rest stays tmpfs-free.
        #expect(compose.contains("      - api-static:/srv/static\n      - api-logs:/var/log/api\n"))
        #expect(compose.contains("      - api-logs:/logs:ro\n"))
        #expect(compose.contains("volumes:\n  api-static: {}\n  api-logs: {}\n"))
        #expect(!compose.contains("tmpfs"))
        #expect(compose.components(separatedBy: "read_only: true").count == 5)
        #expect(compose.contains("secrets:\n  db-url:\n"))
        #expect(compose.contains("  db-password:\n"))
    }

    @Test func systemdRendersAUnitPerContainerBoundToTheService() throws {
        let files = try Self.render()
        let api = try Self.file(files, "systemd/shop-api.service")
        #expect(api.contains("""
            Wants=shop-api-shipper.service
            Requires=shop-api-migrate.service shop-api-warm.service
            After=shop-api-migrate.service shop-api-warm.service

            """), "\(api)")
        let shipper = try Self.file(files, "systemd/shop-api-shipper.service")
        #expect(shipper.contains("BindsTo=shop-api.service\nBefore=shop-api.service\n"), "\(shipper)")
        #expect(shipper.contains("ExecStart=/usr/bin/shipper --dir /logs\n"))
        #expect(shipper.contains("User=10001\n") && !shipper.contains("[Install]"))
        let warm = try Self.file(files, "systemd/shop-api-warm.service")
        #expect(warm.contains("After=shop-api-shipper.service shop-api-migrate.service\nBefore=shop-api.service\n"),
                "\(warm)")
        #expect(warm.contains("Type=oneshot\n") && warm.contains("Restart=no\n"))
        let migrate = try Self.file(files, "systemd/shop-api-migrate.service")
        #expect(migrate.contains("LoadCredential=db-url\n"))
        // The service's sandbox applies to its containers too.
        #expect(migrate.contains("ProtectSystem=strict\n") && migrate.contains("NoNewPrivileges=yes\n"))
        #expect(!migrate.contains("db-password"))
    }

    @Test func resolveShowsTheContainersWithTheirOrigin() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.stack.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let resolve = try Shipshape.run(["resolve", folder.path, "--env", "production", "--explain"])
        #expect(resolve.exitCode == 0, "\(resolve.stderr)")
        #expect(resolve.stdout.contains("    initContainers:\n      - name: migrate"), "\(resolve.stdout)")
        #expect(resolve.stdout.contains("    sidecars:\n      - name: shipper"))
        #expect(resolve.stdout.contains("            path: /logs # stack base ("), "\(resolve.stdout)")
        #expect(resolve.stdout.contains("stack.yaml:36:38)\n"))
    }

    /// What refers to nothing or clashes is an error at the value, from render and validate alike,
    /// and nothing is written.
    @Test func locatedErrorsOfTheSpec() throws {
        try Self.expectErrors("""
            stack: shop
            targets: [compose, systemd]
            services:
              api:
                image: shop/api:1.0.0
                command: [/opt/api/bin/api]
                volumes: [{name: data, path: /data, scratch: true}]
                initContainers:
                  - name: migrate
                    volumes: [{name: date}]
                    secrets: {TOKEN: missing/key}
                sidecars:
                  - name: api
                  - name: exporter
              api-exporter:
                image: shop/exporter:1.0.0

            """, [
            ":10:26: error: service 'api' has no volume 'date' to share with init container 'migrate'",
            ":11:26: error: secret 'missing' is not declared",
            ":13:15: error: sidecar 'api' has the name of the service's own container",
            ":14:15: error: sidecar 'exporter' of service 'api' runs as 'api-exporter' on compose and systemd",
        ])
    }

    /// What a target cannot honour is an error at the value, from render and validate alike.
    @Test func locatedErrorsOfTargetsThatCannotHonourThem() throws {
        try Self.expectErrors("""
            stack: shop
            targets: [kubernetes, compose, systemd]
            services:
              api:
                image: shop/api:1.0.0
                command: [/opt/api/bin/api]
                replicas: 2
                initContainers:
                  - name: migrate
                sidecars:
                  - name: exporter
                    command: [/usr/bin/exporter]
              report:
                image: shop/report:1.0.0
                command: [/opt/report/bin/report]
                schedule: {cron: "0 2 * * *"}
                sidecars:
                  - name: proxy
                    image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.0

            """, [
            ":9:15: error: init container 'migrate' of service 'api' has no command to run on a host",
            ":11:15: error: compose cannot give each of the 2 replicas of 'api' its own sidecar 'exporter'",
            ":18:15: error: compose cannot stop sidecar 'proxy' when job 'report' ends",
            ":18:15: error: sidecar 'proxy' of service 'report' has no command to run on a host",
        ])
    }

    static func expectErrors(_ yaml: String, _ expected: [String],
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let render = try Shipshape.run(["render", folder.path, "--env", "production", "--out", out])
        #expect(render.exitCode == 2, sourceLocation: sourceLocation)
        let errors = render.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        for message in expected {
            #expect(errors.contains { $0.contains(message) }, "\(message)\n\(render.stderr)",
                    sourceLocation: sourceLocation)
        }
        #expect(errors.count == expected.count, "\(render.stderr)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: out), sourceLocation: sourceLocation)
        let validate = try Shipshape.run(["validate", folder.path, "--env", "production"])
        #expect(validate.exitCode == 2, sourceLocation: sourceLocation)
        for message in expected {
            #expect(validate.stderr.contains(message), "\(message)\n\(validate.stderr)",
                    sourceLocation: sourceLocation)
        }
    }

    /// The rules that look at every container of a pod see init containers and sidecars; the
    /// security rules need not (a container runs with the service's settings).
    @Test func policyRulesSeeTheContainers() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = Self.stack
            .replacingOccurrences(of: "image: shop/shipper:2.1.0", with: "image: shop/shipper:latest")
            .replacingOccurrences(of: "env: {LEVEL: info}", with: "env: {LEVEL: info, DB_PASSWORD: Zq8xVv3pLm}")
            .replacingOccurrences(of: "        resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 100m, "
                                      + "memory: 64Mi}}\n", with: "")
        try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let validate = try Shipshape.run(["validate", folder.path, "--env", "production"])
        let text = validate.stdout + validate.stderr
        #expect(text.contains("stack.yaml:32:16: error: image 'shop/shipper:latest' of sidecar 'shipper' of service "
                                  + "'api' uses the moving tag 'latest' (image-tag-pinned)"), "\(text)")
        #expect(text.contains("error: sidecar 'shipper' of service 'api' has no memory limit (resources-limits)"))
        #expect(text.contains("kubernetes/api.yaml: Deployment/api spec.template.spec.initContainers[shipper]"
                                  + ".resources.limits.memory"))
        #expect(text.contains("error: sidecar 'shipper' of service 'api' requests no cpu or memory"))
        #expect(text.contains("stack.yaml:34:41: error: DB_PASSWORD of sidecar 'shipper' of service 'api' is named "
                                  + "like a secret and holds a literal value (no-plaintext-secrets)"), "\(text)")
        #expect(!text.contains("Zq8xVv3pLm"))
        // The init containers set theirs, and take the service's pinned image.
        #expect(!text.contains("init container 'migrate'") && !text.contains("init container 'warm'"))
    }

    /// A StatefulSet's init container mounts its claim; a CronJob's native sidecar ends with the
    /// job, and on systemd the sidecar unit stops with the oneshot it is bound to.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptContainersOfJobsAndStatefulSets() throws {
        try Judges.require()
        let files = try Self.render("""
            stack: shop
            targets: [kubernetes, systemd]
            secrets:
              db: {keys: [url]}
            services:
              db:
                image: postgres:15.4
                command: [/usr/lib/postgresql/15/bin/postgres]
                ports: [{name: pg, port: 5432}]
                volumes: [{name: data, path: /var/lib/postgresql/data, size: 1Gi}]
                initContainers:
                  - {name: perms, command: [/bin/true], volumes: [{name: data}]}
              report:
                image: shop/report:1.0.0
                command: [/opt/report/bin/report]
                schedule: {cron: "0 2 * * *"}
                dependsOn: [db]
                initContainers:
                  - {name: check, command: [/opt/report/bin/report, check]}
                sidecars:
                  - name: proxy
                    image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.0
                    command: [/usr/bin/cloud-sql-proxy, --port, "5432"]
                    secrets: {TOKEN: {secret: db, key: url, as: env}}

            """)
        let report = try Self.file(files, "kubernetes/report.yaml")
        #expect(report.contains("kind: CronJob") && report.contains("              restartPolicy: Always\n"))
        let db = try Self.file(files, "kubernetes/db.yaml")
        #expect(db.contains("kind: StatefulSet") && db.contains("""
                      volumeMounts:
                        - name: data
                          mountPath: /var/lib/postgresql/data
                  containers:
            """), "\(db)")
        let proxy = try Self.file(files, "systemd/shop-report-proxy.service")
        #expect(proxy.contains("BindsTo=shop-report.service\n"))
        let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.passed >= files.count)
    }

    /// kubernetes-validate (1.37), checkov, the compose schema and parser, systemd-analyze verify
    /// and security accept every container, and checkov finds every one confined and limited.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptEveryContainer() throws {
        try Judges.require()
        let files = try Self.render()
        // Images by tag and pulled when missing, as in every example (docs/POLICY.md).
        let verdict = try Judges.run(files, environment: ["JUDGE_CHECKOV_SKIP_CHECKS": "CKV_K8S_43,CKV_K8S_15"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.lines.contains { $0.hasPrefix("PASS checkov") && $0.hasSuffix("kubernetes/api.yaml") })
        #expect(verdict.lines.contains {
            $0.hasPrefix("PASS systemd-security") && $0.hasSuffix("shop-api-warm.service")
        })
    }
}
