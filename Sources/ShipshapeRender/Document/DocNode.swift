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

    public static func == (lhs: DocNode, rhs: DocNode) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.map(a), .map(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.list(a), .list(b)): a == b
        case let (.commented(a, c), .commented(b, d)): a == b && c == d
        default: false
        }
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

    public init() {}

    public mutating func set(_ key: String, _ value: DocNode?) {
        guard let value else { return }
        members.append((key, value))
    }

    public mutating func set(_ key: String, _ value: String?) { set(key, value.map(DocNode.string)) }
    public mutating func set(_ key: String, _ value: Int?) { set(key, value.map(DocNode.int)) }
    public mutating func set(_ key: String, _ value: Bool?) { set(key, value.map(DocNode.bool)) }

    /// Sets a collection only when it is not empty.
    public mutating func setNonEmpty(_ key: String, _ value: DocNode) {
        if !value.isEmptyCollection { members.append((key, value)) }
    }

    public var node: DocNode { .map(members) }
}
