import Foundation
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport
import Yams

/// An example's committed compose file read back with a YAML parser.
struct ComposeDocument {
    let root: [String: Any]

    init(_ example: String, _ environment: String) throws {
        let file = try #require(try Rendering.committed(example, environment, .compose).first)
        #expect(file.path == "docker-compose.yml")
        root = try #require(try Yams.load(yaml: file.contents) as? [String: Any])
    }

    var services: [String: Any] { root["services"] as? [String: Any] ?? [:] }

    func service(_ name: String) -> [String: Any]? { services[name] as? [String: Any] }

    /// Every published host port across services.
    var publishedHostPorts: Set<Int> {
        Set(services.values.compactMap { ($0 as? [String: Any])?["ports"] as? [String] }.flatMap { $0 }
            .compactMap { Int($0.split(separator: ":")[0]) })
    }
}

@Suite struct ComposeRendererTests {
    @Test func residencySchedulerPublishesDataPortsOnlyInDevelopment() throws {
        let development = try ComposeDocument("residency-scheduler", "development")
        #expect(development.publishedHostPorts.isSuperset(of: [5432, 6379]))
        #expect(development.service("db")?["ports"] as? [String] == ["5432:5432"])
        #expect(development.service("redis")?["ports"] as? [String] == ["6379:6379"])
        let production = try ComposeDocument("residency-scheduler", "production")
        #expect(production.publishedHostPorts == [80, 443])
        #expect(production.service("nginx")?["ports"] as? [String] == ["80:80", "443:443"])
        #expect(production.service("db")?["expose"] as? [String] == ["5432"])
        #expect(production.root["version"] == nil)
        #expect(production.root["name"] as? String == "residency-scheduler-production")
    }

    @Test func residencySchedulerStartupOrderAndHealthChecks() throws {
        let compose = try ComposeDocument("residency-scheduler", "production")
        let backend = try #require(compose.service("backend"))
        #expect(dig(backend, "depends_on", "db", "condition") as? String == "service_healthy")
        #expect(dig(backend, "depends_on", "redis", "condition") as? String == "service_healthy")
        #expect(dig(compose.service("frontend"), "depends_on", "backend", "condition") as? String == "service_healthy")
        #expect(dig(compose.service("celery-worker"), "deploy", "replicas") as? Int == 3)
        #expect(dig(backend, "deploy", "replicas") as? Int == 3)

        let db = try #require(compose.service("db"))
        #expect(dig(db, "healthcheck", "test") as? [String] == ["CMD", "pg_isready", "-U", "scheduler", "-d", "residency_scheduler"])
        #expect(dig(db, "healthcheck", "interval") as? String == "10s")
        #expect(dig(db, "healthcheck", "timeout") as? String == "5s")
        #expect(dig(db, "healthcheck", "retries") as? Int == 5)
        #expect(dig(db, "healthcheck", "start_period") as? String == "10s")
        let redis = try #require(compose.service("redis"))
        #expect(dig(redis, "healthcheck", "test") as? [String] == ["CMD", "redis-cli", "ping"])
        #expect(dig(redis, "healthcheck", "interval") as? String == "10s")
        #expect(dig(redis, "healthcheck", "timeout") as? String == "5s")
        #expect(dig(redis, "healthcheck", "retries") as? Int == 5)
        #expect(dig(redis, "healthcheck", "start_period") as? String == "5s")
        #expect(dig(backend, "healthcheck", "test") as? [String] == ["CMD-SHELL", "curl -fsS 'http://localhost:8000/health' >/dev/null || exit 1"])
        #expect(dig(backend, "healthcheck", "interval") as? String == "30s")
        #expect(dig(backend, "healthcheck", "timeout") as? String == "10s")
        #expect(dig(backend, "healthcheck", "retries") as? Int == 3)
        #expect(dig(backend, "healthcheck", "start_period") as? String == "40s")
    }

    @Test func residencySchedulerNetworksAndSecrets() throws {
        let compose = try ComposeDocument("residency-scheduler", "production")
        #expect(dig(compose.root, "networks", "backend-network", "internal") as? Bool == true)
        #expect(dig(compose.root, "networks", "database-network", "internal") as? Bool == true)
        #expect(dig(compose.root, "networks", "frontend-network", "internal") == nil)
        #expect(dig(compose.service("db"), "networks") as? [String] == ["database-network"])
        #expect(Set(dig(compose.service("nginx"), "networks") as? [String] ?? []) == ["frontend-network", "backend-network", "database-network"])
        let backend = try #require(compose.service("backend"))
        #expect(dig(backend, "environment", "DATABASE_URL_FILE") as? String == "/run/secrets/residency-secrets-database-url")
        #expect(dig(backend, "environment", "DATABASE_URL") == nil)
        #expect(dig(compose.root, "secrets", "residency-secrets-database-url", "external") as? Bool == true)
        #expect(dig(compose.service("grafana"), "environment", "GF_SECURITY_ADMIN_PASSWORD__FILE") as? String
            == "/run/secrets/residency-secrets-grafana-admin-password")
        let development = try ComposeDocument("residency-scheduler", "development")
        #expect(dig(development.root, "secrets", "residency-secrets-db-password", "file") as? String == "../../../secrets/development/db-password")
        // Hardened by the production profile.
        #expect(dig(backend, "read_only") as? Bool == true)
        #expect(dig(backend, "cap_drop") as? [String] == ["ALL"])
        #expect(dig(backend, "security_opt") as? [String] == ["no-new-privileges:true"])
        #expect(dig(backend, "user") as? String == "10001:10001")  // the fastapi blueprint: an id no host account has
        #expect(dig(backend, "tmpfs") as? [String] == ["/tmp"])
        #expect(dig(compose.service("db-backup"), "profiles") as? [String] == ["jobs"])
    }

    @Test func docScraperSingleServer() throws {
        let compose = try ComposeDocument("doc-scraper", "staging")
        #expect(Set(compose.services.keys) == ["api", "worker", "db", "redis", "nginx"])
        let api = try #require(compose.service("api"))
        #expect((dig(api, "entrypoint") as? [String] ?? []) + (dig(api, "command") as? [String] ?? [])
            == ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "4"])
        let worker = try #require(compose.service("worker"))
        #expect((dig(worker, "entrypoint") as? [String] ?? []) + (dig(worker, "command") as? [String] ?? [])
            == ["celery", "-A", "app.worker", "worker", "--loglevel=info", "--concurrency=4"])
        #expect(dig(compose.service("db"), "image") as? String == "postgres:15")
        #expect(dig(compose.service("redis"), "image") as? String == "redis:7-alpine")
        #expect(dig(api, "env_file") as? [String] == ["../../../secrets/staging.env"])
        #expect(dig(compose.service("nginx"), "volumes") as? [String] == [
            "../nginx/doc-scraper.conf:/etc/nginx/conf.d/default.conf:ro", "/etc/nginx/certs:/etc/nginx/certs:ro",
        ])
    }

    @Test func upScheduleGeneratorPDFWorkers() throws {
        let compose = try ComposeDocument("up-schedule-generator", "production")
        let worker = try #require(compose.service("pdf-worker"))
        #expect(dig(worker, "deploy", "replicas") as? Int == 3)
        #expect(dig(worker, "deploy", "resources", "limits", "cpus") as? String == "2")
        #expect(dig(worker, "deploy", "resources", "limits", "memory") as? String == "2g")
    }

    @Test func dollarsAreEscapedForComposeInterpolation() throws {
        let compose = try ComposeDocument("openlearn", "development")
        let test = try #require(dig(compose.service("postgres"), "healthcheck", "test") as? [String])
        #expect(test[0] == "CMD-SHELL")
        #expect(test[1].contains("$${POSTGRES_USER:-postgres}"))
    }

    @Test func renderingTwiceIsByteIdentical() throws {
        for example in Repository.examples {
            let first = try Rendering.files(example, target: .compose)
            #expect(try Rendering.files(example, target: .compose) == first)
        }
    }

    /// yamllint, the compose-spec JSON schema and the compose-spec parser accept every compose
    /// file of every example and environment.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptEveryComposeFile() throws {
        try Judges.require()
        var files: [RenderedFile] = []
        for example in Repository.examples {
            files += try Rendering.files(example, target: .compose).map { RenderedFile(path: "\(example)/\($0.path)", contents: $0.contents) }
        }
        #expect(files.count >= 9)
        let folder = try Rendering.write(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let verdict = try Judges.run(folder.path)
        #expect(verdict.failed == 0, "\(verdict.lines.filter { $0.hasPrefix("FAIL") })\n\(verdict.details)")
        #expect(verdict.passed >= files.count * 3)
    }
}
