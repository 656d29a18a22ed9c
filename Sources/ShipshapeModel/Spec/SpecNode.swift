import OrderedCollections

/// A description of one YAML value as read from a spec file, with where it was written.
///
/// The loader turns YAML into these trees (one per file), the resolver merges them layer over
/// layer and keeps each value's origin, so an error or `resolve --explain` can name the file,
/// line and column — and the layer — of any value. For example the scalar `3` read from
/// `stack.yaml:14:15` in the stack base.
public struct SpecNode: Sendable {
    public enum Value: Sendable {
        /// A YAML null (`~`, `null`, or nothing): in an overlay it removes the inherited value.
        case null
        /// A scalar's text exactly as written. `quoted` is true for single- or double-quoted scalars.
        case scalar(String, quoted: Bool)
        case mapping(OrderedDictionary<String, SpecNode>)
        case sequence([SpecNode])
    }

    public var value: Value
    /// Where the value was written.
    public var origin: Origin
    /// For a member of a mapping: where its key was written.
    public var keyLocation: SourceLocation?

    public init(_ value: Value, origin: Origin, keyLocation: SourceLocation? = nil) {
        self.value = value
        self.origin = origin
        self.keyLocation = keyLocation
    }

    public var location: SourceLocation { origin.location }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    public var scalar: String? {
        if case let .scalar(text, _) = value { return text }
        return nil
    }

    public var mapping: OrderedDictionary<String, SpecNode>? {
        if case let .mapping(members) = value { return members }
        return nil
    }

    public var sequence: [SpecNode]? {
        if case let .sequence(items) = value { return items }
        return nil
    }

    public subscript(key: String) -> SpecNode? {
        mapping?[key]
    }

    /// What kind of YAML value this is, for messages: `a mapping`, `a list`, `a scalar`, `null`.
    public var kindDescription: String {
        switch value {
        case .null: "null"
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// The node at `path`: mapping members by key; list items by index or by the value of their
    /// `name`, `path` or `metric` key (how named lists are addressed).
    public func node(at path: some Collection<String>) -> SpecNode? {
        var current = self
        for component in path {
            switch current.value {
            case let .mapping(members):
                guard let next = members[component] else { return nil }
                current = next
            case let .sequence(items):
                if let index = Int(component), items.indices.contains(index) {
                    current = items[index]
                } else if let item = items.first(where: { $0.itemName == component }) {
                    current = item
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
        return current
    }

    /// The location of the deepest node that exists along `path` (for errors about missing values,
    /// this is the parent that should have held them).
    public func location(at path: some Collection<String>) -> SourceLocation {
        var current = self
        for component in path {
            if let next = current.node(at: [component]) {
                current = next
            } else {
                break
            }
        }
        return current.location
    }

    /// The identity of an item in a named list: its `name`, `path` or `metric` value.
    public var itemName: String? {
        guard let members = mapping else { return nil }
        for key in ["name", "path", "metric"] {
            if let text = members[key]?.scalar { return text }
        }
        return nil
    }
}
