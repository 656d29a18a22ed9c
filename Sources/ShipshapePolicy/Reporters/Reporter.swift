import Foundation
import ShipshapeModel
import ShipshapeRender

/// Output formats of `shipshape validate`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, github
}

public enum Reporters {
    public static func render(_ findings: [Finding], format: ReportFormat, rules: [any Rule] = Rules.all, color: Bool = false) -> String {
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
        return "\(count(.error, "error")), \(count(.warning, "warning")), \(count(.note, "note"))" + (ignored > 0 ? " (\(ignored) ignored)" : "")
    }
}

/// For people: grouped by environment and service, `file:line:column: severity: message (rule)`.
enum TextReporter {
    static func render(_ findings: [Finding], color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        let active = findings.filter { $0.suppression == nil }
        for (environment, inEnvironment) in grouped(active, by: \.environment) {
            out += paint("\(environment)", "1") + "\n"
            for (service, inService) in grouped(inEnvironment, by: { $0.service ?? "" }) {
                out += "  " + (service.isEmpty ? "stack" : "service \(service)") + "\n"
                for f in inService {
                    let severity = paint(f.severity.rawValue, f.severity == .error ? "31" : f.severity == .warning ? "33" : "36")
                    out += "    \(f.location.map { "\($0): " } ?? "")\(severity): \(f.message) (\(f.rule))\n"
                    if let artifact = f.artifact { out += "      shows in: \(artifact)\n" }
                    out += "      fix: \(f.remediation)\n"
                }
            }
        }
        let ignored = findings.filter { $0.suppression != nil }
        if !ignored.isEmpty {
            out += "ignored\n"
            for f in ignored {
                out += "  \(f.location.map { "\($0): " } ?? "")\(f.rule) [\(f.environment)\(f.service.map { ", \($0)" } ?? "")]: \(f.suppression ?? "")\n"
            }
        }
        return out + Reporters.summary(findings) + "\n"
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

/// SARIF 2.1.0, with rule metadata (and equivalents in other tools) and suppressions.
enum SARIFReporter {
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func document(_ findings: [Finding], rules: [any Rule]) -> DocNode {
        let descriptions = rules.map(\.description)
        let index = Dictionary(uniqueKeysWithValues: descriptions.enumerated().map { ($1.id, $0) })
        let driverRules: [DocNode] = descriptions.map { d in
            .map([
                ("id", .string(d.id)),
                ("name", .string(d.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())),
                ("shortDescription", .map([("text", .string(d.summary))])),
                ("fullDescription", .map([("text", .string(d.rationale))])),
                ("help", .map([("text", .string(d.remediation))])),
                ("defaultConfiguration", .map([("level", .string(level(d.defaultSeverity)))])),
                ("properties", .map([("category", .string(d.category.rawValue)), ("equivalents", .list(d.equivalents.map(DocNode.string)))])),
            ])
        }
        let results: [DocNode] = findings.map { f in
            var m = DocMap()
            m.set("ruleId", f.rule)
            m.set("ruleIndex", index[f.rule])
            m.set("level", level(f.severity))
            m.set("message", DocNode.map([("text", .string(f.message))]))
            if let location = f.location {
                m.set("locations", DocNode.list([.map([("physicalLocation", .map([
                    ("artifactLocation", .map([("uri", .string(location.file))])),
                    ("region", .map([("startLine", .int(location.line)), ("startColumn", .int(location.column))])),
                ]))])]))
            }
            if let reason = f.suppression {
                m.set("suppressions", DocNode.list([.map([("kind", .string("inSource")), ("justification", .string(reason))])]))
            }
            m.set("properties", DocNode.map([("environment", .string(f.environment))] + (f.artifact.map { [("artifact", DocNode.string($0))] } ?? [])))
            return m.node
        }
        return .map([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .list([.map([
                ("tool", .map([("driver", .map([
                    ("name", .string("shipshape")), ("informationUri", .string("https://github.com/shipshape/shipshape")),
                    ("semanticVersion", .string("0.1.0")), ("rules", .list(driverRules)),
                ]))])),
                ("results", .list(results)),
            ])])),
        ])
    }
}

/// JUnit XML: one test suite per environment, one failing test case per finding (suppressed
/// ones skipped with their reason), a passing case when an environment has none.
enum JUnitReporter {
    static func render(_ findings: [Finding]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let environments = TextReporter.grouped(findings, by: \.environment)
        out += "<testsuites name=\"shipshape validate\" tests=\"\(max(findings.count, 1))\" failures=\"\(findings.filter { $0.suppression == nil }.count)\">\n"
        if environments.isEmpty {
            out += "  <testsuite name=\"policy\" tests=\"1\" failures=\"0\" skipped=\"0\">\n    <testcase classname=\"policy\" name=\"all rules\"/>\n  </testsuite>\n"
        }
        for (environment, cases) in environments {
            let failures = cases.filter { $0.suppression == nil }.count
            out += "  <testsuite name=\"\(xml(environment))\" tests=\"\(cases.count)\" failures=\"\(failures)\" skipped=\"\(cases.count - failures)\">\n"
            for f in cases {
                let name = xml("\(f.rule) \(f.location.map { "\($0)" } ?? "")")
                out += "    <testcase classname=\"\(xml("\(environment).\(f.service ?? "stack")"))\" name=\"\(name)\">\n"
                if let reason = f.suppression {
                    out += "      <skipped message=\"\(xml(reason))\"/>\n"
                } else {
                    out += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(xml(f.message))\">\(xml(f.remediation))</failure>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if scalar.value < 0x20, scalar != "\n", scalar != "\t" { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

/// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=RULE::message`.
enum GitHubReporter {
    static func render(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings where f.suppression == nil {
            let command = f.severity == .error ? "error" : f.severity == .warning ? "warning" : "notice"
            var properties: [String] = []
            if let location = f.location {
                properties += ["file=\(property(location.file))", "line=\(location.line)", "col=\(location.column)"]
            }
            properties.append("title=\(property("\(f.rule) (\(f.environment))"))")
            out += "::\(command) \(properties.joined(separator: ","))::\(message(f.message + " — " + f.remediation))\n"
        }
        return out + Reporters.summary(findings) + "\n"
    }

    static func message(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        message(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
