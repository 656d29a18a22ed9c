import OrderedCollections
import ShipshapeModel

/// Fills the built-in defaults (`BuiltinDefaults`) into a merged tree: every mapping the schema
/// types as an object gets its type's defaults where no layer gave a value (absent or null).
/// A default that is itself a mapping (`security: {}`) creates the object, which then gets its
/// own type's defaults. Values keep the origin of their line in the defaults file.
enum DefaultsFill {
    static func fill(_ node: SpecNode, _ type: SchemaType) -> SpecNode {
        var node = node
        fill(&node, type)
        return node
    }

    static func fill(_ node: SpecNode, _ object: SchemaObject) -> SpecNode {
        var node = node
        fill(&node, object)
        return node
    }

    /// Fills `node` in place: a tree the resolver just merged is mostly its own, and changing it
    /// where it lies copies only what other trees share (a copy per node was most of the cost).
    static func fill(_ node: inout SpecNode, _ type: SchemaType) {
        switch type {
        case let .object(object):
            fill(&node, object)
        case let .namedList(_, object):
            each(&node) { fill(&$0, object) }
        case let .list(item):
            each(&node) { fill(&$0, item) }
        case let .map(value):
            guard case var .mapping(members) = node.value else { return }
            node.value = .null  // `members` is then the only reference when the node was
            for index in members.values.indices { fill(&members.values[index], value) }
            node.value = .mapping(members)
        case let .either(options):
            guard node.mapping != nil else { return }
            for case let .object(object) in options {
                fill(&node, object)
                return
            }
        case .scalar, .document:
            return
        }
    }

    static func fill(_ node: inout SpecNode, _ object: SchemaObject) {
        guard case var .mapping(members) = node.value else { return }
        node.value = .null
        if case let .mapping(defaults) = BuiltinDefaults.node(for: object.title).value {
            for (key, value) in defaults where members[key]?.isNull ?? true {
                members[key] = value
            }
        }
        for index in members.keys.indices {
            if let field = object.field(members.keys[index]) { fill(&members.values[index], field.type) }
        }
        node.value = .mapping(members)
    }

    private static func each(_ node: inout SpecNode, _ transform: (inout SpecNode) -> Void) {
        guard case var .sequence(items) = node.value else { return }
        node.value = .null
        for index in items.indices { transform(&items[index]) }
        node.value = .sequence(items)
    }
}
