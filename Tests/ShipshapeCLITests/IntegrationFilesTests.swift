import Foundation
import Testing
import TestSupport
import Yams

/// action.yml (the GitHub Action) and .pre-commit-hooks.yaml, parsed as their runners parse them,
/// and every command they name run with the built binary against an example.
@Suite struct IntegrationFilesTests {
    static func yaml(_ path: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: Repository.path(path), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(path) is not a mapping")
    }

    /// A folder holding the built `shipshape`, to put first on PATH as the action's install step does.
    static var binaryFolder: String { (Shipshape.binary as NSString).deletingLastPathComponent }

    /// Replaces the `${{ ... }}` expressions the action's step environments use.
    static func expand(_ text: String, inputs: [String: String], outputs: [String: [String: String]]) -> String {
        var result = text
        while let start = result.range(of: "${{"),
              let end = result.range(of: "}}", range: start.upperBound..<result.endIndex) {
            let expression = result[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            var value = ""
            if expression.hasPrefix("inputs.") {
                value = inputs[String(expression.dropFirst("inputs.".count))] ?? ""
            } else if expression == "github.action_path" {
                value = Repository.root.path
            } else if expression.hasPrefix("steps.") {
                let parts = expression.split(separator: ".").map(String.init)  // steps.ID.outputs.NAME
                value = parts.count == 4 ? outputs[parts[1]]?[parts[3]] ?? "" : ""
            }
            result.replaceSubrange(start.lowerBound..<end.upperBound, with: value)
        }
        return result
    }

    struct ActionRun {
        var codes: [String: Int32] = [:]
        var outputs: [String: [String: String]] = [:]
        var log = ""
    }

    /// Runs the action's shell steps except `install` (the binary is already built) with the
    /// given inputs over the defaults, as the runner would: `env:` expanded, bash, GITHUB_OUTPUT.
    static func runAction(_ overrides: [String: String], in folder: URL) throws -> ActionRun {
        let action = try yaml("action.yml")
        let inputs = try #require(action["inputs"] as? [String: [String: Any]])
        var values: [String: String] = inputs.mapValues { "\($0["default"] ?? "")" }
        values.merge(overrides) { $1 }
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        var run = ActionRun()
        for step in steps {
            let id = try #require(step["id"] as? String)
            guard enabled(step["if"] as? String, values) else { continue }
            if let uses = step["uses"] as? String {
                #expect(uses.hasPrefix("github/codeql-action/upload-sarif@"))
                let with = try #require(step["with"] as? [String: Any])
                let sarif = expand("\(with["sarif_file"] ?? "")", inputs: values, outputs: run.outputs)
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(sarif).path),
                        "no SARIF file to upload at \(sarif)")
                continue
            }
            guard id != "install", let script = step["run"] as? String else { continue }
            #expect(step["shell"] as? String == "bash")
            let output = folder.appendingPathComponent("output-\(id)")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            var environment = (step["env"] as? [String: Any] ?? [:]).mapValues {
                expand("\($0)", inputs: values, outputs: run.outputs)
            }
            environment["GITHUB_OUTPUT"] = output.path
            environment["PATH"] = binaryFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            // As the runner does: `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
            let result = try Processes.run("/bin/bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                                           environment: environment, in: folder.path)
            run.codes[id] = result.exitCode
            run.log += "[\(id)] exit \(result.exitCode)\n\(result.stdout)\(result.stderr)\n"
            let lines = (try String(contentsOf: output, encoding: .utf8)).split(separator: "\n")
            run.outputs[id] = Dictionary(lines.compactMap { line in
                line.firstIndex(of: "=").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
            }, uniquingKeysWith: { $1 })
        }
        return run
    }

    /// A step's `if:` as the runner reads the terms the action uses: `always()`, `inputs.X == 'v'`,
    /// `inputs.X != 'v'`, joined by `&&`; `hashFiles(...)` terms are left to the step (true).
    static func enabled(_ condition: String?, _ inputs: [String: String]) -> Bool {
        guard let condition else { return true }
        return condition.components(separatedBy: " && ").allSatisfy { term in
            for op in [" == ", " != "] where term.hasPrefix("inputs.") && term.contains(op) {
                let parts = term.components(separatedBy: op)
                let value = inputs[String(parts[0].dropFirst("inputs.".count))] ?? ""
                let wanted = parts[1].replacingOccurrences(of: "'", with: "")
                return op == " == " ? value == wanted : value != wanted
            }
            return true
        }
    }

    /// A copy of an example (the action and hooks run in a checkout, and render --check reads it).
    static func copyExample(_ name: String) throws -> URL {
        let folder = Repository.temporaryFolder()
        let copy = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(atPath: Repository.path("examples/\(name)"), toPath: copy.path)
        return copy
    }

    @Test func actionRunsRenderCheckValidateAndWritesSARIF() throws {
        let example = try Self.copyExample("openlearn")
        defer { try? FileManager.default.removeItem(at: example.deletingLastPathComponent()) }
        let clean = try Self.runAction(["stack": ".", "environments": "staging production",
                                        "lint": "rendered/production/nginx rendered/production/systemd"],
                                       in: example)
        #expect(clean.codes["lint"] == 0, "\(clean.log)")
        #expect(clean.outputs["lint"]?["exit-code"] == "0", "\(clean.log)")
        #expect(FileManager.default.fileExists(atPath: example.appendingPathComponent("shipshape-lint.sarif").path))
        #expect(clean.codes["render-check"] == 0, "\(clean.log)")
        #expect(clean.codes["validate"] == 0, "\(clean.log)")
        #expect(clean.outputs["validate"]?["exit-code"] == "0", "\(clean.log)")
        #expect(clean.codes["gate"] == 0, "\(clean.log)")
        let sarif = try Data(contentsOf: example.appendingPathComponent("shipshape.sarif"))
        let report = try JSONSerialization.jsonObject(with: sarif) as? [String: Any]
        #expect(report?["version"] as? String == "2.1.0")
        #expect(clean.log.contains("0 errors, "), "validate prints its summary: \(clean.log)")

        // Stale output makes the action fail.
        let api = example.appendingPathComponent("rendered/production/kubernetes/api.yaml")
        try FileManager.default.removeItem(at: api)
        let stale = try Self.runAction(["stack": ".", "environments": "production"], in: example)
        #expect(stale.codes["render-check"] == 1, "\(stale.log)")
    }

    @Test func actionGateFailsOnFindings() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Repository.path("Tests/Fixtures/policy/seed-mistakes.yaml"),
                                         toPath: folder.appendingPathComponent("stack.yaml").path)
        let run = try Self.runAction(["render-check": "false", "environments": "production"], in: folder)
        #expect(run.codes["render-check"] == nil, "render-check: false skips the step")
        #expect(run.codes["lint"] == nil, "an empty lint input skips lint")
        #expect(run.outputs["validate"]?["exit-code"] == "1", "\(run.log)")
        #expect(run.codes["gate"] == 1, "\(run.log)")
    }

    @Test func preCommitHooksRunAndCatchStaleOutput() throws {
        let hooks = try #require(try Yams.load(yaml: String(contentsOfFile: Repository.path(".pre-commit-hooks.yaml"),
                                                              encoding: .utf8)) as? [[String: Any]])
        #expect(Set(hooks.compactMap { $0["id"] as? String })
                    == ["shipshape-render-check", "shipshape-validate", "shipshape-lint"])
        let example = try Self.copyExample("residency-scheduler")
        defer { try? FileManager.default.removeItem(at: example.deletingLastPathComponent()) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let environment = ["PATH": Self.binaryFolder + ":" + path]
        for hook in hooks where hook["id"] as? String != "shipshape-lint" {
            let id = try #require(hook["id"] as? String)
            #expect(hook["language"] as? String == "system")
            #expect(hook["pass_filenames"] as? Bool == false, "\(id): runs once over the stack, not per file")
            let files = try #require(hook["files"] as? String)
            let pattern = try Regex(files)
            #expect("deploy/stack.yaml".contains(pattern), "\(id): a stack change triggers it")
            let entry = try #require(hook["entry"] as? String)
            let args = (hook["args"] as? [String]) ?? []
            // pre-commit runs `entry args...` through a shell-like split, in the repository root.
            let result = try Processes.run("/bin/sh", ["-c", entry + " " + args.joined(separator: " ")],
                                           environment: environment, in: example.path)
            #expect(result.exitCode == 0, "\(id): \(result.stdout)\(result.stderr)")
        }
        // render --check catches a stale rendered file.
        let compose = example.appendingPathComponent("rendered/production/compose/docker-compose.yml")
        try FileManager.default.removeItem(at: compose)
        let check = try #require(hooks.first { $0["id"] as? String == "shipshape-render-check" })
        let stale = try Processes.run("/bin/sh", ["-c", try #require(check["entry"] as? String)],
                                      environment: environment, in: example.path)
        #expect(stale.exitCode == 1, "\(stale.stdout)\(stale.stderr)")

        // lint gets the changed files: rendered manifests pass; a privileged container fails.
        let lint = try #require(hooks.first { $0["id"] as? String == "shipshape-lint" })
        #expect(lint["pass_filenames"] as? Bool == true)
        let pattern = try Regex(try #require(lint["files"] as? String))
        #expect("k8s/api.yaml".contains(pattern) && "nginx/site.conf".contains(pattern))
        #expect(!"README.md".contains(pattern))
        let entry = try #require(lint["entry"] as? String)
        let passing = try Processes.run("/bin/sh", ["-c", entry + " rendered/production/nginx/*.conf"],
                                        environment: environment, in: example.path)
        #expect(passing.exitCode == 0, "\(passing.stdout)\(passing.stderr)")
        try """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - {name: c, image: "nginx:1.27.0", securityContext: {privileged: true}}
            """.write(to: example.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        let failing = try Processes.run("/bin/sh", ["-c", entry + " pod.yaml"], environment: environment,
                                        in: example.path)
        #expect(failing.exitCode == 1, "\(failing.stdout)\(failing.stderr)")
        #expect(failing.stdout.contains("privileged"), "\(failing.stdout)")
    }
}
