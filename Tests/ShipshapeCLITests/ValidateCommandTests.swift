import Foundation
import Testing
import TestSupport

@Suite struct ValidateCommandTests {
    @Test func productionOfEveryExampleExitsZero() throws {
        for example in Repository.examples {
            let result = try Shipshape.run(["validate", "examples/\(example)", "--env", "production"])
            #expect(result.exitCode == 0, "\(example): \(result.stdout)\(result.stderr)")
        }
    }

    @Test func exitCodesFollowFailOn() throws {
        let path = "Tests/Fixtures/policy/seed-mistakes.yaml"
        #expect(try Shipshape.run(["validate", path, "--env", "production"]).exitCode == 1)
        #expect(try Shipshape.run(["validate", path, "--env", "production", "--fail-on", "never"]).exitCode == 0)
        #expect(try Shipshape.run(["validate", "examples/residency-scheduler", "--env", "production", "--fail-on", "warning"]).exitCode == 1)
        #expect(try Shipshape.run(["validate", "Tests/Fixtures/invalid/unknown-key-service.yaml", "--env", "production"]).exitCode == 2)
        #expect(try Shipshape.run(["validate", path, "--format", "yaml"]).exitCode == 2)
    }

    @Test func outputFileAndOrganisationPolicy() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sarif = folder.appendingPathComponent("out.sarif").path
        let result = try Shipshape.run(["validate", "Tests/Fixtures/policy/seed-mistakes.yaml", "--env", "production", "--format", "sarif", "--output", sarif])
        #expect(result.exitCode == 1)
        #expect(result.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: sarif))
        let policy = folder.appendingPathComponent("org.yaml")
        try "rules:\n  image-tag-pinned: \"off\"\n  no-plaintext-secrets: \"off\"\n  no-default-credentials: \"off\"\n  no-published-data-ports: \"off\"\n  liveness-probe: \"off\"\n  resources-requests: \"off\"\n  resources-limits: warning\n"
            .write(to: policy, atomically: true, encoding: .utf8)
        let relaxed = try Shipshape.run(["validate", "Tests/Fixtures/policy/seed-mistakes.yaml", "--env", "production", "--policy", policy.path])
        #expect(relaxed.exitCode == 0, "\(relaxed.stdout)")
        try "rules:\n  image-tag-pined: error\n".write(to: policy, atomically: true, encoding: .utf8)
        let bad = try Shipshape.run(["validate", "examples/openlearn", "--env", "production", "--policy", policy.path])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("did you mean 'image-tag-pinned'?"))
    }

    @Test func rulesAndExplain() throws {
        let rules = try Shipshape.run(["rules"])
        #expect(rules.exitCode == 0)
        #expect(rules.stdout.split(separator: "\n").count >= 35)
        let explain = try Shipshape.run(["explain", "liveness-probe"])
        #expect(explain.exitCode == 0)
        #expect(explain.stdout.contains("kube-linter: no-liveness-probe"))
        #expect(explain.stdout.contains("Triggers (production):"))
        let unknown = try Shipshape.run(["explain", "livenes-probe"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("did you mean 'liveness-probe'?"))
    }

    @Test func policyDocIsCurrent() throws {
        let doc = try String(contentsOfFile: Repository.path("docs/POLICY.md"), encoding: .utf8)
        let marker = "<!-- generated below by scripts/gen-docs: do not edit -->\n\n"
        let generated = try #require(doc.range(of: marker).map { String(doc[$0.upperBound...]) })
        let rules = try Shipshape.run(["rules", "--format", "markdown"])
        #expect(generated == rules.stdout, "docs/POLICY.md is stale: run scripts/gen-docs")
    }
}
