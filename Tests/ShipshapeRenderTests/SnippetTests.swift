import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

/// Tests/Fixtures/snippets/<target>/<feature>.yaml: one feature of one target per file, with its
/// input and the output it must render side by side (after swift-openapi-generator's snippet tests).
///
/// A snippet file is a complete, minimal stack.yaml followed by one or more blocks:
///
///     # --- expect kubernetes db.yaml (environment: production)
///     #   volumeClaimTemplates:
///     #     - metadata:
///     # --- expect-absent kubernetes db.yaml (environment: production)
///     # kind: Deployment
///
/// Each block names a target, a file of that target and an environment; the rendered file is
/// `<environment>/<target>/<file>`. Block lines are comment lines: `# ` is removed (`#` alone
/// is an empty line); blank lines are ignored. An `expect` block's lines must appear verbatim,
/// contiguous and in order in the file (indentation included). Each line of an `expect-absent`
/// block, trimmed, must occur nowhere in the file. The stack is everything before the first block.
///
/// To add one: write the stack, `shipshape render DIR --out DIR/out`, read the output critically,
/// and copy the lines that show the feature under a marker.
@Suite struct SnippetTests {
    static let folder = "Tests/Fixtures/snippets"

    /// `<target>/<feature>.yaml`, sorted.
    static let names: [String] = Repository.allFiles(in: folder, withExtension: "yaml")

    @Test(arguments: names)
    func snippetRendersItsFragments(_ name: String) throws {
        let snippet = try SnippetFile.load(name)
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try snippet.stack.write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let project = try Project.load(work.path)
        var rendered: [String: [RenderedFile]] = [:]
        for expectation in snippet.expectations {
            let location = snippet.location(expectation.line)
            let environment = expectation.environment
            if rendered[environment] == nil {
                rendered[environment] = try Rendering.files(project.resolve(environment))
            }
            let files = rendered[environment] ?? []
            let path = "\(environment)/\(expectation.target)/\(expectation.file)"
            guard let file = files.first(where: { $0.path == path }) else {
                let paths = files.map(\.path).joined(separator: "\n  ")
                Issue.record("\(name): \(path) was not rendered; rendered:\n  \(paths)", sourceLocation: location)
                continue
            }
            switch expectation.kind {
            case .present:
                if let failure = SnippetFile.mismatch(expectation.lines, in: file.contents) {
                    Issue.record("""
                        \(name): the fragment is not in \(path): \(failure)
                        expected, contiguous:
                        \(expectation.lines.joined(separator: "\n"))
                        actual \(path):
                        \(SnippetFile.numbered(file.contents))
                        """, sourceLocation: location)
                }
            case .absent:
                for line in expectation.lines.map(SnippetFile.trimmed) where !line.isEmpty {
                    if file.contents.contains(line) {
                        Issue.record("""
                            \(name): \(path) contains '\(line)', which must not appear
                            actual \(path):
                            \(SnippetFile.numbered(file.contents))
                            """, sourceLocation: location)
                    }
                }
            }
        }
    }

    @Test func everySnippetHasAnExpectationAndEveryTargetEightSnippets() throws {
        var counts: [String: Int] = [:]
        for name in Self.names {
            let target = String(name.split(separator: "/").first ?? "")
            #expect(Target(rawValue: target) != nil && name.split(separator: "/").count == 2,
                    "\(name): snippets live in \(Self.folder)/<target>/<feature>.yaml")
            counts[target, default: 0] += 1
            let snippet = try SnippetFile.load(name)
            #expect(snippet.expectations.contains { $0.kind == .present },
                    "\(name): no '# --- expect' block", sourceLocation: snippet.location(1))
            #expect(snippet.expectations.contains { $0.target == target },
                    "\(name): no block for its folder's target \(target)", sourceLocation: snippet.location(1))
            for expectation in snippet.expectations {
                #expect(!expectation.lines.allSatisfy { SnippetFile.trimmed($0).isEmpty },
                        "\(name): an empty block", sourceLocation: snippet.location(expectation.line))
            }
        }
        let perTarget = Target.allCases.map { ($0.rawValue, counts[$0.rawValue] ?? 0) }
        print("snippets: " + perTarget.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        for (target, count) in perTarget {
            #expect(count >= 8, "\(target): \(count) snippets, at least 8 wanted")
        }
    }

    @Test func theFormatIsReadAsDocumented() throws {
        let text = """
            # A comment stays in the stack.
            stack: s
            # --- expect compose docker-compose.yml (environment: development)
            #   api:
            #
            #     image: a

            # --- expect-absent compose docker-compose.yml (environment: staging)
            # ports:
            """
        let snippet = try SnippetFile.parse(text, name: "compose/x.yaml")
        #expect(snippet.stack == "# A comment stays in the stack.\nstack: s\n")
        #expect(snippet.expectations.map(\.kind) == [.present, .absent])
        #expect(snippet.expectations.map(\.lines) == [["  api:", "", "    image: a"], ["ports:"]])
        #expect(snippet.expectations.map(\.environment) == ["development", "staging"])
        #expect(snippet.expectations.map(\.line) == [3, 8])
        #expect(SnippetFile.mismatch(["b", "c"], in: "a\nb\nc\n") == nil)
        #expect(SnippetFile.mismatch(["b", "d"], in: "a\nb\nc\n") != nil)
        #expect(SnippetFile.mismatch([" b"], in: "a\nb\n") != nil)  // indentation counts
        #expect(throws: SnippetFile.FormatError.self) {
            try SnippetFile.parse("stack: s\n# --- expect compose\n# x\n", name: "compose/y.yaml")
        }
        #expect(throws: SnippetFile.FormatError.self) {
            let text = "stack: s\n# --- expect nginx s.conf (environment: production)\nx: 1\n"
            try SnippetFile.parse(text, name: "nginx/z.yaml")
        }
    }
}

/// One snippet file: the stack and its expectations.
struct SnippetFile: Sendable {
    struct Expectation: Sendable {
        enum Kind: Sendable, Equatable { case present, absent }
        var kind: Kind
        var target: String
        var file: String
        var environment: String
        /// The block's lines with `# ` removed.
        var lines: [String]
        /// The marker's line in the snippet file (1-based).
        var line: Int
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    var name: String
    var stack: String
    var expectations: [Expectation]

    static func load(_ name: String) throws -> SnippetFile {
        let path = Repository.path("\(SnippetTests.folder)/\(name)")
        return try parse(String(contentsOfFile: path, encoding: .utf8), name: name)
    }

    static func parse(_ text: String, name: String) throws -> SnippetFile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var stack: [String] = []
        var expectations: [Expectation] = []
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.hasPrefix("# ---") {
                expectations.append(try marker(line, line: number, name: name))
            } else if expectations.isEmpty {
                stack.append(line)
            } else if trimmed(line).isEmpty {
                continue
            } else if line == "#" {
                expectations[expectations.count - 1].lines.append("")
            } else if line.hasPrefix("# ") {
                expectations[expectations.count - 1].lines.append(String(line.dropFirst(2)))
            } else {
                throw FormatError(description: "\(name):\(number): a block line must start with '# ' (or be '#')")
            }
        }
        while stack.last.map(trimmed)?.isEmpty == true { stack.removeLast() }
        return SnippetFile(name: name, stack: stack.joined(separator: "\n") + "\n", expectations: expectations)
    }

    /// `# --- expect TARGET FILE (environment: ENV)` or `# --- expect-absent ...`.
    static func marker(_ text: String, line: Int, name: String) throws -> Expectation {
        let usage = "\(name):\(line): write '# --- expect[-absent] TARGET FILE (environment: ENV)'"
        let parts = text.dropFirst(6).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 5, ["expect", "expect-absent"].contains(parts[0]), parts[3] == "(environment:",
              parts[4].hasSuffix(")"), Target(rawValue: parts[1]) != nil
        else { throw FormatError(description: usage) }
        return Expectation(kind: parts[0] == "expect" ? .present : .absent, target: parts[1], file: parts[2],
                           environment: String(parts[4].dropLast()), lines: [], line: line)
    }

    /// Nil when `fragment` is a run of contiguous lines of `contents`; else what went wrong, naming
    /// the longest partial match.
    static func mismatch(_ fragment: [String], in contents: String) -> String? {
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !fragment.isEmpty, fragment.count <= lines.count else { return "the fragment is empty or too long" }
        var best = (start: -1, length: 0)
        for start in 0...(lines.count - fragment.count) {
            var length = 0
            while length < fragment.count, lines[start + length] == fragment[length] { length += 1 }
            if length == fragment.count { return nil }
            if length > best.length { best = (start, length) }
        }
        if best.start < 0 { return "its first line '\(fragment[0])' is not in the file" }
        let at = best.start + best.length
        return "lines \(best.start + 1)-\(at) match its first \(best.length), then line \(at + 1) is "
            + "'\(lines[at])' where it expects '\(fragment[best.length])'"
    }

    static func trimmed(_ line: String) -> String {
        line.trimmingCharacters(in: .whitespaces)
    }

    static func numbered(_ contents: String) -> String {
        contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { line in
                let number = "\(line.offset + 1)"
                return String(repeating: " ", count: max(0, 4 - number.count)) + number + "  " + line.element
            }
            .joined(separator: "\n")
    }

    /// A source location in the snippet file, so failures point at the block.
    func location(_ line: Int) -> Testing.SourceLocation {
        Testing.SourceLocation(fileID: "Snippets/\(name)", filePath: Repository.path("\(SnippetTests.folder)/\(name)"),
                       line: line, column: 1)
    }
}
