import Foundation
@testable import ShipshapeLoader
import ShipshapeModel
import Testing
import TestSupport

/// The event reader builds the tree Yams' path builds (values, quoting, nulls, every value's
/// and key's line and column), and leaves to Yams' path what only it handles.
@Suite struct EventReaderTests {
    static let samples: [String] = [
        "a: 1\nb: '2'\nc: \"3\"\nd: ~\ne:\nf: null\ng: Null\nh: NULL\ni: ''\nj: \"null\"\n",
        "list:\n  - x\n  - {y: 1, z: [1, 2, 'three']}\n  -\n  - - nested\n    - again\n",
        "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\nkept: |+\n  x\n\n",
        "# comment\nkey: value # trailing\nunicode: \"caf\\u00e9 \\x41 \\t\"\nplain: café ünï\n",
        "anchor: &a {k: v}\ntagged: !!str 12\nbool: true\nempty: {}\nnone: []\n",
        "crlf: 1\r\nnext: two\r\nlist:\r\n  - a\r\n",
        "---\nexplicit: document\n...\n",
        "\"quoted key\": 1\n'single': 2\n? complex\n: value\n",
    ]

    /// Texts the event reader leaves to Yams' path: an alias, a merge key, a repeated key, a
    /// key that is not text, two documents, a syntax error.
    static let declined: [String] = [
        "a: &x 1\nb: *x\n",
        "base: &b {k: 1}\nderived:\n  <<: *b\n",
        "a: 1\na: 2\n",
        "[1]: 2\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
    ]

    @Test(arguments: samples)
    func sameTreeAsYams(text: String) throws {
        let fast = try #require(EventReader.read(text, file: "s.yaml", layer: .base))
        let slow = try YAMLReader.readThroughYams(text, file: "s.yaml", layer: .base)
        #expect(Self.describe(fast) == Self.describe(slow))
    }

    @Test func sameTreeAsYamsForEveryExample() throws {
        #expect(!Repository.examples.isEmpty)
        for name in Repository.examples {
            let file = Repository.path("examples/\(name)/stack.yaml")
            let text = try String(contentsOfFile: file, encoding: .utf8)
            guard let fast = EventReader.read(text, file: file, layer: .base) else {
                // Only aliases and merge keys send a valid example to Yams' path.
                #expect(text.contains("*") || text.contains("<<"), "\(file)")
                continue
            }
            let slow = try YAMLReader.readThroughYams(text, file: file, layer: .base)
            #expect(Self.describe(fast) == Self.describe(slow), "\(file)")
        }
    }

    @Test(arguments: declined)
    func leavesTheRestToYams(text: String) {
        #expect(EventReader.read(text, file: "s.yaml", layer: .base) == nil)
    }

    /// Every node with its kind, text, quoting, location and key location, one per line.
    static func describe(_ node: SpecNode, indent: String = "") -> String {
        let key = node.keyLocation.map { " key@\($0)" } ?? ""
        let head = "\(indent)@\(node.origin)\(key) "
        switch node.value {
        case .null:
            return head + "null\n"
        case let .scalar(text, quoted):
            return head + "scalar \(quoted ? "quoted" : "plain") \(text.debugDescription)\n"
        case let .sequence(items):
            return head + "sequence\n" + items.map { describe($0, indent: indent + "  ") }.joined()
        case let .mapping(members):
            return head + "mapping\n" + members.map { name, value in
                "\(indent)  \(name.debugDescription):\n" + describe(value, indent: indent + "    ")
            }.joined()
        }
    }
}
