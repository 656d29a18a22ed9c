import Foundation
import ShipshapeImport
import ShipshapeModel
import ShipshapePipeline
import ShipshapePolicy
import ShipshapeRender
import TestSupport
import Testing

/// Public, real-world compose files and Kubernetes manifests (Tests/Fixtures/import/, each with
/// its SOURCE.txt): each imports with its expected loss report, and the imported stack renders
/// and validates (findings are fine; a bad stack is not). `UPDATE_IMPORT_FIXTURES=1` rewrites
/// the expected reports.
struct FixtureImportTests {
    static let root = "Tests/Fixtures/import"

    static func fixtures(_ kind: String) -> [String] {
        let folder = Repository.path("\(root)/\(kind)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { "\(kind)/\($0)" }
    }

    static let all = fixtures("compose") + fixtures("kubernetes")

    @Test func enoughFixtures() {
        #expect(Self.fixtures("compose").count >= 10)
        #expect(Self.fixtures("kubernetes").count >= 5)
        for fixture in Self.all {
            let source =
                (try? String(contentsOfFile: Repository.path("\(Self.root)/\(fixture)/SOURCE.txt"), encoding: .utf8))
                ?? ""
            #expect(
                source.contains("commit: ") && source.contains("licence: ") && source.contains("source: https://"),
                "\(fixture)")
        }
    }

    /// The input files, named relative to Tests/Fixtures/import so reports read the same anywhere.
    static func inputs(_ fixture: String) throws -> [InputFile] {
        let folder = Repository.path("\(root)/\(fixture)")
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { name in
                let text = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
                return InputFile(path: "\(fixture)/\(name)", text: text, folder: folder)
            }
    }

    static func run(_ fixture: String, out: URL) throws -> ImportResult {
        let name = String(fixture.split(separator: "/").last!)
        if fixture.hasPrefix("compose/") {
            return try ComposeImporter.run(
                base: inputs(fixture), options: ImportOptions(name: name, outFolder: out.path))
        }
        return try KubernetesImporter.run(
            inputs(fixture),
            options: ImportOptions(
                name: name, environment: "production",
                outFolder: out.path))
    }

    @Test(arguments: all)
    func importsWithItsExpectedReportAndRenders(_ fixture: String) throws {
        let out = Repository.temporaryFolder()
        let result = try Self.run(fixture, out: out)
        let expectedPath = Repository.path("\(Self.root)/\(fixture)/expected-report.txt")
        if ProcessInfo.processInfo.environment["UPDATE_IMPORT_FIXTURES"] == "1" {
            try result.report.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(result.report == expected)
        try StackWriter.write(result, sources: [fixture], to: out.path, force: false)
        // Both container targets, not only the one the files came from (systemd needs a command
        // per service, which images without one leave to the user).
        let stackFile = out.appendingPathComponent(StackWriter.stackFile)
        let text = try String(contentsOf: stackFile, encoding: .utf8)
        let own = fixture.hasPrefix("compose/") ? "compose" : "kubernetes"
        #expect(text.contains("targets:\n  - \(own)\n"))
        try text.replacingOccurrences(of: "targets:\n  - \(own)\n", with: "targets: [compose, kubernetes]\n")
            .write(to: stackFile, atomically: true, encoding: .utf8)
        let pipeline = try Pipeline.load(out.path)
        let environments = pipeline.project.environments
        #expect(environments == [fixture.hasPrefix("compose/") ? "development" : "production"])
        // Renders to its own target and to every other one.
        let files = try pipeline.render(environments).files
        #expect(files.contains { $0.path.hasSuffix("docker-compose.yml") })
        #expect(files.contains { $0.path.contains("/kubernetes/") })
        // validate reaches its findings: no located error (exit 2) on the way.
        _ = try pipeline.validate(environments, engine: PolicyEngine())
    }

    @Test func aSecondImportDoesNotOverwriteWithoutForce() throws {
        let out = Repository.temporaryFolder()
        let result = try Self.run("compose/wordpress-mysql", out: out)
        try StackWriter.write(result, sources: [], to: out.path, force: false)
        #expect(throws: DiagnosticError.self) {
            try StackWriter.write(result, sources: [], to: out.path, force: false)
        }
        try StackWriter.write(result, sources: [], to: out.path, force: true)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("stack.yaml").path))
    }
}
