import Foundation
import OrderedCollections
import ShipshapeModel
import Yams

/// Reads one YAML file into a `SpecNode` tree, every value located, every problem a located
/// diagnostic: invalid UTF-8, syntax errors, duplicate keys, non-text keys, nesting too deep,
/// aliases that expand too far ("billion laughs").
public enum YAMLReader {
    /// Deepest nesting accepted. Real specs nest fewer than 12 levels.
    public static let maxDepth = 200
    /// Longest single value accepted, in bytes. Every rendered value must fit the formats that
    /// carry it: a systemd line is at most 1 MiB, a Kubernetes object about 1.5 MB in all.
    public static let maxScalarBytes = 256 * 1024
    /// Values an alias-expanded document may hold beyond its own size: a file of N bytes may
    /// expand to at most max(100,000, 4N) values.
    public static func valueBudget(forBytes count: Int) -> Int { max(100_000, count * 4) }

    /// Parses `data` read from `file`. `layer` is recorded as every value's origin.
    public static func read(_ data: Data, file: String, layer: Layer) throws -> SpecNode {
        let text = try decodeUTF8(data, file: file)
        return try parse(text, file: file, layer: layer)
    }

    public static func parse(_ text: String, file: String, layer: Layer) throws -> SpecNode {
        if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            throw DiagnosticError(.error("the file is empty", at: .start(of: file), expected: "a YAML mapping"))
        }
        // The plain road first: straight from libyaml's events (which keep to `maxDepth` on
        // their own, libyaml's parser holding its state on the heap); anything else through
        // Yams, whose parser recurses: the nesting is bounded first, so a hostile file (a
        // million `[`) cannot exhaust the stack.
        if let tree = EventReader.read(text, file: file, layer: layer) { return tree }
        if let tooDeep = NestingScanner.firstTooDeep(text, limit: maxDepth) {
            throw DiagnosticError(.error(
                "nesting deeper than \(maxDepth) levels",
                at: SourceLocation(file: file, line: tooDeep.line, column: tooDeep.column),
                expected: "a spec nested at most \(maxDepth) levels"))
        }
        return try readThroughYams(text, file: file, layer: layer)
    }

    /// Reads `text` through Yams' node tree: every file the event reader leaves, and every
    /// error's diagnostic.
    static func readThroughYams(_ text: String, file: String, layer: Layer) throws -> SpecNode {
        let root: Node?
        do {
            root = try Parser(yaml: text, resolver: .basic).singleRoot()
        } catch let error as YamlError {
            throw DiagnosticError(diagnostic(for: error, file: file))
        }
        guard let root else {
            throw DiagnosticError(.error("the file is empty", at: .start(of: file), expected: "a YAML mapping"))
        }
        var converter = Converter(start: .start(of: file), layer: layer, budget: valueBudget(forBytes: text.utf8.count))
        return try converter.convert(root, depth: 0)
    }

    /// Decodes UTF-8, or fails at the line and column of the first byte that is not UTF-8.
    static func decodeUTF8(_ data: Data, file: String) throws -> String {
        let bytes = [UInt8](data)
        // Fast path: the standard library's validator; walk the bytes only to locate an error.
        if let text = String(validating: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...],
                             as: UTF8.self) {
            return text
        }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(scalar):
                offset += scalar.count
            case .emptyInput:
                // A byte-order mark says nothing in UTF-8; drop it so columns match what editors show.
                let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
                return String(decoding: body, as: UTF8.self)
            case let .error(length):
                let before = bytes[..<offset]
                let line = before.filter { $0 == 10 }.count + 1
                let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
                let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
                let hex = bytes[offset..<min(offset + length, bytes.count)].map { String(format: "0x%02X", $0) }
                    .joined(separator: " ")
                throw DiagnosticError(.error(
                    "byte \(hex) is not UTF-8", at: SourceLocation(file: file, line: line, column: column),
                    expected: "a UTF-8 text file"))
            }
        }
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return .error(message, at: at(mark), expected: "valid YAML")
        case let .reader(problem, offset, _, yaml):
            let location = offset.map { locate(offset: $0, in: yaml, file: file) } ?? .start(of: file)
            return .error("YAML syntax error: \(problem)", at: location, expected: "valid YAML")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("key \(keys) appears more than once in this mapping", at: at(context.mark),
                          expected: "each key once")
        default:
            return .error("YAML error: \(error)", at: .start(of: file), expected: "valid YAML")
        }
    }

    static func locate(offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1, index = 0
        for scalar in text.unicodeScalars {
            if index >= offset { break }
            index += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// Turns Yams nodes into located `SpecNode`s, expanding merge keys (`<<`) and counting values
/// against the budget so aliases cannot blow up.
private struct Converter {
    /// The start of the file: every location is a place in it.
    let start: SourceLocation
    let layer: Layer
    var budget: Int

    func origin(_ mark: Mark?) -> Origin {
        Origin(start.at(line: max(mark?.line ?? 1, 1), column: max(mark?.column ?? 1, 1)), layer)
    }

    mutating func spend(_ mark: Mark?) throws {
        budget -= 1
        if budget < 0 {
            throw DiagnosticError(.error(
                "aliases expand this document beyond \(YAMLReader.valueBudget(forBytes: 0)) values",
                at: origin(mark).location,
                expected: "aliases that repeat small parts of the file"))
        }
    }

    mutating func convert(_ node: Node, depth: Int, keyLocation: SourceLocation? = nil) throws -> SpecNode {
        try spend(node.mark)
        guard depth <= YAMLReader.maxDepth else {
            throw DiagnosticError(.error("nesting deeper than \(YAMLReader.maxDepth) levels",
                                         at: origin(node.mark).location,
                                         expected: "a spec nested at most \(YAMLReader.maxDepth) levels"))
        }
        switch node {
        case let .scalar(scalar):
            let size = scalar.string.utf8.count
            if size > YAMLReader.maxScalarBytes {
                throw DiagnosticError(.error("a value of \(size / 1024) KiB", at: origin(scalar.mark).location,
                                             expected: "values of at most \(YAMLReader.maxScalarBytes / 1024) KiB "
                                                 + "(mount large content as a file)"))
            }
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return SpecNode(.null, origin: origin(scalar.mark), keyLocation: keyLocation)
            }
            return SpecNode(.scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any),
                            origin: origin(scalar.mark), keyLocation: keyLocation)
        case let .sequence(sequence):
            var items: [SpecNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, depth: depth + 1))
            }
            return SpecNode(.sequence(items), origin: origin(sequence.mark), keyLocation: keyLocation)
        case let .mapping(mapping):
            var members = OrderedDictionary<String, SpecNode>()
            var merged = OrderedDictionary<String, SpecNode>()
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    throw DiagnosticError(.error("a key is \(key.isMapping ? "a mapping" : "a list")",
                                                 at: origin(key.mark).location, expected: "keys that are plain text"))
                }
                let keyLocation = origin(keyScalar.mark).location
                if keyScalar.string == "<<", keyScalar.style == .plain {
                    for source in try mergeSources(value, depth: depth) {
                        for (k, v) in source where merged[k] == nil { merged[k] = v }
                    }
                    continue
                }
                members[keyScalar.string] = try convert(value, depth: depth + 1, keyLocation: keyLocation)
            }
            for (k, v) in merged where members[k] == nil { members[k] = v }
            return SpecNode(.mapping(members), origin: origin(mapping.mark), keyLocation: keyLocation)
        case let .alias(alias):
            throw DiagnosticError(.error("unresolved alias \(alias)", at: origin(alias.mark).location,
                                         expected: "a defined anchor"))
        }
    }

    /// The mappings named by a merge key: `<<: *defaults` or `<<: [*a, *b]`.
    mutating func mergeSources(_ value: Node, depth: Int) throws -> [OrderedDictionary<String, SpecNode>] {
        let nodes: [Node] = value.sequence.map { Array($0) } ?? [value]
        return try nodes.map { node in
            guard case .mapping = node, let members = try convert(node, depth: depth + 1).mapping else {
                throw DiagnosticError(.error("a merge key '<<' needs a mapping", at: origin(node.mark).location,
                                             expected: "an alias to a mapping, such as <<: *defaults"))
            }
            return members
        }
    }
}

private extension Node {
    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }
}
