import ShipshapeModel
import Yams

/// Reads YAML files — Kubernetes multi-document manifests, compose files — into `DocNode`s, the
/// values `YAMLEmitter` prints, with the index and location of every document and value.
///
/// Plain scalars are read the way the emitter writes them: `null`, `~` and nothing as `.null`,
/// `true`/`false` (any case spelling YAML 1.2 allows) as `.bool`, an integer in its canonical
/// spelling (`8000`, `-1`; not `007`, `+1` or `0x1F`) as `.int`; every other scalar — quoted, or
/// `yes`, `1.5`, `2024-01-01` — is the string written. So no text is lost (`DiffValue` of the
/// result gives each scalar's text back), and `read(YAMLEmitter.emit(documents:))` gives the
/// documents back. Anchors and aliases are resolved and merge keys (`<<: *defaults`) expanded.
/// Malformed YAML, duplicate keys, keys that are not text and aliases that expand too far are a
/// located `DiagnosticError`.
public enum DocReader {
    /// A step from a value to one inside it.
    public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
        case key(String)
        case index(Int)

        public var description: String {
            switch self {
            case let .key(key): key
            case let .index(index): "[\(index)]"
            }
        }
    }

    /// One document of a file.
    public struct Document: Sendable, Hashable {
        /// Its position in the file, from 0.
        public var index: Int
        public var root: DocNode
        /// Where each value starts, by its path from the root (`[]` is the root itself).
        public var locations: [[PathComponent]: SourceLocation]

        /// Where the document's root value starts.
        public var location: SourceLocation? { locations[[]] }

        public func location(of path: [PathComponent]) -> SourceLocation? { locations[path] }
    }

    /// The documents of a YAML file, in order.
    public static func read(_ text: String, file: String) throws -> [DocNode] {
        try documents(text, file: file).map(\.root)
    }

    /// The documents of a YAML file with their locations.
    public static func documents(_ text: String, file: String) throws -> [Document] {
        var documents: [Document] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic)
            var converter = Converter(start: .start(of: file), budget: max(100_000, text.utf8.count * 4))
            while let root = try parser.nextRoot() {
                converter.locations = [:]
                var path: [PathComponent] = []
                let node = try converter.convert(root, path: &path)
                documents.append(Document(index: documents.count, root: node, locations: converter.locations))
            }
        } catch let error as YamlError {
            throw DiagnosticError(diagnostic(error, file: file))
        }
        return documents
    }

    static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let booleans: [String: Bool] = [
        "true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false,
    ]

    /// A plain scalar's value.
    static func plain(_ text: String) -> DocNode {
        if nulls.contains(text) { return .null }
        if let bool = booleans[text] { return .bool(bool) }
        if let int = Int(text), String(int) == text { return .int(int) }
        return .string(text)
    }

    private struct Converter {
        /// The start of the file: every location is a place in it.
        let start: SourceLocation
        var budget: Int
        var locations: [[PathComponent]: SourceLocation] = [:]

        func at(_ mark: Mark?) -> SourceLocation {
            start.at(line: max(mark?.line ?? 1, 1), column: max(mark?.column ?? 1, 1))
        }

        mutating func convert(_ node: Node, path: inout [PathComponent]) throws -> DocNode {
            budget -= 1
            guard budget >= 0 else {
                throw DiagnosticError(.error("aliases expand this file beyond its value budget", at: at(node.mark),
                                             expected: "aliases that repeat small parts of the file"))
            }
            if path.count > 500 {
                throw DiagnosticError(.error("nesting deeper than 500 levels", at: at(node.mark)))
            }
            locations[path] = at(node.mark)
            switch node {
            case let .scalar(scalar):
                return scalar.style == .plain || scalar.style == .any ? plain(scalar.string) : .string(scalar.string)
            case let .sequence(sequence):
                var items: [DocNode] = []
                for (index, item) in sequence.enumerated() {
                    path.append(.index(index))
                    defer { path.removeLast() }
                    items.append(try convert(item, path: &path))
                }
                return .list(items)
            case let .mapping(mapping):
                var members: [(key: String, value: DocNode)] = []
                var merged: [(key: String, value: DocNode)] = []
                var mergedLocations: [[PathComponent]: SourceLocation] = [:]
                for (key, value) in mapping {
                    guard case let .scalar(keyScalar) = key else {
                        throw DiagnosticError(.error("a key is not text", at: at(key.mark),
                                                     expected: "keys that are scalars"))
                    }
                    if keyScalar.string == "<<", keyScalar.style == .plain {
                        let saved = locations
                        for source in try mergeSources(value, path: &path) {
                            for member in source where !merged.contains(where: { $0.key == member.key }) {
                                merged.append(member)
                            }
                        }
                        mergedLocations.merge(locations) { first, _ in first }
                        locations = saved
                        continue
                    }
                    path.append(.key(keyScalar.string))
                    defer { path.removeLast() }
                    members.append((keyScalar.string, try convert(value, path: &path)))
                }
                for member in merged where !members.contains(where: { $0.key == member.key }) {
                    members.append(member)
                    let prefix = path + [.key(member.key)]
                    for (place, location) in mergedLocations where place.starts(with: prefix) {
                        locations[place] = location
                    }
                }
                return .map(members)
            case let .alias(alias):
                throw DiagnosticError(.error("unresolved alias \(alias)", at: at(alias.mark),
                                             expected: "a defined anchor"))
            }
        }

        /// The mappings named by a merge key: `<<: *defaults` or `<<: [*a, *b]`.
        mutating func mergeSources(_ value: Node,
                                   path: inout [PathComponent]) throws -> [[(key: String, value: DocNode)]] {
            let nodes: [Node] = value.sequence.map { Array($0) } ?? [value]
            return try nodes.map { node in
                guard case .mapping = node, case let .map(members) = try convert(node, path: &path) else {
                    throw DiagnosticError(.error("a merge key '<<' needs a mapping", at: at(node.mark),
                                                 expected: "an alias to a mapping, such as <<: *defaults"))
                }
                return members
            }
        }
    }

    static func diagnostic(_ error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
        }
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return .error("YAML syntax error: \(problem)", at: at(mark), expected: "valid YAML")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("key \(keys) appears more than once in this mapping", at: at(context.mark),
                          expected: "each key once")
        case let .reader(problem, _, _, _):
            return .error("YAML error: \(problem)", at: .start(of: file), expected: "valid YAML")
        default:
            return .error("YAML error: \(error)", at: .start(of: file), expected: "valid YAML")
        }
    }
}
