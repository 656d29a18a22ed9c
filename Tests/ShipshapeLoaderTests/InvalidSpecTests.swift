import Foundation
import ShipshapeLoader
import ShipshapeModel
import Testing
import TestSupport

/// Every file in Tests/Fixtures/invalid/ states the diagnostic it must produce on its first
/// line (`# expect: LINE:COLUMN message`, optionally `# hint: ...` on the second); files that
/// cannot hold a comment are listed here.
@Suite struct InvalidSpecTests {
    static let folder = "Tests/Fixtures/invalid"

    static let uncommented: [String: String] = [
        "empty.yaml": "1:1 the file is empty",
        "non-utf8.yaml": "4:16 byte 0xE9 is not UTF-8",
        "nul-byte.yaml": "4:13 YAML syntax error: control characters are not allowed",
    ]

    struct Expectation: CustomStringConvertible {
        var file: String
        var line: Int
        var column: Int
        var message: String
        var hint: String?
        var description: String { file }
    }

    static var cases: [Expectation] {
        Repository.files(in: folder, withExtension: "yaml").map { file in
            let data = (try? Data(contentsOf: URL(fileURLWithPath: Repository.path("\(folder)/\(file)")))) ?? Data()
            let lines = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "")
                .replacingOccurrences(of: "\r", with: "").split(separator: "\n", omittingEmptySubsequences: false)
            let spec = uncommented[file] ?? lines.first.map { String($0.dropFirst("# expect: ".count)) } ?? ""
            let location = spec.prefix { $0 != " " }.split(separator: ":").compactMap { Int($0) }
            let hint =
                lines.count > 1 && lines[1].hasPrefix("# hint: ") ? String(lines[1].dropFirst("# hint: ".count)) : nil
            return Expectation(
                file: file, line: location.first ?? 0, column: location.last ?? 0,
                message: String(spec.drop { $0 != " " }.dropFirst()), hint: hint)
        }
    }

    @Test func thereAreAtLeastThirtyCases() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func producesTheLocatedDiagnostic(_ expectation: Expectation) {
        let path = Repository.path("\(Self.folder)/\(expectation.file)")
        let found = diagnostics { _ = try Project.load(path).resolve("production") }
        let match = found.first {
            $0.location?.file == path && $0.location?.line == expectation.line
                && $0.location?.column == expectation.column
        }
        #expect(
            match != nil, "no diagnostic at \(expectation.line):\(expectation.column); got \(found.map(\.description))")
        #expect(
            match.map { "\($0.message)".hasPrefix(expectation.message) || $0.description.contains(expectation.message) }
                == true,
            "\(found.map(\.description))")
        if let hint = expectation.hint {
            #expect(match?.hint == hint)
        }
    }
}
