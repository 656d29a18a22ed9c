import Foundation
import ShipshapeLoader
import ShipshapeModel
@testable import ShipshapePolicy
import Testing
import TestSupport

/// Typed rule thresholds: unknown names and bad values in a stack's, a profile's or a policy
/// file's `policy:` are located input errors; good values reach the rules typed.
@Suite struct ParameterTests {
    /// Writes `files` (relative path → text) into a fresh folder and returns it.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = Repository.temporaryFolder()
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The findings for `stack` (the text of stack.yaml), or the diagnostics it is rejected with.
    static func validate(_ stack: String, _ environment: String = "production", profile: String? = nil,
                         policyFile: String? = nil) throws
        -> (folder: URL, result: Result<[Finding], DiagnosticError>) {
        var files = ["stack.yaml": stack]
        if let profile { files["environments/\(environment).yaml"] = profile }
        if let policyFile { files["org.yaml"] = policyFile }
        let folder = try Self.folder(files)
        let overrides = try policyFile.map { _ in try PolicyFile.load(folder.appendingPathComponent("org.yaml").path) }
        let engine = PolicyEngine(overrides: overrides ?? PolicySettings(), today: "2026-11-23")
        let stack = try Project.load(folder.path).resolve(environment)
        do {
            return (folder, .success(try engine.validate(stack)))
        } catch let error as DiagnosticError {
            return (folder, .failure(error))
        }
    }

    static func errors(_ result: Result<[Finding], DiagnosticError>) -> [Diagnostic] {
        if case let .failure(error) = result { return error.diagnostics }
        Issue.record("accepted: \(result)")
        return []
    }

    /// `line:column` of a diagnostic.
    static func place(_ diagnostic: Diagnostic) -> String {
        diagnostic.location.map { "\($0.line):\($0.column)" } ?? "nowhere"
    }

    static func policy(_ rules: String) -> String { "policy:\n  rules:\n" + rules }

    @Test func aValueOfTheWrongKindIsLocatedAtTheValue() throws {
        let stack = ExampleStack.api() + Self.policy("    replicas-minimum: {min: three}\n")
        let (folder, result) = try Self.validate(stack)
        let errors = Self.errors(result)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.message == "'three' is not a valid value for threshold 'min' of rule 'replicas-minimum'")
        #expect(error.expected == "a whole number from 1 to 1000")
        #expect(error.location?.file == folder.appendingPathComponent("stack.yaml").path)
        // The last line of the file; `three` starts in column 29.
        #expect(Self.place(error) == "\(stack.split(separator: "\n").count):29")
    }

    @Test func anUnknownNameIsLocatedAtItsKeyWithASuggestion() throws {
        let stack = ExampleStack.api() + Self.policy("    replicas-minimum:\n      minimun: 3\n")
        let (_, result) = try Self.validate(stack)
        let error = try #require(Self.errors(result).first)
        #expect(error.message == "unknown threshold 'minimun' for rule 'replicas-minimum'")
        #expect(error.hint == "did you mean 'min'?")
        #expect(Self.place(error) == "\(stack.split(separator: "\n").count):7")
        // A rule without thresholds says so; a name close to no threshold gets no suggestion.
        let other = try Self.validate(ExampleStack.api()
            + Self.policy("    liveness-probe: {severity: note, period: 3}\n"))
        let noThresholds = try #require(Self.errors(other.result).first)
        #expect(noThresholds.expected == "only 'severity' (the rule has no thresholds)")
        #expect(noThresholds.hint == nil)
    }

    @Test func outOfRangeValuesAreRejected() throws {
        let cases = [("replicas-minimum", "0", "1 to 1000"), ("run-as-high-uid", "-1", "0 to 2147483647"),
                     ("run-as-high-uid", "2147483648", "0 to 2147483647")]
        for (rule, value, range) in cases {
            let (_, result) = try Self.validate(ExampleStack.api() + Self.policy("    \(rule): {min: \(value)}\n"))
            let error = try #require(Self.errors(result).first)
            #expect(error.message == "\(value) is out of range for threshold 'min' of rule '\(rule)'")
            #expect(error.expected == "a whole number from \(range)")
        }
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        let stack = ExampleStack.api() + Self.policy("""
                replicas-minimum: {min: three, minimun: 3}
                run-as-high-uid: {min: 1.5}
                systemd-sandboxing: {required: [PrivateTemp, ProtectHome, NoNewPrivilege]}

            """)
        let (_, result) = try Self.validate(stack)
        let errors = Self.errors(result)
        let lines = stack.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let places = errors.map(Self.place)
        #expect(places == ["\(lines - 2):29", "\(lines - 2):36", "\(lines - 1):28", "\(lines):37", "\(lines):63"],
                "\(errors.map(\.description))")
        #expect(errors.last?.hint == "did you mean 'NoNewPrivileges'?")
        #expect(errors.count == 5)
    }

    @Test func aListWhereOneValueBelongsIsAnError() throws {
        let (_, result) = try Self.validate(ExampleStack.api() + Self.policy("    replicas-minimum: {min: [2, 3]}\n"))
        let error = try #require(Self.errors(result).first)
        #expect(error.message == "threshold 'min' of rule 'replicas-minimum' is a single value, not a list")
    }

    @Test func aBadValueInThePolicyFileIsLocatedInThatFile() throws {
        let policyFile = "rules:\n  replicas-minimum: {severity: warning, min: lots}\n  image-tag-pined: error\n"
        let (folder, result) = try Self.validate(ExampleStack.api(), policyFile: policyFile)
        let errors = Self.errors(result)
        let file = folder.appendingPathComponent("org.yaml").path
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.location?.file == file }, "\(errors.map(\.description))")
        let value = try #require(errors.first { $0.message.contains("'lots'") })
        #expect(Self.place(value) == "2:46")
        let rule = try #require(errors.first { $0.message.contains("image-tag-pined") })
        #expect(Self.place(rule) == "3:3")
    }

    @Test func aBadValueInAnEnvironmentProfileIsLocatedInTheProfile() throws {
        let profile = "environment: production\npolicy:\n  rules:\n    replicas-minimum: {severity: error, min: two}\n"
        let (folder, result) = try Self.validate(ExampleStack.api(), profile: profile)
        let error = try #require(Self.errors(result).first)
        #expect(error.location?.file == folder.appendingPathComponent("environments/production.yaml").path)
        #expect(Self.place(error) == "4:46")
        // The stack overrides the bad value: nothing left to report.
        let fixed = try Self.validate(ExampleStack.api() + Self.policy("    replicas-minimum: {min: 2}\n"),
                                      profile: profile)
        #expect((try? fixed.result.get()) != nil)
    }

    @Test func validValuesReachTheRules() throws {
        func findings(_ stack: String, _ environment: String = "production", policyFile: String? = nil) throws
            -> [Finding] {
            try Self.validate(stack, environment, policyFile: policyFile).result.get().filter { $0.suppression == nil }
        }
        // An integer: 3 replicas required, 2 run.
        var found = try findings(ExampleStack.api() + Self.policy("    replicas-minimum: {min: 3}\n"))
        #expect(found.first { $0.rule == "replicas-minimum" }?.message
            == "service 'api' runs 2 replicas; the production minimum is 3")
        // The policy file outranks the stack.
        found = try findings(ExampleStack.api() + Self.policy("    replicas-minimum: {min: 3}\n"),
                             policyFile: "rules:\n  replicas-minimum: {min: 2}\n")
        #expect(!found.contains { $0.rule == "replicas-minimum" })
        // The default still applies when nothing is set.
        found = try findings(ExampleStack.api(["replicas": "replicas: 1"]))
        #expect(found.first { $0.rule == "replicas-minimum" }?.message
            == "service 'api' runs 1 replica; the production minimum is 2")
        // A lower user id threshold.
        let user = ExampleStack.api(extra: "security: {user: \"1000\", group: \"1000\"}")
        #expect(try findings(user).contains { $0.rule == "run-as-high-uid" })
        let lowered = try findings(user + Self.policy("    run-as-high-uid: {min: 1000}\n"))
        #expect(!lowered.contains { $0.rule == "run-as-high-uid" })
        // A list, as a YAML list or comma-separated.
        for required in ["[PrivateTmp, ProtectHome]", "\"PrivateTmp, ProtectHome\""] {
            let stack = SystemdExample.api() + "\n" + Self.policy("    systemd-sandboxing: {required: \(required)}\n")
            let lacks = try findings(stack, "development").filter { $0.rule == "systemd-sandboxing" }.map(\.message)
            #expect(lacks == ["the unit of service 'api' lacks PrivateTmp, ProtectHome"], "\(required)")
        }
    }

    @Test func everyDefaultReadsAsItsKindAndTheDocsShowTheType() {
        for d in Rules.all.map(\.description) {
            for p in d.parameters {
                #expect(p.kind.value(p.defaultValue) != nil, "\(d.id).\(p.name): default '\(p.defaultValue)'")
            }
        }
        let replicas = RuleDocs.explain(ReplicasMinimumRule().description)
        #expect(replicas.contains("  min (integer, 1 to 1000; default 2): Fewest replicas"))
        #expect(RuleDocs.markdown.contains("- **Threshold `min`** (integer, 1 to 1000; default `2`)"))
    }

    @Test func kindsReadTheirValues() {
        #expect(ParameterKind.integer(1...3).value("3") == .integer(3))
        #expect(ParameterKind.integer(1...3).value("4") == nil)
        #expect(ParameterKind.integer(1...3).value("2.0") == nil)
        #expect(ParameterKind.list(allowed: ["a", "b"]).value(" a, b ") == .list(["a", "b"]))
        #expect(ParameterKind.list(allowed: ["a", "b"]).value(["a", "c"]) == nil)
        #expect(ParameterKind.list(allowed: nil).value(["anything"]) == .list(["anything"]))
        #expect(ParameterKind.oneOf(["fast", "slow"]).value("slow") == .text("slow"))
        #expect(ParameterKind.oneOf(["fast", "slow"]).value("Slow") == nil)
        #expect(ParameterKind.duration.value("1m30s") == .duration(ShipshapeModel.Duration(milliseconds: 90_000)))
        #expect(ParameterKind.duration.value("soon") == nil)
        #expect(ParameterKind.string.value("x") == .text("x"))
        #expect(ParameterKind.string.value(["x"]) == nil)
    }
}
