import Foundation
import Testing
import TestSupport

/// `shipshape lint` as users and CI run it: exit codes, standard input, formats.
@Suite struct LintCommandTests {
    static let pod = """
    apiVersion: v1
    kind: Pod
    metadata: {name: web}
    spec:
      containers: [{name: web, image: "nginx:1.27", securityContext: {privileged: true}}]
    """

    static func write(_ files: [String: String]) throws -> URL {
        let folder = Repository.temporaryFolder()
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func exitCodesFollowFailOn() throws {
        let folder = try Self.write(["k8s/pod.yaml": Self.pod, "README.md": "# notes\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let failing = try Shipshape.run(["lint", folder.path])
        #expect(failing.exitCode == 1)
        #expect(failing.stdout.contains("k8s/pod.yaml:5:79: error:"), "\(failing.stdout)")
        #expect(failing.stdout.contains("(privileged-container)"))
        #expect(failing.stdout.contains("README.md:1:1: note: not linted"))
        #expect(failing.stdout.contains("not checked in files (facts only a stack has, or not linted yet): "))
        #expect(try Shipshape.run(["lint", folder.path, "--fail-on", "never"]).exitCode == 0)
        let site = "server {\n    listen 80;\n    server_tokens off;\n"
            + "    add_header X-Content-Type-Options nosniff always;\n    add_header X-Frame-Options DENY always;\n"
            + "    return 301 https://$host$request_uri;\n}\n"
        let clean = try Self.write(["site.conf": site])
        defer { try? FileManager.default.removeItem(at: clean) }
        #expect(try Shipshape.run(["lint", clean.path]).exitCode == 0)
        #expect(try Shipshape.run(["lint", clean.path, "--fail-on", "note"]).exitCode == 0)
    }

    @Test func badInputExitsTwoWithALocatedMessage() throws {
        let folder = try Self.write(["bad.yaml": "apiVersion: v1\nkind: [Pod\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Shipshape.run(["lint", folder.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("bad.yaml:"), "\(result.stderr)")
        let missing = try Shipshape.run(["lint", folder.appendingPathComponent("absent").path])
        #expect(missing.exitCode == 2)
    }

    @Test func standardInputIsLinted() throws {
        let folder = try Self.write(["pod.yaml": Self.pod])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Processes.run("/bin/sh", ["-c", "'\(Shipshape.binary)' lint - --format github < pod.yaml"],
                                       in: folder.path)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("::error file=<stdin>,line=5,col=79,title=privileged-container"),
                "\(result.stdout)")
    }

    @Test func everyFormatReports() throws {
        let folder = try Self.write(["pod.yaml": Self.pod])
        defer { try? FileManager.default.removeItem(at: folder) }
        let sarif = try Shipshape.run(["lint", folder.path, "--format", "sarif"])
        #expect(sarif.stdout.contains("\"ruleId\": \"privileged-container\""))
        let json = try Shipshape.run(["lint", folder.path, "--format", "json"])
        #expect(json.stdout.contains("\"rule\": \"privileged-container\""))
        let junit = try Shipshape.run(["lint", folder.path, "--format", "junit"])
        #expect(junit.stdout.contains("<failure type=\"error\""))
        for result in [sarif, json, junit] { #expect(result.exitCode == 1) }
    }

    @Test func outputIsDeterministic() throws {
        let folder = try Self.write(["b.yaml": Self.pod, "a/c.yaml": Self.pod, "d.service": "[Service]\nUser=root\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Shipshape.run(["lint", folder.path, "--format", "json"]).stdout
        let second = try Shipshape.run(["lint", folder.path, "--format", "json"]).stdout
        #expect(first == second)
        let a = try #require(first.range(of: "a/c.yaml")), b = try #require(first.range(of: "b.yaml"))
        #expect(a.lowerBound < b.lowerBound)
    }
}

@Suite struct LintPolicyFileTests {
    @Test func aPolicyFileSetsSeveritiesAndTurnsRulesOff() throws {
        let folder = try LintCommandTests.write([
            "pod.yaml": LintCommandTests.pod,
            "policy.yaml": "rules:\n  privileged-container: warning\n  no-service-account-token: off\n",
            "typo.yaml": "rules:\n  privileged-containr: warning\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let pod = folder.appendingPathComponent("pod.yaml").path
        let policy = folder.appendingPathComponent("policy.yaml").path
        let relaxed = try Shipshape.run(["lint", pod, "--policy", policy, "--format", "json"])
        #expect(relaxed.stdout.contains("\"rule\": \"privileged-container\",\n      \"severity\": \"warning\""),
                "\(relaxed.stdout)")
        #expect(!relaxed.stdout.contains("no-service-account-token"))
        let typo = try Shipshape.run(["lint", pod, "--policy", folder.appendingPathComponent("typo.yaml").path])
        #expect(typo.exitCode == 2)
        #expect(typo.stderr.contains("unknown policy rule 'privileged-containr'"), "\(typo.stderr)")
    }

    /// `--profile` applies an environment profile's `policy` as `validate` does for that
    /// environment; a `--policy` file still wins per rule.
    @Test func aProfileSetsTheEnvironmentsSeverities() throws {
        let folder = try LintCommandTests.write([
            "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n"
                + "spec:\n  containers: [{name: web, image: \"nginx:latest\"}]\n",
            "policy.yaml": "rules:\n  liveness-probe: off\n",
            "edge.yaml": "environment: edge\npolicy:\n  rules:\n    image-tag-pinned: note\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        func severities(_ extra: [String]) throws -> [String: String] {
            let pod = folder.appendingPathComponent("pod.yaml").path
            let result = try Shipshape.run(["lint", pod, "--format", "json", "--fail-on", "never"] + extra)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let findings = report?["findings"] as? [[String: Any]] ?? []
            return Dictionary(findings.map { ($0["rule"] as? String ?? "", $0["severity"] as? String ?? "") },
                              uniquingKeysWith: { a, _ in a })
        }
        let development = try severities(["--profile", "development"])
        #expect(development["image-tag-pinned"] == "warning")
        #expect(development["liveness-probe"] == "note")
        #expect(development["drop-capabilities"] == nil)
        let production = try severities(["--profile", "production"])
        #expect(production["image-tag-pinned"] == "error")
        #expect(production["drop-capabilities"] == "error")
        let policy = folder.appendingPathComponent("policy.yaml").path
        let both = try severities(["--profile", "development", "--policy", policy])
        #expect(both["liveness-probe"] == nil)
        #expect(both["image-tag-pinned"] == "warning")
        let file = try severities(["--profile", folder.appendingPathComponent("edge.yaml").path])
        #expect(file["image-tag-pinned"] == "note")
        let unknown = try Shipshape.run(["lint", folder.appendingPathComponent("pod.yaml").path, "--profile", "prod"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("unknown profile 'prod'") && unknown.stderr.contains("'production'"),
                "\(unknown.stderr)")
    }
}
