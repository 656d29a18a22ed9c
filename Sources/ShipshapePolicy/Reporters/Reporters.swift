import ShipshapeModel
import ShipshapeRender

/// Output formats of `shipshape validate`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, github
}

public enum Reporters {
    public static func render(_ findings: [Finding], format: ReportFormat, rules: [any Rule] = Rules.all,
                              color: Bool = false) -> String {
        switch format {
        case .text: TextReporter.render(findings, color: color)
        case .json: JSONEmitter.emit(JSONReporter.document(findings))
        case .sarif: JSONEmitter.emit(SARIFReporter.document(findings, rules: rules))
        case .junit: JUnitReporter.render(findings)
        case .github: GitHubReporter.render(findings)
        }
    }

    /// `2 errors, 1 warning, 0 notes (3 ignored)`.
    public static func summary(_ findings: [Finding]) -> String {
        let active = findings.filter { $0.suppression == nil }
        func count(_ severity: Severity, _ word: String) -> String {
            let n = active.filter { $0.severity == severity }.count
            return "\(n) \(word)\(n == 1 ? "" : "s")"
        }
        let ignored = findings.count - active.count
        return "\(count(.error, "error")), \(count(.warning, "warning")), \(count(.note, "note"))"
            + (ignored > 0 ? " (\(ignored) ignored)" : "")
    }

    /// Findings grouped by `key`, groups in the order their first finding appears.
    static func grouped(_ findings: [Finding], by key: (Finding) -> String) -> [(String, [Finding])] {
        var index: [String: Int] = [:]
        var groups: [(String, [Finding])] = []
        for finding in findings {
            let k = key(finding)
            if let i = index[k] {
                groups[i].1.append(finding)
            } else {
                index[k] = groups.count
                groups.append((k, [finding]))
            }
        }
        return groups
    }
}
