import Foundation
import ShipshapeLint
import ShipshapeModel
import ShipshapePolicy
import Testing

/// Every lint rule's examples, run as tests: a triggering example fires exactly at its `↓`
/// markers, a non-triggering one does not fire.
@Suite struct LintRuleExampleTests {
    static func findings(_ rule: any LintRule, _ example: LintExample) throws -> [Finding] {
        let set = try LintReader.read([LintSource(path: example.name, text: example.clean)])
        return try Linter(rules: [rule]).lint(set).findings.filter { $0.rule == rule.info.id }
    }

    @Test func everyRuleHasExamplesAndAKebabCaseId() {
        for rule in LintRules.all {
            let info = rule.info
            #expect(info.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(info.id)")
            #expect(!info.triggering.isEmpty, "\(info.id) has no triggering example")
            #expect(!info.nonTriggering.isEmpty, "\(info.id) has no non-triggering example")
            #expect(!info.summary.isEmpty && !info.remediation.isEmpty, "\(info.id)")
        }
    }

    @Test func sharedIdsKeepTheValidateSeverity() {
        for rule in LintRules.all {
            guard let twin = Rules.rule(rule.info.id)?.description else { continue }
            #expect(rule.info.severity == twin.defaultSeverity, "\(rule.info.id)")
            #expect(rule.info.summary == twin.summary, "\(rule.info.id)")
        }
    }

    @Test func theIssueRulesExist() {
        let required = ["run-as-non-root", "read-only-root-filesystem", "no-privilege-escalation", "drop-capabilities",
                        "dangerous-capabilities", "no-host-access", "image-tag-pinned", "liveness-probe",
                        "readiness-probe", "resources-requests", "resources-limits", "replicas-minimum",
                        "hide-server-version", "tls-modern-protocols", "systemd-non-root-user", "systemd-sandboxing",
                        "compose-restart-policy", "privileged-container", "no-host-path", "no-service-account-token",
                        "service-selects-pods", "ingress-service-exists", "hpa-target-exists", "no-duplicate-env"]
        let ids = Set(LintRules.ids)
        for id in required { #expect(ids.contains(id), "\(id)") }
    }

    @Test(arguments: LintRules.all.indices)
    func triggeringExamplesFireAtTheirMarkers(_ index: Int) throws {
        let rule = LintRules.all[index]
        for example in rule.info.triggering {
            let found = try Self.findings(rule, example)
            let places = found.compactMap { $0.location }.map { "\($0.line):\($0.column)" }.sorted()
            let expected = example.markers.map { "\($0.line):\($0.column)" }.sorted()
            #expect(!expected.isEmpty, "\(rule.info.id): example at line \(example.sourceLine) has no marker")
            let what = "\(rule.info.id) (\(rule.info.format)) example at line \(example.sourceLine): "
                + "\(found.map(\.message))"
            #expect(places == expected, Comment(rawValue: what))
            #expect(found.allSatisfy { $0.location?.file == example.name && $0.service != nil }, "\(rule.info.id)")
        }
    }

    @Test(arguments: LintRules.all.indices)
    func nonTriggeringExamplesDoNotFire(_ index: Int) throws {
        let rule = LintRules.all[index]
        for example in rule.info.nonTriggering {
            let found = try Self.findings(rule, example)
            #expect(found.isEmpty,
                    "\(rule.info.id) example at line \(example.sourceLine): \(found.map(\.message))")
        }
    }
}
