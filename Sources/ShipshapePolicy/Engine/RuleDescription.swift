import ShipshapeModel

/// Everything about a rule except its check: what `shipshape rules`, `explain`, docs/POLICY.md,
/// SARIF and the example tests read.
public struct RuleDescription: Sendable {
    public enum Category: String, Sendable, CaseIterable {
        case workloads, secrets, network, systemd, compose, consistency
    }

    /// Stable kebab-case id, e.g. `liveness-probe`.
    public var id: String
    public var category: Category
    public var summary: String
    public var rationale: String
    public var remediation: String
    public var defaultSeverity: Severity
    /// Targets whose presence makes the rule apply; empty means every environment.
    public var targets: [Target]
    public var parameters: [Parameter]
    /// The corresponding checks in other tools, e.g. `kube-linter: no-liveness-probe`.
    public var equivalents: [String]
    /// The service fields the rule judges, dotted (`security.readOnlyRootFilesystem`): a service
    /// that declines the profile's default for one of them (`optOut`) has its findings exempted
    /// with that reason.
    public var fields: [String]
    /// Stacks that trigger the rule, built when asked: only docs, `explain` and the tests read
    /// them, and building every rule's at start-up was about a tenth of a small `validate`.
    public var triggering: [Example] { makeTriggering() }
    public var nonTriggering: [Example] { makeNonTriggering() }
    private let makeTriggering: @Sendable () -> [Example]
    private let makeNonTriggering: @Sendable () -> [Example]

    public init(id: String, category: Category, summary: String, rationale: String, remediation: String,
                severity: Severity,
                targets: [Target] = [], parameters: [Parameter] = [], equivalents: [String] = [],
                fields: [String] = [], triggering: @autoclosure @escaping @Sendable () -> [Example],
                nonTriggering: @autoclosure @escaping @Sendable () -> [Example]) {
        self.id = id
        self.category = category
        self.summary = summary
        self.rationale = rationale
        self.remediation = remediation
        self.defaultSeverity = severity
        self.targets = targets
        self.parameters = parameters
        self.equivalents = equivalents
        self.fields = fields
        makeTriggering = triggering
        makeNonTriggering = nonTriggering
    }
}

/// A stack that triggers a rule (or does not). In a triggering example, `↓` marks each place a
/// finding must point at; the examples run as tests and print with `shipshape explain`.
public struct Example: Sendable {
    public var yaml: String
    public var environment: String
    public var file: String
    public var line: Int

    public init(_ yaml: String, environment: String = "production", file: String = #filePath, line: Int = #line) {
        self.yaml = yaml
        self.environment = environment
        self.file = file
        self.line = line
    }

    /// The YAML without markers.
    public var cleanYAML: String { yaml.replacingOccurrences(of: "↓", with: "") }

    /// Line and column of each marker in the clean YAML.
    public var markers: [(line: Int, column: Int)] {
        var result: [(Int, Int)] = []
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 1
            for scalar in line.unicodeScalars {
                if scalar == "↓" { result.append((index + 1, column)) } else { column += 1 }
            }
        }
        return result
    }
}
