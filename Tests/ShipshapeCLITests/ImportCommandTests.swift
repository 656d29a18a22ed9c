import Foundation
import TestSupport
import Testing

/// `shipshape import` as users run it: exit codes, files written, the report on stderr.
struct ImportCommandTests {
    static let wordpress = Repository.path("Tests/Fixtures/import/compose/wordpress-mysql/compose.yaml")

    @Test func importsRendersAndRefusesToOverwrite() throws {
        let out = Repository.temporaryFolder().path
        let first = try Shipshape.run(["import", "compose", Self.wordpress, "--out", out])
        #expect(first.exitCode == 0)
        #expect(first.stderr.contains("lost: services.db.volumes"))
        #expect(!first.stderr.contains("somewordpress"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/stack.yaml"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/import-report.txt"))
        let render = try Shipshape.run(["render", out, "--out", "\(out)/rendered"])
        #expect(render.exitCode == 0)
        let again = try Shipshape.run(["import", "compose", Self.wordpress, "--out", out])
        #expect(again.exitCode == 2)
        #expect(again.stderr.contains("exists"))
        let forced = try Shipshape.run(["import", "compose", Self.wordpress, "--out", out, "--force"])
        #expect(forced.exitCode == 0)
    }

    @Test func strictExitsOneAndWritesNothing() throws {
        let out = Repository.temporaryFolder().path
        let result = try Shipshape.run(["import", "compose", Self.wordpress, "--out", out, "--strict"])
        #expect(result.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(out)/stack.yaml"))
    }

    @Test func badInputExitsTwoWithALocation() throws {
        let folder = Repository.temporaryFolder()
        let bad = folder.appendingPathComponent("compose.yml")
        try "services: [\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = try Shipshape.run(["import", "compose", bad.path, "--out", folder.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("compose.yml:"))
        let kube = try Shipshape.run(["import", "kubernetes", bad.path, "--out", folder.path])
        #expect(kube.exitCode == 2)
    }
}
