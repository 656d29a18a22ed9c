import Foundation
import ShipshapeLoader
import Testing
import TestSupport

@Suite struct BuiltinFilesTests {
    /// The binary carries environments/ and templates/; scripts/embed-resources regenerates them.
    @Test func embeddedFilesMatchTheRepository() throws {
        let onDisk =
            Repository.files(in: "environments", withExtension: "yaml").map { "environments/\($0)" }
            + Repository.files(in: "templates", withExtension: "yaml").map { "templates/\($0)" }
        #expect(BuiltinFiles.all.map(\.0).sorted() == onDisk.sorted(), "run scripts/embed-resources")
        for (path, text) in BuiltinFiles.all {
            let disk = try String(contentsOfFile: Repository.path(path), encoding: .utf8)
            #expect(
                disk.trimmingCharacters(in: .newlines) == text.trimmingCharacters(in: .newlines),
                "\(path) is stale: run scripts/embed-resources")
        }
    }

    @Test func standardProfilesAndBlueprintsAreBuiltIn() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "stack: s\nservices:\n  db: {from: postgres}\n".write(
            to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let project = try Project.load(folder.path)
        #expect(project.profiles.keys.sorted() == ["development", "production", "staging"])
        let blueprints = [
            "celery-beat", "celery-worker", "elasticsearch", "fastapi", "grafana", "gunicorn", "minio", "nestjs",
            "nextjs", "postgres", "prometheus", "redis",
        ]
        #expect(project.blueprints.keys.sorted() == blueprints)
        #expect(project.profileFolder == nil || project.profileFolder?.hasSuffix("environments") == true)
    }

    /// Each blueprint declares a health check that fits its software.
    @Test func blueprintsCarryRealHealthChecks() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let services = [
            "postgres", "redis", "elasticsearch", "prometheus", "grafana", "minio", "fastapi", "gunicorn",
            "celery-worker", "nextjs", "nestjs",
        ]
        let yaml = "stack: s\nservices:\n" + services.map { "  \($0): {from: \($0), image: app/\($0):1}\n" }.joined()
        try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let stack = try Project.load(folder.path).resolve("development")
        func check(_ name: String) -> String {
            guard let probe = stack.service(named: name)?.probes.health else { return "none" }
            switch probe.check {
            case let .http(path, port, _): return "http \(path) \(port)"
            case let .tcp(port): return "tcp \(port)"
            case let .exec(command): return command.joined(separator: " ")
            case let .grpc(port, _): return "grpc \(port)"
            }
        }
        #expect(check("postgres").contains("pg_isready"))
        #expect(check("redis") == "redis-cli ping")
        #expect(check("prometheus") == "http /-/ready http")
        #expect(check("grafana") == "http /api/health http")
        #expect(check("minio") == "http /minio/health/ready api")
        #expect(check("elasticsearch") == "tcp http")
        #expect(check("celery-worker").contains("inspect ping"))
        #expect(check("fastapi") == "http /health http")
        #expect(stack.service(named: "postgres")?.systemd.hostUnit == "postgresql.service")
        #expect(stack.service(named: "postgres")?.volumes.first?.isPersistent == true)
    }
}
