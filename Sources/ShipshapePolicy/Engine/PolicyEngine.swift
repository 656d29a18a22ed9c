import Foundation
import ShipshapeModel
import ShipshapeRender

/// Runs the rules over one resolved environment.
///
/// Settings, from lowest to highest precedence: each rule's default severity, the environment
/// profile's `policy`, the stack's `policy` (and its overlay's), then an organisation-wide
/// `--policy` file. Exemptions (`ignore:` on a service or the stack, with a reason, optionally
/// scoped to environments and with an expiry date) suppress findings; suppressed findings are
/// kept, marked with the reason, for reports. An expired exemption suppresses nothing and is
/// itself reported.
public struct PolicyEngine: Sendable {
    public var rules: [any Rule]
    /// Settings that override the stack's (an organisation-wide policy file).
    public var overrides: PolicySettings
    /// Today as `YYYY-MM-DD`, for exemption expiry.
    public var today: String

    public init(rules: [any Rule] = Rules.all, overrides: PolicySettings = PolicySettings(), today: String? = nil) {
        self.rules = rules
        self.overrides = overrides
        self.today = today ?? Self.today()
    }

    /// Today as `YYYY-MM-DD` in UTC, for exemption expiry; `SHIPSHAPE_TODAY` overrides the clock.
    public static func today() -> String {
        if let fixed = ProcessInfo.processInfo.environment["SHIPSHAPE_TODAY"] { return fixed }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }

    /// Unknown rule ids in settings and exemptions, as located errors.
    public func checkReferences(_ stack: ResolvedStack) throws {
        let ids = rules.map { $0.description.id }
        var errors: [Diagnostic] = []
        for id in stack.policy.rules.keys where !ids.contains(id) {
            let node = stack.source.node(at: [Key.Stack.policy, Key.Policy.rules, id])
            errors.append(.error("unknown policy rule '\(id)'", at: node?.keyLocation ?? node?.location,
                                 expected: "a rule id listed by 'shipshape rules'",
                                 hint: Suggestions.hint(for: id, in: ids)))
        }
        for (id, setting) in overrides.rules where !ids.contains(id) {
            errors.append(.error("unknown policy rule '\(id)' in the policy file", at: setting.location,
                                 expected: "a rule id listed by 'shipshape rules'",
                                 hint: Suggestions.hint(for: id, in: ids)))
        }
        errors += ParameterCheck.errors(in: stack.policy, rules: rules.map(\.description))
        errors += ParameterCheck.errors(in: overrides, rules: rules.map(\.description))
        forEachIgnore(stack) { ignore in
            guard !ids.contains(ignore.rule) else { return }
            errors.append(.error("'ignore' names unknown rule '\(ignore.rule)'", at: ignore.location,
                                 expected: "a rule id listed by 'shipshape rules'",
                                 hint: Suggestions.hint(for: ignore.rule, in: ids)))
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
    }

    /// Every finding for the environment, suppressed ones included (marked), sorted by place.
    /// `artifacts` are what the environment renders and where the layout puts them (findings
    /// name those files); without them, every target is rendered in the flat layout.
    /// `only` runs a single rule (for its examples).
    public func validate(_ stack: ResolvedStack, artifacts: ArtifactIndex? = nil,
                         only: String? = nil) throws -> [Finding] {
        let artifacts = try artifacts ?? Self.flatIndex(stack)
        try checkReferences(stack)
        var findings: [Finding] = []
        let views = EnvironmentViews(stack, artifacts: artifacts)
        for rule in rules where only == nil || rule.description.id == only {
            let d = rule.description
            let setting = overrides.rules[d.id] ?? stack.policy.rules[d.id]
            let severity: Severity? = setting.map { $0.severity } ?? d.defaultSeverity
            guard let severity else { continue }
            if !d.targets.isEmpty, !d.targets.contains(where: stack.targets.contains) { continue }
            let parameters = ParameterCheck.values(of: d, stack: stack.policy, overrides: overrides)
            let context = RuleContext(stack: stack, description: d, severity: severity, parameters: parameters,
                                      artifacts: artifacts, views: views)
            findings += rule.check(context).map { suppress($0, of: d, in: stack) }
        }
        findings += expired(stack)
        return findings.sorted { a, b in
            (a.location?.file ?? "", a.location?.line ?? 0, a.location?.column ?? 0, a.rule)
                < (b.location?.file ?? "", b.location?.line ?? 0, b.location?.column ?? 0, b.rule)
        }
    }

    /// Every target of the environment, rendered and laid out flat.
    static func flatIndex(_ stack: ResolvedStack) throws -> ArtifactIndex {
        let rendered = Renderers.artifacts(stack, targets: nil, context: .standard)
        if rendered.diagnostics.contains(where: { $0.severity == .error }) {
            throw DiagnosticError(DiagnosticCollector.ordered(rendered.diagnostics))
        }
        let environment = EnvironmentArtifacts(stack: stack, targets: stack.targets, artifacts: rendered.artifacts)
        return try Layout.flatIndex(environment)
    }

    /// The stack's exemptions, then each service's, in order (read in place, not gathered).
    func forEachIgnore(_ stack: ResolvedStack, _ body: (Ignore) -> Void) {
        stack.ignore.forEach(body)
        for index in stack.services.indices where !stack.services[index].ignore.isEmpty {
            stack.services[index].ignore.forEach(body)
        }
    }

    func applies(_ ignore: Ignore, _ environment: String) -> Bool {
        ignore.environments.isEmpty || ignore.environments.contains(environment)
    }

    func isExpired(_ ignore: Ignore) -> Bool {
        ignore.expires.map { $0 < today } ?? false
    }

    /// The finding, exempted by an `ignore` entry of its service or the stack, or by its
    /// service declining the profile's default for a field the rule judges (`optOut`).
    func suppress(_ finding: Finding, of rule: RuleDescription, in stack: ResolvedStack) -> Finding {
        let service = finding.service.flatMap { stack.service(named: $0) }
        let candidates = ((service?.ignore ?? []) + stack.ignore).filter {
            $0.rule == finding.rule && applies($0, stack.environment) && !isExpired($0)
        }
        var copy = finding
        if let ignore = candidates.first {
            copy.suppression = ignore.reason
        } else if let optOut = service?.optOuts.first(where: { optOut in
            rule.fields.contains { optOut.covers($0.split(separator: ".").map(String.init)) }
        }) {
            // The decision is the opt-out: the finding points at it.
            copy.suppression = "declines the profile's \(optOut.field.joined(separator: ".")): \(optOut.reason)"
            copy.location = optOut.location
        }
        return copy
    }

    func expired(_ stack: ResolvedStack) -> [Finding] {
        var lapsed: [Ignore] = []
        forEachIgnore(stack) { ignore in
            if isExpired(ignore), applies(ignore, stack.environment) { lapsed.append(ignore) }
        }
        return lapsed.map { ignore in
            Finding(rule: ignore.rule, severity: .error,
                    message: "the exemption from '\(ignore.rule)' expired on \(ignore.expires ?? "")",
                    location: ignore.location, environment: stack.environment, service: nil, artifact: nil,
                    remediation: "fix what the rule reports, or renew the exemption with a new date and a reason a "
                        + "reviewer accepts")
        }
    }
}

/// Counting findings and deciding the exit code.
public enum FailOn: String, Sendable, CaseIterable {
    case error, warning, never

    /// Whether any unsuppressed finding reaches this level.
    public func fails(_ findings: [Finding]) -> Bool {
        let active = findings.filter { $0.suppression == nil }
        switch self {
        case .error: return active.contains { $0.severity == .error }
        case .warning: return active.contains { $0.severity >= .warning }
        case .never: return false
        }
    }
}
