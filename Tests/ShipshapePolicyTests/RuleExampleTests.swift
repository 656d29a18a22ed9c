import Foundation
import ShipshapeLoader
import ShipshapeModel
@testable import ShipshapePolicy
import Testing
import TestSupport

/// Every rule's examples, run as tests: a triggering example fires exactly at its `↓` markers,
/// a non-triggering one does not fire.
@Suite struct RuleExampleTests {
    static let ids = Rules.all.map(\.description.id)

    /// Findings of one rule for an example.
    static func findings(_ rule: any Rule, _ example: Example) throws -> [Finding] {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("stack.yaml")
        try example.cleanYAML.write(to: file, atomically: true, encoding: .utf8)
        let stack = try Project.load(folder.path).resolve(example.environment)
        // The environment's profile decides whether the rule runs and how strictly.
        let engine = PolicyEngine(today: "2026-01-01")
        return try engine.validate(stack, only: rule.description.id).filter {
            $0.suppression == nil && $0.location?.file == file.path
        }
    }

    @Test func idsAreUniqueKebabCaseAndEveryRuleHasExamples() {
        #expect(Set(Self.ids).count == Self.ids.count)
        for rule in Rules.all {
            let d = rule.description
            #expect(d.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(d.id)")
            #expect(!d.triggering.isEmpty, "\(d.id) has no triggering example")
            #expect(!d.nonTriggering.isEmpty, "\(d.id) has no non-triggering example")
            #expect(!d.equivalents.isEmpty && !d.rationale.isEmpty && !d.remediation.isEmpty, "\(d.id)")
        }
    }

    @Test func theIssueRuleIdsExist() {
        let required = [
            "image-tag-pinned", "replicas-minimum", "resources-requests", "resources-limits", "liveness-probe",
            "readiness-probe", "run-as-non-root", "read-only-root-filesystem", "no-privilege-escalation",
            "drop-capabilities", "no-host-access", "autoscale-needs-requests", "disruption-budget",
            "zero-downtime-rollout", "no-plaintext-secrets", "no-default-credentials", "no-debug-in-production",
            "no-wildcard-cors", "no-published-data-ports", "tls-required", "tls-modern-protocols", "security-headers",
            "restricted-metrics", "hide-server-version", "request-body-limit", "rate-limited-routes",
            "systemd-sandboxing", "systemd-non-root-user", "systemd-restart-policy", "systemd-no-inline-secrets",
            "compose-healthcheck-for-dependents", "compose-restart-policy", "consistent-ports", "consistent-health",
            "autoscale-vs-budget",
        ]
        #expect(Set(required).isSubset(of: Set(Self.ids)), "\(Set(required).subtracting(Self.ids))")
    }

    @Test(arguments: ids)
    func triggeringExamplesFireAtTheirMarkers(_ id: String) throws {
        let rule = try #require(Rules.rule(id))
        for example in rule.description.triggering {
            let findings = try Self.findings(rule, example)
            let found = findings.compactMap { $0.location.map { "\($0.line):\($0.column)" } }.sorted()
            let expected = example.markers.map { "\($0.line):\($0.column)" }.sorted()
            #expect(!expected.isEmpty, "\(id): example at \(example.line) has no marker")
            #expect(
                found == expected,
                Comment(rawValue: "\(id) example at line \(example.line): findings at \(found), "
                    + "markers at \(expected): \(findings.map(\.message))")
            )
            #expect(findings.allSatisfy { $0.rule == id })
        }
    }

    @Test(arguments: ids)
    func nonTriggeringExamplesDoNotFire(_ id: String) throws {
        let rule = try #require(Rules.rule(id))
        for example in rule.description.nonTriggering {
            let findings = try Self.findings(rule, example)
            #expect(
                findings.isEmpty,
                Comment(rawValue: "\(id) example at line \(example.line) fired: "
                    + "\(findings.map { "\($0.location?.description ?? "") \($0.message)" })")
            )
        }
    }
}
