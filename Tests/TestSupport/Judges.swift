import Foundation
import ShipshapeRender
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
        /// The `FAIL judge file` lines.
        public var failures: [String] { lines.filter { $0.hasPrefix("FAIL") } }
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

    /// The one command that installs the judges (and the SARIF schema) on this machine.
    public static let installCommand =
        "sudo bash ../shared/judges/judges-install.sh && ./scripts/sarif-schema   (or set SHIPSHAPE_SHARED)"

    /// For `@Test(.enabled(if: Judges.enabled, Judges.skipReason))`: a test that needs the judges
    /// shows as skipped, with the install command, on a machine where they were never installed.
    /// In CI (CI=true) it runs, and `Judges.require()` fails it.
    public static var enabled: Bool {
        installed || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    public static let skipReason: Comment =
        "needs the judges (nginx -t, systemd-analyze, kubernetes-validate, ...): \(installCommand)"

    /// At the start of a test gated by `enabled`: fails the test when the judges are missing in CI.
    public static func require(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(installed, "the judges are not installed: \(installCommand) (CI must install them)",
                     sourceLocation: sourceLocation)
    }

    /// For a test whose first part needs no judges: after that part, cancels the test (Swift
    /// Testing reports it skipped, with the install command) when the judges are missing, and
    /// fails it in CI.
    public static func requireOrSkip(sourceLocation: SourceLocation = #_sourceLocation) throws {
        if installed { return }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            try require(sourceLocation: sourceLocation)
        }
        try Test.cancel("judges not installed, judged part skipped: \(installCommand)", sourceLocation: sourceLocation)
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

    /// The judges over rendered files, written to a temporary folder for the run.
    public static func run(_ files: [RenderedFile], environment: [String: String] = [:]) throws -> Verdict {
        let folder = try Rendering.write(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try run(folder.path, environment: environment)
    }
}
