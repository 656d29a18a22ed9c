/// A description of a structured document (YAML or JSON) in the order it is written: what
/// renderers build and what the YAML and JSON emitters print. For example
/// `.map([("replicas", .int(3))])` prints as `replicas: 3`.
public enum DocNode: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case map([(key: String, value: DocNode)])
    case list([DocNode])
    /// A value with a comment printed beside it (YAML only), e.g. where `resolve --explain`
    /// says which layer set the value.
    indirect case commented(DocNode, String)

    /// Compared member by member by index (a diff compares every object of two environments).
    public static func == (lhs: DocNode, rhs: DocNode) -> Bool {
        switch lhs {
        case .null:
            if case .null = rhs { return true }
        case let .bool(a):
            if case let .bool(b) = rhs { return a == b }
        case let .int(a):
            if case let .int(b) = rhs { return a == b }
        case let .string(a):
            if case let .string(b) = rhs { return a == b }
        case let .map(a):
            guard case let .map(b) = rhs, a.count == b.count else { return false }
            for index in a.indices where a[index].key != b[index].key || a[index].value != b[index].value {
                return false
            }
            return true
        case let .list(a):
            guard case let .list(b) = rhs, a.count == b.count else { return false }
            for index in a.indices where a[index] != b[index] { return false }
            return true
        case let .commented(a, c):
            if case let .commented(b, d) = rhs { return a == b && c == d }
        }
        return false
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(b): hasher.combine(b)
        case let .int(i): hasher.combine(i)
        case let .string(s): hasher.combine(s)
        case let .map(members): for (k, v) in members { hasher.combine(k); hasher.combine(v) }
        case let .list(items): hasher.combine(items)
        case let .commented(node, comment): hasher.combine(node); hasher.combine(comment)
        }
    }

    /// The value without its comment.
    public var uncommented: DocNode {
        if case let .commented(node, _) = self { return node.uncommented }
        return self
    }

    public var isEmptyCollection: Bool {
        switch uncommented {
        case let .map(members): members.isEmpty
        case let .list(items): items.isEmpty
        default: false
        }
    }
}

/// Builds a map while leaving out absent values, so optional fields need no `if`s.
public struct DocMap {
    public private(set) var members: [(key: String, value: DocNode)] = []

    /// Room for 4 members made up front: most maps hold a few or more, and growing from empty
    /// reallocated at 1, 2 and 4 (room for 8 saved a little more, for an eighth more memory).
    public init() { members.reserveCapacity(4) }

    /// Takes the value (`consuming`): it is nearly always made for this map.
    public mutating func set(_ key: String, _ value: consuming DocNode?) {
        guard let value else { return }
        members.append((key, value))
    }

    public mutating func set(_ key: String, _ value: String?) { set(key, value.map(DocNode.string)) }
    public mutating func set(_ key: String, _ value: Int?) { set(key, value.map(DocNode.int)) }
    public mutating func set(_ key: String, _ value: Bool?) { set(key, value.map(DocNode.bool)) }

    /// Sets a collection only when it is not empty.
    public mutating func setNonEmpty(_ key: String, _ value: consuming DocNode) {
        if !value.isEmptyCollection { members.append((key, value)) }
    }

    public var node: DocNode { .map(members) }
}
