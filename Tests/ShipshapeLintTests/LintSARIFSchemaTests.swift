import Foundation
import Testing
import TestSupport

/// `lint --format sarif` validates against the official SARIF 2.1.0 schema, suppressions included
/// (skipped where the judges were never installed, as `validate`'s SARIF test is).
@Suite struct LintSARIFSchemaTests {
    static let schema = ProcessInfo.processInfo.environment["SARIF_SCHEMA"] ?? "/opt/judges/sarif-schema-2.1.0.json"
    static let checker =
        (ProcessInfo.processInfo.environment["JUDGES_HOME"] ?? "/opt/judges") + "/cjs/bin/check-jsonschema"
    static var present: Bool {
        FileManager.default.fileExists(atPath: schema) && FileManager.default.isExecutableFile(atPath: checker)
    }

    @Test(.enabled(if: present || ProcessInfo.processInfo.environment["CI"] == "true",
                   "needs the SARIF schema and check-jsonschema: \(Judges.installCommand)"))
    func lintReportsValidateAgainstTheSARIFSchema() throws {
        try #require(Self.present, "the SARIF schema or check-jsonschema is missing: \(Judges.installCommand)")
        let folder = try LintCommandTests.write([
            "pod.yaml": LintCommandTests.pod,
            "site.conf": "# shipshape:ignore hide-server-version The edge proxy strips it.\nserver { listen 80; }\n",
            "notes.txt": "not a config\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("lint.sarif").path
        for input in [folder.path, Repository.path("examples/openlearn/rendered")] {
            let run = try Shipshape.run(["lint", input, "--format", "sarif", "--output", report, "--fail-on", "never"])
            #expect(run.exitCode == 0, "\(run.stderr)")
            let verdict = try Processes.run(Self.checker, ["--regex-variant", "python", "--schemafile", Self.schema,
                                                           report])
            #expect(verdict.exitCode == 0 && verdict.stdout.contains("ok -- validation done"),
                    "\(verdict.stdout)\(verdict.stderr)")
            let text = try String(contentsOfFile: report, encoding: .utf8)
            #expect(text.contains("\"ruleId\""))
        }
    }
}
