import Foundation
import ShipshapeModel

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
            let text = message(f.message + " — " + f.remediation)
            out += "::\(command) \(properties.joined(separator: ","))::\(text)\n"
        }
        return out + Reporters.summary(findings) + "\n"
    }

    static func message(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        message(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
