import ShipshapeModel

/// JUnit XML: one test suite per environment, one failing test case per finding (suppressed
/// ones skipped with their reason), a passing case when an environment has none.
enum JUnitReporter {
    static func render(_ findings: [Finding]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let environments = Reporters.grouped(findings, by: \.environment)
        let unsuppressed = findings.filter { $0.suppression == nil }.count
        out += "<testsuites name=\"shipshape validate\" tests=\"\(max(findings.count, 1))\""
            + " failures=\"\(unsuppressed)\">\n"
        if environments.isEmpty {
            out += "  <testsuite name=\"policy\" tests=\"1\" failures=\"0\" skipped=\"0\">\n"
                + "    <testcase classname=\"policy\" name=\"all rules\"/>\n  </testsuite>\n"
        }
        for (environment, cases) in environments {
            let failures = cases.filter { $0.suppression == nil }.count
            out += "  <testsuite name=\"\(xml(environment))\" tests=\"\(cases.count)\" failures=\"\(failures)\""
                + " skipped=\"\(cases.count - failures)\">\n"
            for f in cases {
                let name = xml("\(f.rule) \(f.location.map { "\($0)" } ?? "")")
                let classname = xml("\(environment).\(f.service ?? "stack")")
                out += "    <testcase classname=\"\(classname)\" name=\"\(name)\">\n"
                if let reason = f.suppression {
                    out += "      <skipped message=\"\(xml(reason))\"/>\n"
                } else {
                    out += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(xml(f.message))\">"
                        + "\(xml(f.remediation))</failure>\n"
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
                if scalar.value < 0x20, scalar != "\n", scalar != "\t" {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
