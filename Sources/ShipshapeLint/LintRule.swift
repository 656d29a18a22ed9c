import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

/// A check over parsed files. Rules that mean what a `validate` rule means share its id, summary,
/// remediation and default severity.
public protocol LintRule: Sendable {
    var info: LintRuleInfo { get }
    func check(_ context: LintContext) -> [Finding]
}

/// A file that triggers a rule (or does not): `name` tells its kind (`deploy.yaml`, `site.conf`,
/// `api.service`); in a triggering example `↓` marks each place a finding must point at.
public struct LintExample: Sendable {
    public var name: String
    public var text: String
    public var sourceFile: String
    public var sourceLine: Int

    public init(_ name: String, _ text: String, file: String = #filePath, line: Int = #line) {
        self.name = name
        self.text = text
        self.sourceFile = file
        self.sourceLine = line
    }

    public var clean: String { Example(text).cleanYAML }
    public var markers: [(line: Int, column: Int)] { Example(text).markers }
}

public struct LintRuleInfo: Sendable {
    public var id: String
    public var format: LintKind
    public var summary: String
    public var remediation: String
    public var severity: Severity
    public var equivalents: [String]
    public var triggering: [LintExample]
    public var nonTriggering: [LintExample]

    /// A rule with a `validate` twin: summary, remediation and severity come from it.
    public init(id: String, format: LintKind, equivalents: [String] = [], summary: String? = nil,
                remediation: String? = nil, severity: Severity? = nil,
                triggering: [LintExample], nonTriggering: [LintExample]) {
        let twin = Rules.rule(id)?.description
        self.id = id
        self.format = format
        self.summary = summary ?? twin?.summary ?? id
        self.remediation = remediation ?? LintRemediations.text[format]?[id] ?? twin?.remediation ?? ""
        self.severity = severity ?? twin?.defaultSeverity ?? .warning
        self.equivalents = equivalents.isEmpty ? (twin?.equivalents ?? []) : equivalents
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }

    /// The description SARIF prints: the `validate` rule's where there is one.
    public var description: RuleDescription {
        if let twin = Rules.rule(id)?.description { return twin }
        let category: RuleDescription.Category = switch format {
        case .systemd: .systemd
        case .compose: .compose
        case .nginx: .network
        default: .workloads
        }
        return RuleDescription(id: id, category: category, summary: summary, rationale: summary,
                               remediation: remediation, severity: severity, equivalents: equivalents,
                               triggering: [], nonTriggering: [])
    }
}

/// What a rule sees: everything read, and how to phrase a finding.
public struct LintContext: Sendable {
    public let set: LintSet
    public let info: LintRuleInfo
    public let severity: Severity

    /// A finding in `file` about `object` (e.g. `Deployment/shop/api`); `place` says where in it.
    public func finding(_ message: String, at location: SourceLocation, object: String?,
                        place: String? = nil) -> Finding {
        let artifact = object.map { object in place.map { "\(object) \($0)" } ?? object }
        return Finding(rule: info.id, severity: severity, message: message, location: location,
                       environment: location.file, service: object, artifact: artifact,
                       remediation: info.remediation)
    }

    /// A finding about a place in a Kubernetes object.
    public func finding(_ message: String, in object: KubeObject, at path: DocPath,
                        containers: [KubeObject.Container] = []) -> Finding {
        finding(message, at: object.location(path), object: object.label,
                place: path.isEmpty ? nil : KubeObject.describe(path, containers: containers))
    }

    /// Every workload (Pod or object with a pod template) with its containers.
    public var workloads: [KubeObject] { self.set.objects.filter { $0.podSpec != nil } }

    /// At most one finding per container of every workload: `problem` gives the message and the
    /// path it points at, or nil. Init containers count unless `includeInit` is false; Jobs and
    /// CronJobs unless `includeBatch` is false.
    public func containerFindings(
        includeInit: Bool = true, includeBatch: Bool = true,
        _ problem: (KubeObject, KubeObject.Container) -> (message: String, path: DocPath)?
    ) -> [Finding] {
        workloads.filter { includeBatch || !$0.isBatch }.flatMap { object in
            let containers = object.containers(includeInit: includeInit)
            return containers.compactMap { container in
                problem(object, container).map { finding($0.message, in: object, at: $0.path, containers: containers) }
            }
        }
    }
}

/// An image reference or other value quoted in a message, unless it looks secret.
func quoted(_ value: String) -> String {
    SecretPatterns.looksSecret(value) || SecretPatterns.credentialsInURL(value) ? "'<redacted>'" : "'\(value)'"
}

/// A rule for adapters that need `any Rule` (SARIF's rule list).
struct DescribedRule: Rule {
    let description: RuleDescription
    func check(_ context: RuleContext) -> [Finding] { [] }
}
