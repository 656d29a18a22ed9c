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

    public init(rule: String, reason: String, expires: String? = nil, environments: [String] = [],
                location: SourceLocation) {
        self.rule = rule
        self.reason = reason
        self.expires = expires
        self.environments = environments
        self.location = location
    }
}

/// A profile default a service declines (`security.readOnlyRootFilesystem`): the field keeps what
/// the stack itself says, and findings of the rules that judge it carry the reason, as an
/// exemption would.
public struct OptOut: Sendable, Hashable {
    /// The field's path below the service: `["security", "readOnlyRootFilesystem"]`.
    public var field: [String]
    public var reason: String
    public var location: SourceLocation

    public init(field: [String], reason: String, location: SourceLocation) {
        self.field = field
        self.reason = reason
        self.location = location
    }

    /// Whether it covers `path`: the field itself or something below it.
    public func covers(_ path: [String]) -> Bool {
        path.count >= field.count && Array(path.prefix(field.count)) == field
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
    /// Thresholds by name as written, e.g. `min: 2` for `replicas-minimum`, each with its place;
    /// the policy engine checks them against the parameters the rule declares and types them.
    public var values: OrderedDictionary<String, ParameterSetting>
    /// Where the rule id was written (nil when the setting was not read from a file).
    public var location: SourceLocation?

    public init(severity: Severity?, values: OrderedDictionary<String, ParameterSetting> = [:],
                location: SourceLocation? = nil) {
        self.severity = severity
        self.values = values
        self.location = location
    }

    /// Thresholds by name as text (a list's items joined with commas), e.g. `min: "2"`.
    public var parameters: OrderedDictionary<String, String> {
        values.mapValues { setting in
            switch setting.value {
            case let .text(text): text
            case let .list(items): items.joined(separator: ",")
            }
        }
    }
}

/// One threshold of a rule setting as written: a scalar, or a list of scalars.
public struct ParameterSetting: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case text(String)
        case list([String])
    }

    public var value: Value
    /// Where the value was written.
    public var location: SourceLocation
    /// Where its name was written.
    public var keyLocation: SourceLocation?
    /// For a list: where each item was written.
    public var itemLocations: [SourceLocation]

    public init(_ value: Value, at location: SourceLocation, keyLocation: SourceLocation? = nil,
                itemLocations: [SourceLocation] = []) {
        self.value = value
        self.location = location
        self.keyLocation = keyLocation
        self.itemLocations = itemLocations
    }
}
