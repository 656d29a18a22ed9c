import Foundation
import Testing
import TestSupport

/// `shipshape schema --for stack|profile|blueprint` under check-jsonschema, as an editor would
/// use it: every valid file passes (examples, templates/, environments/, the README's
/// quick-start stack) and every typo or wrong shape of the invalid corpus fails.
@Suite struct JSONSchemaFilesTests {
    /// check-jsonschema: $CHECK_JSONSCHEMA, the judges' copy, or on PATH.
    static let checker: String? = {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["JUDGES_HOME"] ?? "/opt/judges"
        let path = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/check-jsonschema" }
        return ([environment["CHECK_JSONSCHEMA"], "\(home)/cjs/bin/check-jsonschema"].compactMap { $0 } + path)
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var enabled: Bool { checker != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Invalid-corpus cases the schema must reject: unknown keys and wrong shapes. The others
    /// (a missing image, a bad cron, a cycle...) are only visible after merging, as in the loader.
    static let typos = [
        "unknown-key-top", "unknown-key-service", "unknown-key-probe", "overlay-unknown-key",
        "wrong-type-env-list", "wrong-type-ports-mapping", "wrong-type-replicas", "wrong-type-bool",
    ]

    struct Checked {
        var folder: URL
        var schemas: [String: String]
    }

    static func schemas() throws -> Checked {
        let folder = Repository.temporaryFolder()
        var schemas: [String: String] = [:]
        for kind in ["stack", "profile", "blueprint"] {
            let result = try Shipshape.run(["schema", "--for", kind])
            #expect(result.exitCode == 0, "\(kind): \(result.stderr)")
            let file = folder.appendingPathComponent("\(kind).schema.json")
            try result.stdout.write(to: file, atomically: true, encoding: .utf8)
            schemas[kind] = file.path
        }
        return Checked(folder: folder, schemas: schemas)
    }

    static func check(_ schema: String, _ files: [String]) throws -> Processes.Result {
        try Processes.run(try #require(checker), ["--schemafile", schema] + files)
    }

    /// The README's quick-start stack: the first ```yaml block that starts with `stack:`.
    static func readmeStack() throws -> String {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst()
            .map { $0.components(separatedBy: "```").first ?? "" }
        return try #require(blocks.first { $0.hasPrefix("stack:") }, "README.md has no stack example")
    }

    @Test(.enabled(if: enabled, "needs check-jsonschema: \(Judges.installCommand)"))
    func everyValidFilePassesItsSchema() throws {
        try #require(Self.checker != nil, "check-jsonschema is missing: \(Judges.installCommand)")
        let checked = try Self.schemas()
        defer { try? FileManager.default.removeItem(at: checked.folder) }
        let readme = checked.folder.appendingPathComponent("readme-stack.yaml")
        try Self.readmeStack().write(to: readme, atomically: true, encoding: .utf8)
        let groups: [(String, [String])] = [
            ("stack", Repository.examples.map { Repository.path("examples/\($0)/stack.yaml") } + [readme.path]
                + Repository.allFiles(in: "Tests/Fixtures/snippets", withExtension: "yaml")
                .map { Repository.path("Tests/Fixtures/snippets/\($0)") }),
            ("profile", Repository.files(in: "environments", withExtension: "yaml")
                .map { Repository.path("environments/\($0)") }),
            ("blueprint", Repository.files(in: "templates", withExtension: "yaml")
                .map { Repository.path("templates/\($0)") }),
        ]
        for (kind, files) in groups {
            #expect(files.count >= 3, "\(kind): too few files found")
            let verdict = try Self.check(try #require(checked.schemas[kind]), files)
            #expect(verdict.exitCode == 0, "\(kind) schema rejects a valid file:\n\(verdict.stdout)\(verdict.stderr)")
        }
        // A profile is not a stack and a stack is not a blueprint: the schemas tell them apart.
        let crossed = try Self.check(try #require(checked.schemas["blueprint"]), [readme.path])
        #expect(crossed.exitCode != 0)
    }

    @Test(.enabled(if: enabled, "needs check-jsonschema: \(Judges.installCommand)"))
    func typosAndWrongShapesFail() throws {
        try #require(Self.checker != nil, "check-jsonschema is missing: \(Judges.installCommand)")
        let checked = try Self.schemas()
        defer { try? FileManager.default.removeItem(at: checked.folder) }
        let schema = try #require(checked.schemas["stack"])
        for name in Self.typos {
            let file = Repository.path("Tests/Fixtures/invalid/\(name).yaml")
            let verdict = try Self.check(schema, [file])
            #expect(verdict.exitCode == 1, "\(name) passes the schema:\n\(verdict.stdout)\(verdict.stderr)")
        }
        // Typos inside a profile and a blueprint fail too.
        let profile = checked.folder.appendingPathComponent("typo-profile.yaml")
        try "environment: staging\ndefaults:\n  services: {replica: 2}\n"
            .write(to: profile, atomically: true, encoding: .utf8)
        #expect(try Self.check(try #require(checked.schemas["profile"]), [profile.path]).exitCode == 1)
        let blueprint = checked.folder.appendingPathComponent("typo-blueprint.yaml")
        try "blueprint: x\nservice:\n  image: x:1\n  prots: []\n"
            .write(to: blueprint, atomically: true, encoding: .utf8)
        #expect(try Self.check(try #require(checked.schemas["blueprint"]), [blueprint.path]).exitCode == 1)
    }

    @Test func overlaysArePartialAndNullDeletes() throws {
        let result = try Shipshape.run(["schema", "--for", "stack"])
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        let service = try #require(definitions["Service"] as? [String: Any])
        #expect(service["required"] == nil, "a blueprint or an overlay may supply every service field")
        let properties = try #require(service["properties"] as? [String: Any])
        let autoscale = try #require(properties["autoscale"] as? [String: Any])
        let options = try #require(autoscale["anyOf"] as? [[String: Any]])
        #expect(options.contains { $0["type"] as? String == "null" }, "autoscale: null must be accepted")
        #expect(service["additionalProperties"] as? Bool == false)
        #expect(schema["required"] as? [String] == ["stack"])
    }
}
