import ShipshapeModel

/// For people: grouped by environment and service, `file:line:column: severity: message (rule)`.
enum TextReporter {
    static func render(_ findings: [Finding], color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        // Room for every finding's three lines at once, each piece appended where it lies: a
        // line made whole first and then appended cost twice the bytes copied.
        out.reserveCapacity(findings.count * 256)
        let active = findings.filter { $0.suppression == nil }
        for (environment, inEnvironment) in Reporters.grouped(active, by: \.environment) {
            out += paint("\(environment)", "1") + "\n"
            for (service, inService) in Reporters.grouped(inEnvironment, by: { $0.service ?? "" }) {
                out += "  " + (service.isEmpty ? "stack" : "service \(service)") + "\n"
                for f in inService {
                    let code = f.severity == .error ? "31" : f.severity == .warning ? "33" : "36"
                    let severity = paint(f.severity.rawValue, code)
                    out += "    "
                    if let location = f.location {
                        out += location.description
                        out += ": "
                    }
                    out += severity
                    out += ": "
                    out += f.message
                    out += " ("
                    out += f.rule
                    out += ")\n"
                    if let artifact = f.artifact {
                        out += "      shows in: "
                        out += artifact
                        out += "\n"
                    }
                    out += "      fix: "
                    out += f.remediation
                    out += "\n"
                }
            }
        }
        let ignored = findings.filter { $0.suppression != nil }
        if !ignored.isEmpty {
            out += "ignored\n"
            for f in ignored {
                let place = f.location.map { "\($0): " } ?? ""
                let scope = f.environment + (f.service.map { ", \($0)" } ?? "")
                out += "  \(place)\(f.rule) [\(scope)]: \(f.suppression ?? "")\n"
            }
        }
        return out + Reporters.summary(findings) + "\n"
    }
}
