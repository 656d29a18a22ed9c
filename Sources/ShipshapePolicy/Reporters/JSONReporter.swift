import ShipshapeModel
import ShipshapeRender

/// For tools. Shape: `{"version", "summary": {"errors", "warnings", "notes", "ignored"},
/// "findings": [{"rule", "severity", "message", "file", "line", "column", "environment",
/// "service", "artifact", "remediation", "suppressed"}]}`; absent values are left out.
enum JSONReporter {
    static func document(_ findings: [Finding]) -> DocNode {
        let active = findings.filter { $0.suppression == nil }
        return .map([
            ("version", .string("1")),
            ("summary", .map([
                ("errors", .int(active.filter { $0.severity == .error }.count)),
                ("warnings", .int(active.filter { $0.severity == .warning }.count)),
                ("notes", .int(active.filter { $0.severity == .note }.count)),
                ("ignored", .int(findings.count - active.count)),
            ])),
            ("findings", .list(findings.map { f in
                var m = DocMap()
                m.set("rule", f.rule)
                m.set("severity", f.severity.rawValue)
                m.set("message", f.message)
                m.set("file", f.location?.file)
                m.set("line", f.location?.line)
                m.set("column", f.location?.column)
                m.set("environment", f.environment)
                m.set("service", f.service)
                m.set("artifact", f.artifact)
                m.set("remediation", f.remediation)
                m.set("suppressed", f.suppression)
                return m.node
            })),
        ])
    }
}
