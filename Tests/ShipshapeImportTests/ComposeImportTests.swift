import Foundation
import ShipshapeImport
import ShipshapeModel
import ShipshapePipeline
import TestSupport
import Testing

/// Behaviour of the compose importer on small inputs: overrides, environments, variables,
/// secrets, losses and bad input.
struct ComposeImportTests {
    static func file(_ name: String, _ text: String) -> InputFile {
        InputFile(path: name, text: text, folder: "/nonexistent")
    }

    static func run(_ base: [InputFile], _ envs: [(name: String, files: [InputFile])] = []) throws -> (
        ImportResult, String
    ) {
        let out = Repository.temporaryFolder()
        let result = try ComposeImporter.run(
            base: base, environments: envs, options: ImportOptions(outFolder: out.path))
        return (result, result.stackYAML(sources: []))
    }

    /// `plausible_db` becomes service `plausible-db` (a DNS label every target takes) whose
    /// compose name stays `plausible_db`, the host other services' URLs name: no loss.
    @Test func underscoreServiceNamesKeepTheirComposeName() throws {
        let compose = """
            services:
              plausible:
                image: ghcr.io/plausible/community-edition:v2.1.3
                environment:
                  CLICKHOUSE_DATABASE_URL: http://plausible_events_db:8123/plausible_events_db
                depends_on: [plausible_events_db]
              plausible_events_db:
                image: clickhouse/clickhouse-server:24.3.3.102-alpine
            """
        let (result, yaml) = try Self.run([Self.file("compose.yml", compose)])
        #expect(!result.report.contains("DNS labels"), "\(result.report)")
        #expect(yaml.contains("""
              plausible-events-db:
                image: clickhouse/clickhouse-server:24.3.3.102-alpine
                compose:
                  name: plausible_events_db
            """), "\(yaml)")
        #expect(yaml.contains("- service: plausible-events-db"), "\(yaml)")
    }

    @Test func lifecycleKeysMapToTheirSpecFields() throws {
        let compose = """
            services:
              search:
                image: elasticsearch:8.15.0
                stop_grace_period: 1m30s
                pull_policy: missing
                ulimits:
                  nproc: 65535
                  nofile: {soft: 65536, hard: 65536}
                  memlock: {soft: -1, hard: -1}
              web:
                image: shop/web:1.0.0
                stop_grace_period: 1.5s
                pull_policy: build
            """
        let (result, yaml) = try Self.run([Self.file("compose.yml", compose)])
        #expect(yaml.contains("stopGracePeriod: \"1m30s\"\n"), "\(yaml)")
        #expect(yaml.contains("pullPolicy: ifNotPresent\n"), "\(yaml)")
        #expect(yaml.contains("ulimits:\n      nproc: 65535\n      nofile:\n        soft: 65536\n"), "\(yaml)")
        #expect(yaml.contains("memlock:\n        soft: -1\n        hard: -1\n"), "\(yaml)")
        let lost = result.report.split(separator: "\n").filter { $0.contains(": lost: ") }
        #expect(lost.count == 2, "\(result.report)")
        #expect(lost.contains { $0.contains(":12:24: lost: services.web.stop_grace_period") }, "\(result.report)")
        #expect(lost.contains { $0.contains(":13:18: lost: services.web.pull_policy") }, "\(result.report)")
    }

    @Test func credentialsBecomeReferencesAndAreNeverCopied() throws {
        let compose = """
            services:
              api:
                image: shop/api:${TAG:-1.2.0}
                environment:
                  DB_PASSWORD: hunter2-very-secret
                  DATABASE_URL: postgres://shop:s3cr3tpw@db:5432/shop
                  STRIPE: sk_live_4eC39HqLyjWDarjtT1zdp7dc
                  LOG_LEVEL: info
            """
        let (result, yaml) = try Self.run([Self.file("compose.yml", compose)])
        for value in ["hunter2-very-secret", "s3cr3tpw", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"] {
            #expect(!yaml.contains(value))
            #expect(!result.report.contains(value))
        }
        #expect(result.secrets.count == 3)
        #expect(yaml.contains("DB_PASSWORD: nonexistent-secrets/db-password"))
        #expect(yaml.contains("files: secrets/nonexistent-secrets"))
        #expect(yaml.contains("LOG_LEVEL: info"))
        #expect(yaml.contains("image: \"shop/api:${values.TAG}\""))
        #expect(yaml.contains("TAG: \"1.2.0\""))
    }

    @Test func overridesMergeAndEnvironmentsBecomeOverlays() throws {
        let base = Self.file(
            "docker-compose.yml",
            """
            x-common: &common
              restart: always
            services:
              web:
                <<: *common
                image: nginx:1.25
                ports: ["8080:80"]
                environment: [MODE=dev]
            """)
        let prod = Self.file(
            "docker-compose.prod.yml",
            """
            services:
              web:
                environment: {MODE: prod}
                deploy: {replicas: 3}
            """)
        let (result, yaml) = try Self.run([base], [("production", [prod])])
        #expect(result.losses.isEmpty, "\(result.losses)")
        #expect(yaml.contains("restart: always"))
        #expect(yaml.contains("publish: 8080"))
        #expect(
            yaml.contains(
                "production:\n    services:\n      web:\n        env:\n          MODE: prod\n        replicas: 3"))
    }

    @Test func unmappedKeysAreLocatedLosses() throws {
        let compose = """
            services:
              app:
                image: app:1
                stop_signal: SIGINT
                ports: ["127.0.0.1:5432:5432"]
            """
        let (result, _) = try Self.run([Self.file("compose.yml", compose)])
        let text = result.losses.map(\.description)
        #expect(text.contains { $0.hasPrefix("compose.yml:4:18: lost: services.app.stop_signal:") }, "\(text)")
        #expect(
            text.contains {
                $0.hasPrefix("compose.yml:5:13: lost: services.app.ports:") && $0.contains("host address")
            })
    }

    @Test(arguments: [
        ("services: [", "YAML syntax error"),
        ("just text", "is not a compose file"),
        ("volumes: {}", "has no 'services'"),
        ("apiVersion: v1\nkind: Service\nmetadata: {name: a}", "Kubernetes manifest"),
        ("services:\n  web: 3", "is not a mapping"),
    ])
    func badInputIsALocatedError(text: String, message: String) {
        do {
            _ = try Self.run([Self.file("bad.yml", text)])
            Issue.record("no error for \(text)")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.contains { $0.message.contains(message) && $0.location?.file == "bad.yml" })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unknownKubernetesKindIsALocatedError() {
        let manifest = InputFile(
            path: "m.yaml", text: "apiVersion: x/v1\nkind: Gizmo\nmetadata: {name: a}\n", folder: "/")
        #expect(throws: DiagnosticError.self) {
            _ = try KubernetesImporter.run([manifest], options: ImportOptions(outFolder: "/tmp"))
        }
    }
}
