import Foundation
import ShipshapeModel
import ShipshapeRender

/// A value read from an input file (a compose file, a manifest) with where it starts, so every
/// key that does not carry over can be reported at its `file:line:column`.
public struct SourceNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case string(String)
        case map([(key: String, value: SourceNode)])
        case list([SourceNode])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The documents of a YAML file, each with the location of every value.
    public static func documents(_ text: String, file: String) throws -> [SourceNode] {
        try DocReader.documents(text, file: file).map { document in
            var path: [DocReader.PathComponent] = []
            return build(document.root, document, &path, fallback: .start(of: file))
        }
    }

    static func build(
        _ node: DocNode, _ document: DocReader.Document, _ path: inout [DocReader.PathComponent],
        fallback: SourceLocation
    ) -> SourceNode {
        let location = document.location(of: path) ?? fallback
        switch node.uncommented {
        case .null: return SourceNode(.null, at: location)
        case .bool(let b): return SourceNode(.bool(b), at: location)
        case .int(let i): return SourceNode(.int(i), at: location)
        case .string(let s): return SourceNode(.string(s), at: location)
        case .list(let items):
            var result: [SourceNode] = []
            for (index, item) in items.enumerated() {
                path.append(.index(index))
                result.append(build(item, document, &path, fallback: location))
                path.removeLast()
            }
            return SourceNode(.list(result), at: location)
        case .map(let members):
            var result: [(key: String, value: SourceNode)] = []
            for member in members {
                path.append(.key(member.key))
                result.append((member.key, build(member.value, document, &path, fallback: location)))
                path.removeLast()
            }
            return SourceNode(.map(result), at: location)
        default: return SourceNode(.null, at: location)
        }
    }

    // MARK: reading

    public subscript(_ key: String) -> SourceNode? {
        if case .map(let members) = value { return members.last { $0.key == key }?.value }
        return nil
    }

    public var members: [(key: String, value: SourceNode)]? {
        if case .map(let members) = value { return members }
        return nil
    }

    public var items: [SourceNode]? {
        if case .list(let items) = value { return items }
        return nil
    }

    /// A scalar's text (`8000`, `true`, `nginx`); nil for null, lists and maps.
    public var text: String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    public var int: Int? {
        switch value {
        case .int(let i): i
        case .string(let s): Int(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    public var bool: Bool? {
        switch value {
        case .bool(let b): b
        case .string(let s):
            ["true", "yes", "on"].contains(s.lowercased())
                ? true
                : (["false", "no", "off"].contains(s.lowercased()) ? false : nil)
        default: nil
        }
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// A list of scalars, or one scalar as a list of one.
    public var strings: [String]? {
        if let items { return items.compactMap(\.text) }
        return text.map { [$0] }
    }

    /// The same value with every string changed.
    public func mapStrings(_ transform: (String, SourceLocation) -> String) -> SourceNode {
        switch value {
        case .string(let s): return SourceNode(.string(transform(s, location)), at: location)
        case .list(let items): return SourceNode(.list(items.map { $0.mapStrings(transform) }), at: location)
        case .map(let members):
            return SourceNode(.map(members.map { ($0.key, $0.value.mapStrings(transform)) }), at: location)
        default: return self
        }
    }
}

extension String {
    /// Words as a POSIX shell would split them (quotes and backslashes), without expansion;
    /// how compose reads a `command:` given as one string.
    var shellWords: [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in self {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { current.append(c) }
                continue
            }
            if c == "\\" {
                escaped = true
                inWord = true
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                inWord = true
                continue
            }
            if c == " " || c == "\t" || c == "\n" {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
                continue
            }
            current.append(c)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }
}
