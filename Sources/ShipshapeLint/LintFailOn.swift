import ShipshapeModel
import ShipshapePolicy

/// `--fail-on` of `lint`: `validate`'s levels and `note`. The notes listing files lint did not
/// understand never fail it.
public enum LintFailOn: String, Sendable, CaseIterable {
    case error, warning, note, never

    public func fails(_ findings: [Finding]) -> Bool {
        let active = findings.filter { $0.suppression == nil && $0.rule != Linter.unrecognised }
        switch self {
        case .error: return active.contains { $0.severity == .error }
        case .warning: return active.contains { $0.severity >= .warning }
        case .note: return !active.isEmpty
        case .never: return false
        }
    }
}
