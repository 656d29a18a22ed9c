import Foundation
import Testing

/// The third-party checkers in ../shared/judges (nginx -t, systemd-analyze, kubernetes-validate,
/// compose schema, checkov...), run over a folder of rendered files.
public enum Judges {
    public struct Verdict: Sendable {
        public var passed: Int
        public var failed: Int
        /// `PASS|FAIL judge file` lines.
        public var lines: [String]
        /// Failure details.
        public var details: String
    }

    /// judge.sh: `$SHIPSHAPE_SHARED/judges/judge.sh`, else `../shared/judges/judge.sh` beside
    /// the repository.
    public static var script: String? {
        let shared = ProcessInfo.processInfo.environment["SHIPSHAPE_SHARED"]
            ?? Repository.root.deletingLastPathComponent().appendingPathComponent("shared").path
        let path = (shared as NSString).appendingPathComponent("judges/judge.sh")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// True when judges-install.sh has run on this machine.
    public static var installed: Bool {
        let home = ProcessInfo.processInfo.environment["JUDGES_HOME"] ?? "/opt/judges"
        return script != nil && FileManager.default.fileExists(atPath: "\(home)/k8s/bin/kubernetes-validate")
    }

    /// Whether a test that needs the judges may run. In CI (CI=true) a missing judge is a
    /// failure; on a machine where they were never installed the test is skipped with a notice.
    public static func available(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if installed { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("the judges are not installed: run ../shared/judges/judges-install.sh (CI must install them)",
                         sourceLocation: sourceLocation)
        } else {
            print("notice: judges not installed on this machine; skipping (run ../shared/judges/judges-install.sh)")
        }
        return false
    }

    /// Runs judge.sh over `folder` with extra settings (e.g. `JUDGE_SKIP`).
    public static func run(_ folder: String, environment: [String: String] = [:]) throws -> Verdict {
        guard let script else { throw CocoaError(.fileNoSuchFile) }
        let result = try Processes.run("/bin/bash", [script, folder], environment: environment)
        let text = result.stdout
        let lines = text.split(separator: "\n").map(String.init)
        let summary = lines.last { $0.hasPrefix("judges:") } ?? ""
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return Verdict(passed: numbers.first ?? 0, failed: numbers.count > 1 ? numbers[1] : (summary.isEmpty ? 1 : 0),
                       lines: lines.filter { $0.hasPrefix("PASS") || $0.hasPrefix("FAIL") },
                       details: result.stderr)
    }
}
