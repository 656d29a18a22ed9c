import Foundation
import Testing
import TestSupport

/// The `shipshape` binary, run as users and CI run it.
@Suite struct CLITests {
    @Test func version() throws {
        let result = try Shipshape.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func resolvePrintsTheResolvedStack() throws {
        let result = try Shipshape.run(["resolve", "examples/openlearn", "--env", "production"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("stack: openlearn\n"))
        #expect(result.stdout.contains("environment: production"))
        #expect(result.stdout.contains("namespace: openlearn-production"))
        #expect(result.stdout.contains("image: openlearn/api:1.0.0"))
    }

    /// What `resolve` prints is a stack again: its keys are the schema's, object by object (the
    /// loader's unknown-key check), though the resolved document spells them as it writes them.
    @Test(arguments: Repository.examples)
    func resolvedOutputUsesOnlySchemaKeys(_ example: String) throws {
        for environment in ["development", "staging", "production"] {
            let resolved = try Shipshape.run(["resolve", "examples/\(example)", "--env", environment])
            #expect(resolved.exitCode == 0, "\(resolved.stderr)")
            let folder = Repository.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            // `environment:` names the environment resolved; a stack has environments instead.
            let stack = resolved.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("environment: ") }.joined(separator: "\n")
            try stack.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
            let again = try Shipshape.run(["resolve", folder.path, "--env", environment])
            #expect(!again.stderr.contains("unknown key"), "\(example) \(environment): \(again.stderr)")
        }
    }

    @Test func resolveIsByteIdenticalAcrossRuns() throws {
        for example in Repository.examples {
            for format in ["yaml", "json"] {
                let first = try Shipshape.run([
                    "resolve", "examples/\(example)", "--env", "production", "--format", format,
                ])
                let second = try Shipshape.run([
                    "resolve", "examples/\(example)", "--env", "production", "--format", format,
                ])
                #expect(first.exitCode == 0, "\(first.stderr)")
                #expect(first.stdout == second.stdout)
                #expect(!first.stdout.isEmpty)
            }
        }
    }

    @Test func explainNamesLayersAndLocations() throws {
        let result = try Shipshape.run(["resolve", "examples/openlearn", "--env", "production", "--explain"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains("replicas: 3 # stack base (examples/openlearn/stack.yaml:") })
        #expect(
            lines.contains {
                $0.contains("namespace: openlearn-production # overlay production (examples/openlearn/stack.yaml:")
            })
        #expect(
            lines.contains { $0.contains("runAsNonRoot: true # profile production (environments/production.yaml:") })
        #expect(lines.contains { $0.contains("# blueprint postgres (templates/postgres.yaml:") })
        #expect(lines.contains { $0.contains("# built-in default (<built-in>/defaults.yaml:") })
    }

    @Test func jsonIsValid() throws {
        let result = try Shipshape.run(["resolve", "examples/openlearn", "--env", "staging", "--format", "json"])
        #expect(result.exitCode == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["stack"] as? String == "openlearn")
        #expect(object?["environment"] as? String == "staging")
    }

    @Test(arguments: [
        (["resolve", "examples/openlearn"], "--env"),
        (["resolve", "examples/openlearn", "--env", "prod"], "unknown environment 'prod'"),
        (["resolve", "examples/openlearn", "--env", "production", "--format", "xml"], "xml"),
        (["render", "examples/openlearn", "--target", "helm"], "helm"),
        (["frobnicate"], "frobnicate"),
        (["resolve", "examples", "--env", "production"], "holds no stack.yaml"),
        (["resolve", "does/not/exist", "--env", "production"], "no such file or folder"),
    ])
    func usageAndInputErrorsExitTwo(arguments: [String], message: String) throws {
        let result = try Shipshape.run(arguments)
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// Every malformed fixture exits 2 through the binary with its located message, and never
    /// crashes.
    @Test func malformedSpecsExitTwoWithLocatedMessages() throws {
        let files = Repository.files(in: "Tests/Fixtures/invalid", withExtension: "yaml")
        #expect(files.count >= 30)
        for file in files {
            let path = "Tests/Fixtures/invalid/\(file)"
            let result = try Shipshape.run(["resolve", path, "--env", "production"])
            #expect(result.exitCode == 2, "\(file): \(result.stderr)")
            #expect(
                result.stderr.hasPrefix("\(path):") || result.stderr.contains("\n\(path):")
                    || result.stderr.hasPrefix("<built-in>") == false && result.stderr.contains("\(path):"),
                "\(file): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"), "\(file)")
        }
    }

    @Test func renderWritesNothingWhenAnEnvironmentFails() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = """
            stack: shop
            services:
              api: {image: shop/api:1}
            environments:
              development: {}
              staging: {}
              production:
                services: {api: {replicas: lots}}
            """
        try stack.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let result = try Shipshape.run(["render", folder.path, "--out", out])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("stack.yaml:8:32: error: 'lots' is not valid here"), "\(result.stderr)")
        #expect(
            result.stderr.components(separatedBy: "error:").count == 2,
            "reported once, not once per environment: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// An error in the stack base is found in every environment, but printed once.
    @Test func baseErrorsAreReportedOnce() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "stack: shop\nservices:\n  api: {image: shop/api:1, replicas: lots}\n"
            .write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let result = try Shipshape.run(["render", folder.path, "--out", folder.appendingPathComponent("out").path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.components(separatedBy: "error:").count == 2, "\(result.stderr)")
        #expect(result.stderr.contains("stack.yaml:3:38: error: 'lots' is not valid here"), "\(result.stderr)")
    }

    @Test func helpShowsExamples() throws {
        let result = try Shipshape.run(["render", "--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("shipshape render examples/openlearn --out out"))
    }

    @Test func schemaIsJSONSchema() throws {
        let result = try Shipshape.run(["schema"])
        #expect(result.exitCode == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect((object?["required"] as? [String]) == ["stack"])
        let defs = object?["$defs"] as? [String: Any]
        #expect(defs?["Service"] != nil)
        #expect(defs?["Probe"] != nil)
    }
}
