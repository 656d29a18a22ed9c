import Foundation
import Testing
import TestSupport

/// Error output stays bounded whatever the input: a stack that names a long unknown service
/// thousands of times once took 241 CPU-seconds, 1.3 GB and printed 216 MB (every error listed
/// every service and computed an edit distance against each).
@Suite struct ErrorBoundTests {
    @Test func thousandsOfUnknownReferencesFailFastWithBoundedOutput() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let unknown = String(repeating: "ghost-service-", count: 200) + "x"
        var text = "stack: bound\nservices:\n"
        for index in 0..<3_000 {
            text += "  svc\(index): {image: \"demo/svc:1\", dependsOn: [\(unknown)]}\n"
        }
        try text.write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let started = Date()
        let result = try Shipshape.run(["validate", work.path, "--env", "production"])
        let seconds = Date().timeIntervalSince(started)
        #expect(result.exitCode == 2)
        #expect(result.stderr.utf8.count < 200_000, "\(result.stderr.utf8.count) bytes of errors")
        #expect(result.stderr.contains("... and "), "the rest is counted, not printed")
        #expect(seconds < 60, "took \(seconds) s")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.utf8.count < 2_000, "an error line of \(first.utf8.count) bytes")
        print(
            "3,000 unknown references: \(String(format: "%.1f", seconds)) s, \(result.stderr.utf8.count) bytes "
                + "of errors"
        )
    }
}
