import Foundation
import Testing
import TestSupport

/// Lines of Swift stay under 120 characters, in Sources and Tests (generated files excepted).
@Suite struct LineLengthTests {
    @Test func noSwiftLineIsLongerThan120Characters() throws {
        var long: [String] = []
        var lines = 0
        for folder in ["Sources", "Tests"] {
            for file in Repository.allFiles(in: folder, withExtension: "swift") where !file.contains(".generated.") {
                let text = try String(contentsOfFile: Repository.path("\(folder)/\(file)"), encoding: .utf8)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    lines += 1
                    if line.count > 120 { long.append("\(folder)/\(file):\(index + 1) (\(line.count))") }
                }
            }
        }
        #expect(lines > 20_000)
        #expect(long.isEmpty, "lines over 120 characters: \(long)")
    }
}
