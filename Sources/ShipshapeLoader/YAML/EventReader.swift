import CYaml
import OrderedCollections
import ShipshapeModel

/// Builds a `SpecNode` tree straight from libyaml's events (libyaml comes with Yams), without
/// Yams' own tree of nodes, tags and duplicate-key dictionaries in between: reading was about a
/// seventh of a render's CPU, most of it spent building and dropping that second tree.
///
/// It takes the plain road only: one document, text keys, no aliases, no merge keys, no
/// duplicate keys, nothing too deep or too long. For anything else, and for every syntax
/// error, it gives up (nil) and `YAMLReader` reads the file through Yams as before, so every
/// diagnostic is the one Yams' path reports. Where it succeeds, the tree is the one that path
/// builds: the same values, styles, nulls and locations (line and column of each event's start).
final class EventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    // No run-time exclusivity checks (a twentieth of reading): the reader is used by one call at a
    // time, and no access to these two overlaps another.
    @exclusivity(unchecked) private var event = yaml_event_t()
    /// The start of the file: every location is a place in it (its name looked up once).
    private let start: SourceLocation
    private let layer: Layer
    /// Values left before the document counts as too large (as `YAMLReader.valueBudget`).
    @exclusivity(unchecked) private var budget: Int

    /// The tree of `text`, or nil when Yams' path must read it.
    static func read(_ text: String, file: String, layer: Layer) -> SpecNode? {
        var text = text
        return text.withUTF8 { bytes -> SpecNode? in
            guard let base = bytes.baseAddress else { return nil }
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return nil }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, base, bytes.count)
            let reader = EventReader(parser: parser, file: file, layer: layer,
                                     budget: YAMLReader.valueBudget(forBytes: bytes.count))
            return reader.document()
        }
    }

    private init(parser: UnsafeMutablePointer<yaml_parser_t>, file: String, layer: Layer, budget: Int) {
        self.parser = parser
        start = .start(of: file)
        self.layer = layer
        self.budget = budget
    }

    deinit { yaml_event_delete(&event) }

    /// The next event's type; nil on a syntax error.
    private func next() -> yaml_event_type_t? {
        yaml_event_delete(&event)
        guard yaml_parser_parse(parser, &event) == 1 else { return nil }
        return event.type
    }

    private func document() -> SpecNode? {
        guard next() == YAML_STREAM_START_EVENT, next() == YAML_DOCUMENT_START_EVENT,
              let type = next(), let root = node(type, depth: 0, keyLocation: nil),
              next() == YAML_DOCUMENT_END_EVENT, next() == YAML_STREAM_END_EVENT else { return nil }
        return root
    }

    /// Where the current event starts (libyaml counts from 0, locations from 1).
    private var origin: Origin {
        Origin(start.at(line: max(Int(event.start_mark.line) + 1, 1), column: max(Int(event.start_mark.column) + 1, 1)),
               layer)
    }

    /// The current scalar event's text.
    private var scalarText: String {
        String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length),
               as: UTF8.self)
    }

    /// The value that starts with the current event, of type `type`.
    private func node(_ type: yaml_event_type_t, depth: Int, keyLocation: SourceLocation?) -> SpecNode? {
        budget -= 1
        guard budget >= 0, depth <= YAMLReader.maxDepth else { return nil }
        switch type {
        case YAML_SCALAR_EVENT:
            guard event.data.scalar.length <= YAMLReader.maxScalarBytes else { return nil }
            let text = scalarText
            let style = event.data.scalar.style
            if style == YAML_PLAIN_SCALAR_STYLE, Self.isNull(text) {
                return SpecNode(.null, origin: origin, keyLocation: keyLocation)
            }
            let quoted = style != YAML_PLAIN_SCALAR_STYLE && style != YAML_ANY_SCALAR_STYLE
            return SpecNode(.scalar(text, quoted: quoted), origin: origin, keyLocation: keyLocation)
        case YAML_SEQUENCE_START_EVENT:
            let origin = origin
            var items: [SpecNode] = []
            while true {
                guard let next = next() else { return nil }
                if next == YAML_SEQUENCE_END_EVENT { break }
                guard let item = node(next, depth: depth + 1, keyLocation: nil) else { return nil }
                items.append(item)
            }
            return SpecNode(.sequence(items), origin: origin, keyLocation: keyLocation)
        case YAML_MAPPING_START_EVENT:
            let origin = origin
            // Keys and values gathered apart and joined once: a mapping grew its keys, values
            // (and, past 15 keys, its hash table) a step at a time. A repeated key is found by
            // comparing with the keys before it, or in a set once a mapping is that large.
            var keys: [String] = [], values: [SpecNode] = []
            keys.reserveCapacity(4)
            values.reserveCapacity(4)
            var seen: Set<String>?
            while true {
                guard let next = next() else { return nil }
                if next == YAML_MAPPING_END_EVENT { break }
                // A key that is not text, a merge key or a repeated key: Yams' path decides.
                guard next == YAML_SCALAR_EVENT else { return nil }
                let key = scalarText
                if key == "<<", event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE { return nil }
                if seen == nil, keys.count == Self.keysCompared { seen = Set(keys) }
                if seen != nil {
                    guard seen!.insert(key).inserted else { return nil }
                } else if keys.contains(key) {
                    return nil
                }
                let location = self.origin.location
                guard let valueType = self.next(),
                      let value = node(valueType, depth: depth + 1, keyLocation: location) else { return nil }
                keys.append(key)
                values.append(value)
            }
            return SpecNode(.mapping(OrderedDictionary(uncheckedUniqueKeys: keys, values: values)), origin: origin,
                            keyLocation: keyLocation)
        default:
            // An alias (anchors and merge keys are resolved by Yams' path).
            return nil
        }
    }

    /// Up to this many keys, a new key is compared with each one before it.
    private static let keysCompared = 16

    /// A plain scalar that YAML reads as null.
    private static func isNull(_ text: String) -> Bool {
        // By length first: most scalars are longer than any null, and are not compared at all.
        switch text.utf8.count {
        case 0: true
        case 1: text == "~"
        case 4: text == "null" || text == "Null" || text == "NULL"
        default: false
        }
    }
}
