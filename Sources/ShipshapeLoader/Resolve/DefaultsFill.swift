import OrderedCollections
import ShipshapeModel

/// Fills the built-in defaults (`BuiltinDefaults`) into a merged tree: every mapping the schema
/// types as an object gets its type's defaults where no layer gave a value (absent or null).
/// A default that is itself a mapping (`security: {}`) creates the object, which then gets its
/// own type's defaults. Values keep the origin of their line in the defaults file.
enum DefaultsFill {
    static func fill(_ node: SpecNode, _ type: SchemaType) -> SpecNode {
        switch type {
        case let .object(object):
            return fill(node, object)
        case let .namedList(_, object):
            return each(node) { fill($0, object) }
        case let .list(item):
            return each(node) { fill($0, item) }
        case let .map(value):
            guard let members = node.mapping else { return node }
            var copy = node
            copy.value = .mapping(members.mapValues { fill($0, value) })
            return copy
        case let .either(options):
            for case let .object(object) in options where node.mapping != nil { return fill(node, object) }
            return node
        case .scalar, .document:
            return node
        }
    }

    static func fill(_ node: SpecNode, _ object: SchemaObject) -> SpecNode {
        guard var members = node.mapping else { return node }
        for (key, value) in BuiltinDefaults.node(for: object.title).mapping ?? [:]
        where members[key] == nil || members[key]?.isNull == true {
            members[key] = value
        }
        for (key, value) in members {
            if let field = object.field(key) { members[key] = fill(value, field.type) }
        }
        var copy = node
        copy.value = .mapping(members)
        return copy
    }

    private static func each(_ node: SpecNode, _ transform: (SpecNode) -> SpecNode) -> SpecNode {
        guard let items = node.sequence else { return node }
        var copy = node
        copy.value = .sequence(items.map(transform))
        return copy
    }
}
