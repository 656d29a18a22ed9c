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

    /// The fields (and the facts below) live in one copy-on-write box: a tree is copied, merged and walked
    /// node by node while resolving, and a copy then costs one reference count instead of one
    /// per field (the value's payload, two file names and the layer).
    @usableFromInline var storage: SpecNodeStorage

    @inlinable public var value: Value {
        get { storage.value }
        _modify {
            makeUnique()
            yield &storage.value
            storage.facts = SpecNodeStorage.facts(of: storage.value)
        }
        set {
            makeUnique()
            storage.facts = SpecNodeStorage.facts(of: newValue)
            storage.value = newValue
        }
    }

    /// Where the value was written.
    @inlinable public var origin: Origin {
        get { storage.origin }
        _modify {
            makeUnique()
            yield &storage.origin
        }
        set {
            makeUnique()
            storage.origin = newValue
        }
    }

    /// For a member of a mapping: where its key was written.
    @inlinable public var keyLocation: SourceLocation? {
        get { storage.keyLocation }
        _modify {
            makeUnique()
            yield &storage.keyLocation
        }
        set {
            makeUnique()
            storage.keyLocation = newValue
        }
    }

    @inlinable
    public init(_ value: Value, origin: Origin, keyLocation: SourceLocation? = nil) {
        storage = SpecNodeStorage(value, origin, keyLocation)
    }

    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = SpecNodeStorage(copying: storage)
        }
    }

    /// Whether no other tree shares this node: changing it then copies nothing.
    @inlinable public mutating func isUnique() -> Bool { isKnownUniquelyReferenced(&storage) }

    /// The identity of the box this node's fields live in. Copies share the box until one of
    /// them changes, so a subtree one layer gives many trees (a profile's service defaults) has
    /// one identity in all of them. A memo keyed by it keeps the node, so the box stays alive
    /// and the identity is not reused.
    @inlinable public var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    @inlinable public var location: SourceLocation { origin.location }

    /// Whether a null sits anywhere in the tree, this node included (known without a walk:
    /// most trees have none, and a merge then copies nothing).
    @inlinable public var containsNull: Bool { storage.facts & SpecNodeStorage.hasNull != 0 }

    /// Whether a `$` is written in any scalar of the tree (known without a walk): only such
    /// trees can hold a `${...}` variable.
    @inlinable public var containsDollar: Bool { storage.facts & SpecNodeStorage.hasDollar != 0 }

    @inlinable public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    @inlinable public var scalar: String? {
        if case let .scalar(text, _) = value { return text }
        return nil
    }

    @inlinable public var mapping: OrderedDictionary<String, SpecNode>? {
        if case let .mapping(members) = value { return members }
        return nil
    }

    @inlinable public var sequence: [SpecNode]? {
        if case let .sequence(items) = value { return items }
        return nil
    }

    @inlinable public subscript(key: String) -> SpecNode? {
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
            guard let next = current.child(component) else { return nil }
            current = next
        }
        return current
    }

    /// The nodes along `path`, one for each leading component that leads somewhere (`node(at:)`
    /// of each prefix, found in one walk).
    public func nodes(along path: some Collection<String>) -> [SpecNode] {
        var nodes: [SpecNode] = []
        var current = self
        for component in path {
            guard let next = current.child(component) else { break }
            nodes.append(next)
            current = next
        }
        return nodes
    }

    /// The member or item `component` names (one step of `node(at:)`).
    private func child(_ component: String) -> SpecNode? {
        switch storage.value {
        case let .mapping(members):
            return members[component]
        case let .sequence(items):
            if let index = Int(component), items.indices.contains(index) { return items[index] }
            return items.first { $0.itemName == component }
        default:
            return nil
        }
    }

    /// The location of the deepest node that exists along `path` (for errors about missing values,
    /// this is the parent that should have held them).
    public func location(at path: some Collection<String>) -> SourceLocation {
        nodes(along: path).last?.location ?? location
    }

    /// The identity of an item in a named list: its `name`, `path` or `metric` value.
    public var itemName: String? {
        guard case let .mapping(members) = storage.value else { return nil }
        if let text = members[Key.Port.name]?.scalar { return text }
        if let text = members[Key.Route.path]?.scalar { return text }
        return members[Key.MetricTarget.metric]?.scalar
    }
}

/// The fields of a `SpecNode`, shared between copies until one of them changes.
@usableFromInline final class SpecNodeStorage: @unchecked Sendable {
    // Changed only through `SpecNode`'s accessors, which copy a box that is shared first: a
    // box reachable from more than one thread is never written.
    // No run-time exclusivity checks (about 4 % of resolving): every access goes through
    // `SpecNode`'s accessors, which never overlap two accesses to one box.
    // In this order: `facts` fills the padding after `value`, and the box fits 96 bytes.
    @exclusivity(unchecked) @usableFromInline var value: SpecNode.Value
    /// What the tree below holds (`hasNull`, `hasDollar`), set whenever `value` is: a node's
    /// facts are its children's, so they cost one look per child when a node is built.
    @exclusivity(unchecked) @usableFromInline var facts: UInt8
    @exclusivity(unchecked) @usableFromInline var origin: Origin
    @exclusivity(unchecked) @usableFromInline var keyLocation: SourceLocation?

    @usableFromInline static let hasNull: UInt8 = 1
    @usableFromInline static let hasDollar: UInt8 = 2

    @inlinable init(_ value: SpecNode.Value, _ origin: Origin, _ keyLocation: SourceLocation?) {
        self.facts = Self.facts(of: value)
        self.value = value
        self.origin = origin
        self.keyLocation = keyLocation
    }

    @inlinable init(copying other: SpecNodeStorage) {
        facts = other.facts
        value = other.value
        origin = other.origin
        keyLocation = other.keyLocation
    }

    /// The facts of a node holding `value`.
    @usableFromInline static func facts(of value: SpecNode.Value) -> UInt8 {
        switch value {
        case .null:
            return hasNull
        case let .scalar(text, _):
            return Bytes.contains(UInt8(ascii: "$"), in: text) ? hasDollar : 0
        case let .mapping(members):
            return members.values.withUnsafeBufferPointer { children in
                children.reduce(0) { $0 | $1.storage.facts }
            }
        case let .sequence(items):
            return items.withUnsafeBufferPointer { children in children.reduce(0) { $0 | $1.storage.facts } }
        }
    }
}
