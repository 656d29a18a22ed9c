import Foundation
import Testing
import TestSupport
import Yams

/// The pipeline's promises, through the binary: `validate` reports every error `render` would,
/// all of them at once; findings name the files the layout writes; a compose file mounts only
/// files that are rendered; commands compose no stages and spell no output paths.
@Suite struct PipelineTests {
    /// Every stack of the invalid and hostile corpora (the latter copied with its links).
    static let corpus: [String] = {
        let invalid = Repository.files(in: "Tests/Fixtures/invalid", withExtension: "yaml").map { "invalid/\($0)" }
        return invalid + HostileInputTests.names.map { "hostile/\($0)" }
            + ["render-stage/two-systemd-errors.yaml", "render-stage/stateful-node-port.yaml"]
    }()

    static func prepare(_ name: String, in work: URL) throws -> URL {
        if name.hasPrefix("hostile/") { return try HostileInputTests.prepare(String(name.dropFirst(8)), in: work) }
        let folder = work.appendingPathComponent("case")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Repository.path("Tests/Fixtures/\(name)"),
            toPath: folder.appendingPathComponent("stack.yaml").path)
        return folder
    }

    @Test(arguments: corpus)
    func validateRejectsWhatRenderRejectsWithTheSameDiagnostics(_ name: String) throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let stack = try Self.prepare(name, in: work).path
        let render = try Shipshape.run(["render", stack, "--out", work.appendingPathComponent("out").path])
        guard render.exitCode == 2 else { return }
        let validate = try Shipshape.run(["validate", stack])
        #expect(validate.exitCode == 2, "\(name): validate exited \(validate.exitCode)\n\(validate.stdout)")
        #expect(validate.stderr == render.stderr, "\(name)\nrender:\n\(render.stderr)\nvalidate:\n\(validate.stderr)")
    }

    @Test func twoRenderStageErrorsAreBothReported() throws {
        let path = Repository.path("Tests/Fixtures/render-stage/two-systemd-errors.yaml")
        for command in ["render", "validate"] {
            var arguments = [command, path]
            if command == "render" { arguments += ["--out", Repository.temporaryFolder().path] }
            let result = try Shipshape.run(arguments)
            #expect(result.exitCode == 2)
            let lines = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            #expect(lines.count == 2, "\(command): \(result.stderr)")
            #expect(lines.contains { $0.contains(":8:25: error: working directory 'srv/api' is not absolute") })
            #expect(lines.contains { $0.contains(":13:17: error: execPath 'bin/celery' is not absolute") })
        }
    }

    @Test func aStatefulServiceCannotBeANodePort() throws {
        let path = Repository.path("Tests/Fixtures/render-stage/stateful-node-port.yaml")
        for command in ["render", "validate"] {
            var arguments = [command, path]
            if command == "render" { arguments += ["--out", Repository.temporaryFolder().path] }
            let result = try Shipshape.run(arguments)
            #expect(result.exitCode == 2)
            #expect(result.stderr.contains(":7:18: error: service 'db' keeps persistent volumes, so its Service is "
                + "headless"), "\(command): \(result.stderr)")
        }
    }

    /// `--target T` with `--env E` renders T for E even where E does not declare it; without
    /// `--env`, each environment renders the targets it declares among those asked.
    @Test func aTargetAskedForByNameIsRendered() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let named = try Shipshape.run([
            "render", "examples/openlearn", "--env", "development", "--target", "kubernetes",
            "--out", out.appendingPathComponent("named").path,
        ])
        #expect(named.exitCode == 0, "\(named.stderr)")
        let deployment = out.appendingPathComponent("named/development/kubernetes/api.yaml").path
        #expect(FileManager.default.fileExists(atPath: deployment))
        let all = try Shipshape.run([
            "render", "examples/openlearn", "--target", "kubernetes",
            "--out", out.appendingPathComponent("all").path,
        ])
        #expect(all.exitCode == 0, "\(all.stderr)")
        let environments = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("all").path)
        #expect(Set(environments.filter { !$0.hasPrefix(".") }) == ["staging", "production"])
    }

    /// Every file a finding names under `--layout kustomize` is one that layout writes.
    @Test func findingsUnderKustomizeNameTheFilesThatLayoutWrites() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let stack = Repository.path("examples/openlearn")
        let render = try Shipshape.run(["render", stack, "--layout", "kustomize", "--out", out.path])
        #expect(render.exitCode == 0, "\(render.stderr)")
        let result = try Shipshape.run([
            "validate", stack, "--layout", "kustomize", "--format", "json", "--fail-on", "never",
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let kubernetes = findings.compactMap { $0["artifact"] as? String }.filter { $0.hasPrefix("kubernetes/") }
        #expect(!kubernetes.isEmpty)
        for artifact in kubernetes {
            let file = String(artifact.prefix { $0 != ":" })
            #expect(file.hasPrefix("kubernetes/base/") || file.hasPrefix("kubernetes/overlays/"), "\(artifact)")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(artifact)")
        }
    }

    /// The README's quick-start stack, as a user copies it.
    static func readmeStack() throws -> String {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\nstack: shop"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        return String(readme[readme.index(start.lowerBound, offsetBy: 8)..<end.lowerBound])
    }

    static let composeStacks = Repository.examples.map { "examples/\($0)" } + ["README.md"]

    /// A bind mount whose source lies in the output folder names a file that was rendered.
    @Test(arguments: composeStacks)
    func composeFilesMountOnlyFilesThatAreRendered(_ name: String) throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        var stack = Repository.path(name)
        if name == "README.md" {
            stack = work.appendingPathComponent("stack.yaml").path
            try Self.readmeStack().write(toFile: stack, atomically: true, encoding: .utf8)
        }
        let out = work.appendingPathComponent("out")
        let render = try Shipshape.run(["render", stack, "--out", out.path])
        #expect(render.exitCode == 0, "\(render.stderr)")
        let composeFiles = try FileManager.default.subpathsOfDirectory(atPath: out.path)
            .filter { $0.hasSuffix("compose/docker-compose.yml") }
        #expect(!composeFiles.isEmpty)
        var checked = 0
        for file in composeFiles {
            let folder = out.appendingPathComponent(file).deletingLastPathComponent()
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            let document = try #require(try Yams.load(yaml: text) as? [String: Any])
            let services = document["services"] as? [String: Any] ?? [:]
            for case let service as [String: Any] in services.values {
                for case let volume as String in service["volumes"] as? [Any] ?? [] {
                    let source = String(volume.prefix { $0 != ":" })
                    guard source.hasPrefix(".") else { continue }
                    let resolved = folder.appendingPathComponent(source).standardizedFileURL.path
                    guard resolved.hasPrefix(out.standardizedFileURL.path + "/") else { continue }
                    #expect(
                        FileManager.default.fileExists(atPath: resolved),
                        "\(file) mounts \(source), which is not rendered")
                    checked += 1
                }
            }
        }
        #expect(checked > 0, "no mount of a rendered file in \(name)")
    }

    /// Commands parse flags, call the pipeline and print; only the layout spells output paths.
    @Test func commandsComposeNoStagesAndOnlyTheLayoutSpellsOutputPaths() throws {
        let stageCalls = [
            "project.resolve(", "Renderers.", "OutputWriter.", "PolicyEngine().validate", "Differ.diff(a",
        ]
        for file in Repository.files(in: "Sources/ShipshapeCLI", withExtension: "swift") {
            let text = try String(contentsOfFile: Repository.path("Sources/ShipshapeCLI/\(file)"), encoding: .utf8)
            for call in stageCalls { #expect(!text.contains(call), "\(file) calls \(call)") }
        }
        let layoutFiles = ["ShipshapeRender/Pipeline/Layout.swift", "ShipshapeRender/Kubernetes/KustomizeLayout.swift"]
        let pathSpellings = [
            "docker-compose.yml\"", "/kubernetes/", "\"kubernetes/", "\"compose/", "\"nginx/", "\"systemd/",
        ]
        // ShipshapeLint reads files shipshape did not write: the names in it are the user's, not outputs.
        for file in Repository.allFiles(in: "Sources", withExtension: "swift")
        where !layoutFiles.contains(file) && !file.hasPrefix("ShipshapeLint/") {
            let text = try String(contentsOfFile: Repository.path("Sources/\(file)"), encoding: .utf8)
            let code = text.split(separator: "\n").filter { line in
                !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && !line.contains("help: \"")
            }
            for line in code {
                for spelling in pathSpellings { #expect(!line.contains(spelling), "\(file): \(line)") }
            }
        }
    }
}
