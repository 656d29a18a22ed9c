/// The rule reference (docs/POLICY.md and `shipshape explain`), printed from the rules' own
/// descriptions.
public enum RuleDocs {
    public static func explain(_ d: RuleDescription) -> String {
        var out = "\(d.id) (\(d.category.rawValue), default \(d.defaultSeverity.rawValue))\n\n\(d.summary)\n\n"
            + "Why: \(d.rationale)\n\nFix: \(d.remediation)\n"
        if !d.targets.isEmpty { out += "\nApplies to: \(d.targets.map(\.rawValue).joined(separator: ", "))\n" }
        if !d.parameters.isEmpty {
            out += "\nThresholds:\n" + d.parameters.map { p in
                "  \(p.name) (\(p.kind.summary); default \(p.defaultValue)): \(p.doc)\n"
            }.joined()
        }
        out += "\nEquivalents: \(d.equivalents.joined(separator: "; "))\n"
        if !d.fields.isEmpty { out += "\n\(optOutNote(d))\n" }
        for (title, examples) in [("Triggers", d.triggering), ("Does not trigger", d.nonTriggering)] {
            for example in examples {
                let indented = example.yaml.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
                out += "\n\(title) (\(example.environment)):\n" + indented + "\n"
            }
        }
        return out
    }

    static func optOutNote(_ d: RuleDescription) -> String {
        "judges " + d.fields.map { "`\($0)`" }.joined(separator: ", ") + ": a service that declines the profile's "
            + "default for it (`optOut: [{field, reason}]`) has this rule's findings exempted with that reason."
    }

    public static var table: String {
        let rows = Rules.all.map(\.description).map { d in
            (d.id, d.defaultSeverity.rawValue, d.category.rawValue, d.summary)
        }
        let width = rows.map(\.0.count).max() ?? 10
        return rows.map { id, severity, category, summary in
            id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + severity.padding(toLength: 9, withPad: " ", startingAt: 0)
                + category.padding(toLength: 13, withPad: " ", startingAt: 0) + summary
        }.joined(separator: "\n") + "\n"
    }

    public static var markdown: String {
        var out = "| rule | default | applies to | summary |\n| --- | --- | --- | --- |\n"
        for d in Rules.all.map(\.description) {
            let targets = d.targets.isEmpty ? "all" : d.targets.map(\.rawValue).joined(separator: ", ")
            let summary = d.summary.replacingOccurrences(of: "|", with: "\\|")
            out += "| [`\(d.id)`](#\(d.id)) | \(d.defaultSeverity.rawValue) | \(targets) | \(summary) |\n"
        }
        for d in Rules.all.map(\.description) {
            out += "\n### \(d.id)\n\n\(d.summary)\n\n- **Why**: \(d.rationale)\n- **Fix**: \(d.remediation)\n"
                + "- **Default severity**: \(d.defaultSeverity.rawValue)"
            out += "\n- **Category**: \(d.category.rawValue)\n"
                + "- **Equivalents**: \(d.equivalents.joined(separator: "; "))\n"
            if !d.fields.isEmpty { out += "- **Opt-out**: \(optOutNote(d))\n" }
            for p in d.parameters {
                out += "- **Threshold `\(p.name)`** (\(p.kind.summary); default `\(p.defaultValue)`): \(p.doc)\n"
            }
            if let example = d.triggering.first {
                out += "\nTriggers (`↓` marks where the finding points, environment \(example.environment)):\n\n"
                    + "```yaml\n\(example.yaml.trimmingCharacters(in: .newlines))\n```\n"
            }
        }
        return out
    }
}
