import ShipshapeRender

/// Reading values out of a parsed document without caring about comments or absent keys.
extension DocNode {
    /// The value of `key` in a mapping.
    func member(_ key: String) -> DocNode? {
        guard case let .map(members) = uncommented else { return nil }
        return members.first { $0.key == key }?.value.uncommented
    }

    /// The value at `path` (keys and list positions).
    func value(at path: [DocReader.PathComponent]) -> DocNode? {
        var node: DocNode? = self
        for step in path {
            switch step {
            case let .key(key): node = node?.member(key)
            case let .index(index):
                guard case let .list(items)? = node?.uncommented, items.indices.contains(index) else { return nil }
                node = items[index].uncommented
            }
        }
        return node
    }

    /// A scalar as text (`8000` and `true` too); nil for null, mappings and lists.
    var text: String? {
        switch uncommented {
        case let .string(text): text
        case let .int(number): String(number)
        case let .bool(flag): String(flag)
        default: nil
        }
    }

    /// `true`/`false`, also when quoted.
    var flag: Bool? {
        switch uncommented {
        case let .bool(flag): flag
        case let .string(text): ["true": true, "false": false][text.lowercased()]
        default: nil
        }
    }

    var number: Int? {
        switch uncommented {
        case let .int(number): number
        case let .string(text): Int(text)
        default: nil
        }
    }

    var items: [DocNode] {
        guard case let .list(items) = uncommented else { return [] }
        return items.map(\.uncommented)
    }

    var pairs: [(key: String, value: DocNode)] {
        guard case let .map(members) = uncommented else { return [] }
        return members.map { ($0.key, $0.value.uncommented) }
    }

    var isMap: Bool {
        if case .map = uncommented { return true }
        return false
    }

    /// A mapping of scalars as text, e.g. labels.
    var strings: [String: String] {
        var out: [String: String] = [:]
        for (key, value) in pairs { out[key] = value.text ?? "" }
        return out
    }
}
