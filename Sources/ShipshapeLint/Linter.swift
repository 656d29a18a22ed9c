import Foundation
import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

/// The result of linting: findings (exempted ones marked), sorted by file, line, column and rule.
public struct LintReport: Sendable {
    public var findings: [Finding]
    /// `validate` rules lint does not run: stack-only facts, or not linted yet (the text footer).
    public var notApplied: [String]
}

/// Runs the lint rules over what `LintReader` read, with severities from an optional policy file
/// and exemptions written in the files themselves.
public struct Linter: Sendable {
    public var rules: [any LintRule]
    public var overrides: PolicySettings
    /// Today as `YYYY-MM-DD`, for exemption expiry (`SHIPSHAPE_TODAY` overrides the clock).
    public var today: String

    public init(rules: [any LintRule] = LintRules.all, overrides: PolicySettings = PolicySettings(),
                today: String? = nil) {
        self.rules = rules
        self.overrides = overrides
        self.today = today ?? PolicyEngine.today()
    }

    /// The rule id of the note that lists a file (or document) lint did not understand.
    public static let unrecognised = "lint-unrecognised"
    /// Annotation prefix of Kubernetes exemptions: `shipshape.dev/ignore-<rule>: "<reason>"`.
    public static let annotationPrefix = "shipshape.dev/ignore-"
    /// Key of compose exemptions on a service: `x-shipshape-ignore: {<rule>: <reason>}`.
    public static let composeKey = "x-shipshape-ignore"

    public func lint(_ sources: [LintSource]) throws -> LintReport {
        try lint(LintReader.read(sources))
    }

    public func lint(_ set: LintSet, only: String? = nil) throws -> LintReport {
        let ids = rules.map(\.info.id)
        let unknown = overrides.rules.filter { id, _ in !ids.contains(id) && Rules.rule(id) == nil }
        if !unknown.isEmpty {
            throw DiagnosticError(unknown.map { id, setting in
                .error("unknown policy rule '\(id)' in the policy file", at: setting.location,
                       expected: "a rule id listed by 'shipshape rules'", hint: Suggestions.hint(for: id, in: ids))
            })
        }
        let exemptions = try Exemptions(set, known: Set(rules.map(\.info.id)), today: today)
        var findings: [Finding] = exemptions.expired
        for rule in rules where only == nil || rule.info.id == only {
            let setting = overrides.rules[rule.info.id]
            guard let severity = setting.map({ $0.severity }) ?? rule.info.severity else { continue }
            let context = LintContext(set: set, info: rule.info, severity: severity)
            findings += rule.check(context).map(exemptions.apply)
        }
        if only == nil {
            findings += set.unrecognised.map { entry in
                Finding(rule: Self.unrecognised, severity: .note, message: "not linted: \(entry.reason)",
                        location: entry.location, environment: entry.location.file, service: nil, artifact: nil,
                        remediation: "lint reads Kubernetes objects, compose files, nginx configs and systemd units")
            }
        }
        findings.sort { a, b in
            (a.location?.file ?? "", a.location?.line ?? 0, a.location?.column ?? 0, a.rule, a.message)
                < (b.location?.file ?? "", b.location?.line ?? 0, b.location?.column ?? 0, b.rule, b.message)
        }
        let covered = Set(rules.map(\.info.id))
        let notApplied = Rules.all.map(\.description.id).filter { !covered.contains($0) }
        return LintReport(findings: findings, notApplied: notApplied)
    }

    /// Every rule as SARIF lists it (the `validate` rule's description where the id is shared).
    public var describedRules: [any Rule] {
        var seen: Set<String> = []
        let unique = rules.filter { seen.insert($0.info.id).inserted }
        return unique.map { DescribedRule(description: $0.info.description) }
            + [DescribedRule(description: RuleDescription(
                id: Self.unrecognised, category: .workloads, summary: "A file lint did not understand.",
                rationale: "Listed so that nothing is skipped silently.",
                remediation: "lint reads Kubernetes objects, compose files, nginx configs and systemd units",
                severity: .note, triggering: [], nonTriggering: []))]
    }
}

/// Exemptions written in the linted files, by file and object.
struct Exemptions {
    /// (file, object label) -> rule -> reason; object "" is the whole file.
    var reasons: [String: [String: [String: String]]] = [:]
    /// Exemptions past their date, as error findings (they suppress nothing).
    var expired: [Finding] = []

    /// A reason's trailing `(expires YYYY-MM-DD)`: the reason without it, and the date.
    static func expiry(_ reason: String) -> (reason: String, expires: String?) {
        guard let range = reason.range(of: #"\s*\(expires (\d{4}-\d{2}-\d{2})\)\s*$"#, options: .regularExpression)
        else { return (reason, nil) }
        let date = reason[range].filter { $0.isNumber || $0 == "-" }
        return (String(reason[..<range.lowerBound]), String(date))
    }

    init(_ set: LintSet, known: Set<String>, today: String) throws {
        var errors: [Diagnostic] = []
        var expired: [Finding] = []
        func add(_ file: String, _ object: String, _ rule: String, _ written: String, _ at: SourceLocation) {
            let (reason, expires) = Self.expiry(written)
            guard known.contains(rule) else {
                errors.append(.error("exemption names unknown rule '\(rule)'", at: at,
                                     expected: "a rule id listed by 'shipshape rules'",
                                     hint: Suggestions.hint(for: rule, in: known.sorted())))
                return
            }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                errors.append(.error("the exemption from '\(rule)' gives no reason", at: at,
                                     expected: "a reason a reviewer accepts"))
                return
            }
            if let expires, expires < today {
                expired.append(Finding(rule: rule, severity: .error,
                                       message: "the exemption from '\(rule)' expired on \(expires)", location: at,
                                       environment: file, service: object.isEmpty ? nil : object, artifact: nil,
                                       remediation: "fix what the rule reports, or renew the exemption with a new "
                                           + "date and a reason a reviewer accepts"))
                return
            }
            reasons[file, default: [:]][object, default: [:]][rule] = reason
        }
        for object in set.objects {
            let path: DocPath = [.key("metadata"), .key("annotations")]
            for (key, value) in object.value(path)?.pairs ?? [] where key.hasPrefix(Linter.annotationPrefix) {
                add(object.file, object.label, String(key.dropFirst(Linter.annotationPrefix.count)),
                    value.text ?? "", object.location(path + [.key(key)]))
            }
        }
        for service in set.composeServices {
            for (rule, reason) in service.node.member(Linter.composeKey)?.pairs ?? [] {
                add(service.file, service.label, rule, reason.text ?? "",
                    service.location([.key(Linter.composeKey), .key(rule)]))
            }
        }
        for directive in set.directives {
            add(directive.file, "", directive.rule, directive.reason, directive.location)
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        self.expired = expired
    }

    func apply(_ finding: Finding) -> Finding {
        let file = finding.location?.file ?? finding.environment
        let byObject = reasons[file] ?? [:]
        guard let reason = byObject[finding.service ?? ""]?[finding.rule] ?? byObject[""]?[finding.rule] else {
            return finding
        }
        var copy = finding
        copy.suppression = reason
        return copy
    }
}
