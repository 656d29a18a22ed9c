import Foundation
import Testing
import TestSupport

/// Secret values that reached output in the second adversarial round: a value pasted where a
/// secret reference belongs, and credentials in shapes the first redaction missed — an empty
/// URL user, `password=` inside a value, `--db-password=` in a command, a hand-added
/// `Environment="DB_PASSWORD=..."` or compose `DB_PASS:` found by `render --check` and
/// `diff --files`.
@Suite struct SecretLeakRoundTwoTests {
    static let fragments = [
        "hunter2-Sup3r", "R3disPw-77", "Qpw-in-value", "CmdPw-9931", "HandAdded-Pw1", "ComposePass-42",
    ]

    static func run(_ arguments: [String]) throws -> String {
        let result = try Shipshape.run(arguments)
        return result.stdout + result.stderr
    }

    static func expectNoFragment(_ text: String, _ what: String) {
        for fragment in fragments { #expect(!text.contains(fragment), "\(what) shows \(fragment):\n\(text)") }
    }

    @Test func aSecretPastedWhereAReferenceBelongsIsNeverShown() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try """
        stack: leak
        services:
          api:
            image: demo/api:1.4.2
            secrets: {DB_PASSWORD: "hunter2-Sup3rS3cret"}
        environments: {development: {}, production: {}}

        """.write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        var outputs = [try Self.run(["render", work.path, "--out", work.appendingPathComponent("out").path])]
        for format in ["text", "json", "sarif", "junit", "github"] {
            outputs.append(try Self.run(["validate", work.path, "--format", format]))
        }
        outputs.append(try Self.run(["resolve", work.path, "--env", "production", "--explain"]))
        outputs.append(try Self.run(["diff", work.path, "development", "production"]))
        for output in outputs {
            #expect(output.contains("is not a reference"))
            Self.expectNoFragment(output, "an error")
        }
    }

    @Test func credentialShapesAreRedactedInDiffsAndDriftReports() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try """
        stack: leak
        targets: [compose, systemd]
        services:
          api:
            image: demo/api:1.4.2
            command: [/usr/bin/api, --db-password=CmdPw-9931]
            env: {CACHE_URL: "redis://:R3disPw-77@cache:6379/0", DSN: "host=db password=Qpw-in-value"}
            systemd: {user: demo}
        environments:
          development: {}
          production:
            services: {api: {command: [/usr/bin/api, --verbose], env: {CACHE_URL: redis://cache:6379/0, DSN: host=db}}}

        """.write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        for format in ["text", "json", "markdown"] {
            let output = try Self.run(["diff", work.path, "development", "production", "--format", format])
            #expect(output.contains("[redacted]"), "\(output)")
            Self.expectNoFragment(output, "diff --format \(format)")
        }
        let out = work.appendingPathComponent("out")
        #expect(try Shipshape.run(["render", work.path, "--out", out.path]).exitCode == 0)
        let unit = out.appendingPathComponent("production/systemd/leak-api.service")
        let text = try String(contentsOf: unit, encoding: .utf8)
        try text.replacingOccurrences(of: "[Service]\n", with: "[Service]\nEnvironment=\"DB_PASSWORD=HandAdded-Pw1\"\n")
            .write(to: unit, atomically: true, encoding: .utf8)
        let compose = out.appendingPathComponent("production/compose/docker-compose.yml")
        let yaml = try String(contentsOf: compose, encoding: .utf8)
        try yaml.replacingOccurrences(
            of: "    image: demo/api:1.4.2\n",
            with: "    image: demo/api:1.4.2\n    environment:\n      DB_PASS: ComposePass-42\n"
        )
        .write(to: compose, atomically: true, encoding: .utf8)
        let check = try Self.run(["render", work.path, "--out", out.path, "--check"])
        #expect(check.contains("changed: production/systemd/leak-api.service"), "\(check)")
        #expect(check.contains("changed: production/compose/docker-compose.yml"), "\(check)")
        Self.expectNoFragment(check, "render --check")
        let files = try Self.run([
            "diff", "--files", out.appendingPathComponent("development").path,
            out.appendingPathComponent("production").path,
        ])
        Self.expectNoFragment(files, "diff --files")
    }
}
