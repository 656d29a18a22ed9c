import ShipshapeModel

/// Checks the thresholds of `policy:` settings (profile, stack, overlay, `--policy FILE`)
/// against the parameters each rule declares, and types them. An unknown name or a value that
/// is not of the parameter's kind is a located input error; every one is reported.
enum ParameterCheck {
    /// Every problem with the thresholds in `settings`. Settings of unknown rules are skipped:
    /// the rule id is reported.
    static func errors(in settings: PolicySettings, rules: [RuleDescription]) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        for (id, setting) in settings.rules {
            guard let rule = rules.first(where: { $0.id == id }) else { continue }
            for (name, written) in setting.values {
                errors += check(name, written, of: rule)
            }
        }
        return errors
    }

    static func check(_ name: String, _ written: ParameterSetting, of rule: RuleDescription) -> [Diagnostic] {
        guard let parameter = rule.parameters.first(where: { $0.name == name }) else {
            let names = rule.parameters.map(\.name)
            let expected = names.isEmpty ? "only 'severity' (the rule has no thresholds)"
                : "'severity' or " + names.map { "'\($0)'" }.joined(separator: ", ")
            return [.error("unknown threshold '\(name)' for rule '\(rule.id)'",
                           at: written.keyLocation ?? written.location, expected: expected,
                           hint: hint(for: name, in: names + ["severity"]))]
        }
        let kind = parameter.kind
        switch written.value {
        case let .text(text):
            guard kind.value(text) == nil else { return [] }
            if case .list = kind {
                return ParameterKind.items(text).filter { !kind.allows($0) }
                    .map { problem($0, parameter, of: rule, at: written.location) }
            }
            return [problem(text, parameter, of: rule, at: written.location)]
        case let .list(items):
            guard case .list = kind else {
                return [.error("threshold '\(name)' of rule '\(rule.id)' is a single value, not a list",
                               at: written.location, expected: kind.expected)]
            }
            return zip(items, written.itemLocations).filter { !kind.allows($0.0) }
                .map { problem($0.0, parameter, of: rule, at: $0.1) }
        }
    }

    static func problem(_ text: String, _ parameter: Parameter, of rule: RuleDescription, at location: SourceLocation)
        -> Diagnostic {
        let threshold = "threshold '\(parameter.name)' of rule '\(rule.id)'"
        switch parameter.kind {
        case let .integer(range) where Int(text).map { !range.contains($0) } == true:
            return .error("\(text) is out of range for \(threshold)", at: location, expected: parameter.kind.expected)
        case let .list(allowed?), let .oneOf(allowed):
            return .error("'\(text)' is not a valid value for \(threshold)", at: location,
                          expected: parameter.kind.expected, hint: Suggestions.hint(for: text, in: allowed))
        default:
            return .error("'\(text)' is not a valid value for \(threshold)", at: location,
                          expected: parameter.kind.expected)
        }
    }

    /// "Did you mean" for a threshold name: the closest name, else a name the word starts with
    /// (threshold names are short: `minimum` or `minimun` for `min`).
    static func hint(for word: String, in names: [String]) -> String? {
        if let hint = Suggestions.hint(for: word, in: names) { return hint }
        let prefixes = names.filter { $0.count >= 3 && word.lowercased().hasPrefix($0.lowercased()) }
        return prefixes.max { $0.count < $1.count }.map { "did you mean '\($0)'?" }
    }

    /// The values a rule runs with: each parameter's default, replaced by the stack's setting
    /// (profile, stack and overlay merged), replaced by the policy file's. Values are checked
    /// before (`PolicyEngine.checkReferences`); one that does not read keeps the default.
    static func values(of rule: RuleDescription, stack: PolicySettings, overrides: PolicySettings)
        -> [String: ParameterValue] {
        var result: [String: ParameterValue] = [:]
        for parameter in rule.parameters {
            let written = overrides.rules[rule.id]?.values[parameter.name]
                ?? stack.rules[rule.id]?.values[parameter.name]
            result[parameter.name] = written.flatMap { typed($0, parameter.kind) }
                ?? parameter.kind.value(parameter.defaultValue)
        }
        return result
    }

    static func typed(_ written: ParameterSetting, _ kind: ParameterKind) -> ParameterValue? {
        switch written.value {
        case let .text(text): kind.value(text)
        case let .list(items): kind.value(items)
        }
    }
}
