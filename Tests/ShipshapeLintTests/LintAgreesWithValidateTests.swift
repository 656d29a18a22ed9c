import Foundation
import ShipshapeLint
import ShipshapeModel
import ShipshapePipeline
import ShipshapePolicy
import Testing
import TestSupport

/// `lint` over each example's committed `rendered/<env>/` reports the same rule ids per object as
/// `validate` for that environment, for every rule both run there (lint has the id for the file's
/// format, and the environment's profile turns it on). Exemptions are ignored on both sides: the
/// stack's `ignore:` entries do not show in the rendered files. What differs is listed in
/// `expectedDifferences`, each with its reason (docs/POLICY.md repeats them).
@Suite struct LintAgreesWithValidateTests {
    /// Where the two commands differ, as a pattern over `lint only: ` / `validate only: ` lines, and why.
    static let expectedDifferences: [(pattern: String, reason: String)] = [
        (#"^lint only: [a-z-]+/[a-z]+: compose/docker-compose\.yml \| services\.nginx \| "#
            + #"(run-as-non-root|liveness-probe|resources-limits|read-only-root-filesystem|replicas-minimum)$"#,
         "The compose proxy service is rendered from `proxy:`, not from a service, so validate's workload rules "
            + "never see it; lint reads it as any other service (stock nginx starts as root, has no health check, "
            + "no memory limit, a writable root filesystem and one replica)."),
        (#"^validate only: [a-z-]+/development: compose/docker-compose\.yml \| services\.[a-z-]+ \| "#
            + #"run-as-non-root$"#,
         "validate reads the spec's `security.runAsNonRoot` (false in development); compose cannot state it, and "
            + "the rendered file sets a numeric non-root `user:`, which lint accepts."),
        (#"^lint only: (openlearn/(staging|production): kubernetes/elasticsearch\.yaml \| StatefulSet/elasticsearch|"#
            + #"netbox/(staging|production): kubernetes/(netbox[a-z-]*)\.yaml \| StatefulSet/\4) \| run-as-non-root$"#,
         "The stacks run Elasticsearch and NetBox as uid 10001 with group 0 (their images need it); validate "
            + "reads `runAsNonRoot: true`, lint (like kube-linter) also reports the root group in the file."),
    ]

    static let formats: [String: LintKind] = ["kubernetes": .kubernetes, "compose": .compose, "nginx": .nginx,
                                              "systemd": .systemd]

    /// `kubernetes/api.yaml | Deployment/api`: the file below rendered/<env>/ and the object.
    static func validateKey(_ finding: Finding) -> (file: String, object: String)? {
        guard let artifact = finding.artifact else { return nil }
        let parts = artifact.components(separatedBy: ": ")
        let file = parts[0]
        let rest = parts.dropFirst().joined(separator: ": ")
        let target = file.split(separator: "/").first.map(String.init) ?? ""
        switch target {
        case "kubernetes", "compose":
            // `disruption-budget` names the budget a single replica cannot have; lint, the Deployment.
            var object = rest.split(separator: " ").first.map(String.init) ?? ""
            // `services.db.ports`, `services.web.depends_on.db`: lint names the service, `services.db`.
            if object.hasPrefix("services.") { object = object.split(separator: ".").prefix(2).joined(separator: ".") }
            return (file, object.replacingOccurrences(of: "PodDisruptionBudget/", with: "Deployment/"))
        case "nginx":
            return (file, rest.hasPrefix("location ") ? rest : "server")
        default:
            return (file, (file as NSString).lastPathComponent)
        }
    }

    static func lintKey(_ finding: Finding, root: String) -> (file: String, object: String)? {
        guard let path = finding.location?.file, path.hasPrefix(root + "/"), let object = finding.service else {
            return nil
        }
        let file = String(path.dropFirst(root.count + 1))
        switch file.split(separator: "/").first {
        case "kubernetes":
            let parts = object.split(separator: "/")
            return (file, parts.count == 3 ? "\(parts[0])/\(parts[2])" : object)
        case "nginx":
            guard let range = object.range(of: " location ") else { return (file, "server") }
            return (file, "location " + object[range.upperBound...])
        case "systemd": return (file, object)
        default: return (file, object)
        }
    }

    /// Rule ids `validate` runs in the environment (on by its profile and the stack's policy).
    static func enabled(_ stack: ResolvedStack) -> Set<String> {
        Set(Rules.all.map(\.description).filter { d in
            let severity: Severity? = stack.policy.rules[d.id].map { $0.severity } ?? d.defaultSeverity
            return severity != nil && (d.targets.isEmpty || d.targets.contains(where: stack.targets.contains))
        }.map(\.id))
    }

    static func comparison() throws -> (validate: Set<String>, lint: Set<String>) {
        var fromValidate: Set<String> = []
        var fromLint: Set<String> = []
        for example in Repository.examples {
            let folder = Repository.path("examples/\(example)")
            let pipeline = try Pipeline.load(folder)
            let engine = PolicyEngine(today: "2026-01-01")
            for environment in pipeline.environments([]) {
                let root = "\(folder)/rendered/\(environment)"
                guard FileManager.default.fileExists(atPath: root) else { continue }
                let stack = try pipeline.project.resolve(environment)
                let on = enabled(stack)
                let ids = Dictionary(grouping: LintRules.all, by: \.info.format).mapValues { Set($0.map(\.info.id)) }
                func shared(_ file: String, _ rule: String) -> Bool {
                    let format = formats[String(file.split(separator: "/").first ?? "")] ?? .unrecognised
                    return on.contains(rule) && ids[format]?.contains(rule) == true
                }
                for finding in try pipeline.validate([environment], engine: engine) {
                    guard let key = validateKey(finding), shared(key.file, finding.rule) else { continue }
                    fromValidate.insert("\(example)/\(environment): \(key.file) | \(key.object) | \(finding.rule)")
                }
                let report = try Linter().lint(LintSources.collect([root]))
                for finding in report.findings {
                    guard let key = lintKey(finding, root: root), shared(key.file, finding.rule) else { continue }
                    fromLint.insert("\(example)/\(environment): \(key.file) | \(key.object) | \(finding.rule)")
                }
            }
        }
        return (fromValidate, fromLint)
    }

    @Test func lintReportsWhatValidateReportsPerObject() throws {
        let (fromValidate, fromLint) = try Self.comparison()
        #expect(!fromValidate.isEmpty && !fromLint.isEmpty)
        let onlyValidate = fromValidate.subtracting(fromLint).sorted()
        let onlyLint = fromLint.subtracting(fromValidate).sorted()
        let differences = onlyValidate.map { "validate only: " + $0 } + onlyLint.map { "lint only: " + $0 }
        func explained(_ line: String, _ pattern: String) -> Bool {
            line.range(of: pattern, options: .regularExpression) != nil
        }
        let unexplained = differences.filter { line in
            !Self.expectedDifferences.contains { explained(line, $0.pattern) }
        }
        #expect(unexplained.isEmpty, "\(unexplained.joined(separator: "\n"))")
        for (pattern, _) in Self.expectedDifferences {
            #expect(differences.contains { explained($0, pattern) }, "no longer differs: \(pattern)")
        }
        let agreed = fromValidate.intersection(fromLint)
        #expect(agreed.count >= 30, "\(agreed.count) agreed")
        print("lint vs validate: \(agreed.count) agreed, \(onlyValidate.count) validate only, "
                  + "\(onlyLint.count) lint only")
    }
}
