import ShipshapeModel
import ShipshapePolicy

/// `validate`'s text report, worded for files: grouped by file and object (`Deployment/shop/api`,
/// `services.api`, `server example.com location /api`, `api.service`), then the exemptions, the
/// summary and the `validate` rules that did not apply.
public enum LintTextReporter {
    public static func render(_ report: LintReport, color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        let active = report.findings.filter { $0.suppression == nil }
        var files: [String] = []
        var byFile: [String: [Finding]] = [:]
        for finding in active {
            if byFile[finding.environment] == nil { files.append(finding.environment) }
            byFile[finding.environment, default: []].append(finding)
        }
        for file in files {
            out += paint(file, "1") + "\n"
            var objects: [String] = []
            var byObject: [String: [Finding]] = [:]
            for finding in byFile[file] ?? [] {
                let object = finding.service ?? ""
                if byObject[object] == nil { objects.append(object) }
                byObject[object, default: []].append(finding)
            }
            for object in objects {
                out += "  " + (object.isEmpty ? "file" : object) + "\n"
                for f in byObject[object] ?? [] {
                    let code = f.severity == .error ? "31" : f.severity == .warning ? "33" : "36"
                    out += "    \(f.location.map { "\($0): " } ?? "")\(paint(f.severity.rawValue, code)): "
                        + "\(f.message) (\(f.rule))\n"
                    if let artifact = f.artifact, artifact != object { out += "      at: \(artifact)\n" }
                    out += "      fix: \(f.remediation)\n"
                }
            }
        }
        let ignored = report.findings.filter { $0.suppression != nil }
        if !ignored.isEmpty {
            out += "ignored\n"
            for f in ignored {
                let place = f.location.map { "\($0): " } ?? ""
                out += "  \(place)\(f.rule) [\(f.service ?? "file")]: \(f.suppression ?? "")\n"
            }
        }
        out += Reporters.summary(report.findings) + "\n"
        if !report.notApplied.isEmpty {
            out += "not checked in files (facts only a stack has, or not linted yet): "
                + report.notApplied.joined(separator: ", ") + "\n"
        }
        return out
    }
}
