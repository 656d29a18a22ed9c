import OrderedCollections

/// An exemption from a policy rule. A reason is mandatory; an expired exemption is reported.
public struct Ignore: Sendable, Hashable {
    public var rule: String
    public var reason: String
    /// Last day (ISO `YYYY-MM-DD`) the exemption holds.
    public var expires: String?
    /// Environments it applies to; empty means all.
    public var environments: [String]
    public var location: SourceLocation

    public init(rule: String, reason: String, expires: String? = nil, environments: [String] = [], location: SourceLocation) {
        self.rule = rule
        self.reason = reason
        self.expires = expires
        self.environments = environments
        self.location = location
    }
}

/// Which policy rules run, at which severity, with which thresholds — set by the environment
/// profile and adjusted by the stack.
public struct PolicySettings: Sendable, Hashable {
    public var rules: OrderedDictionary<String, RuleSetting>

    public init(rules: OrderedDictionary<String, RuleSetting> = [:]) {
        self.rules = rules
    }
}

public struct RuleSetting: Sendable, Hashable {
    /// nil turns the rule off.
    public var severity: Severity?
    /// Thresholds by name, e.g. `min: "2"` for `replicas-minimum`.
    public var parameters: OrderedDictionary<String, String>

    public init(severity: Severity?, parameters: OrderedDictionary<String, String> = [:]) {
        self.severity = severity
        self.parameters = parameters
    }
}
