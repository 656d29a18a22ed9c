import OrderedCollections
import ShipshapeModel

/// Fills the built-in defaults (`BuiltinDefaults`) into a merged tree: every mapping the schema
/// types as an object gets its type's defaults where no layer gave a value (absent or null).
/// A default that is itself a mapping (`security: {}`) creates the object, which then gets its
/// own type's defaults. Values keep the origin of their line in the defaults file.
struct DefaultsFill {
    /// The shape of the last large mapping built (see `Shapes`): one per fill, on one thread.
    private let shapes = Shapes()

    /// Fills `node` in place: a tree the resolver just merged is mostly its own, and changing it
    /// where it lies copies only what other trees share (a copy per node was most of the cost).
    /// A node shared with another tree (a layer's subtree, such as the profile's
    /// `systemd.hardening` in every service) is first checked read-only and left untouched when
    /// it needs nothing, so it is not copied just to be walked; a node of its own is filled in
    /// the one walk.
    func fill(_ node: inout SpecNode, _ type: SchemaType) {
        guard type.mayGetDefaults else { return }
        fill(&node, defaulted: type)
    }

    /// `fill` of a type that may get defaults, and so does what a list or map of it holds (the
    /// callers know it: asking the type again copied its payload at every node).
    private func fill(_ node: inout SpecNode, defaulted type: SchemaType) {
        guard node.isUnique() || Self.needs(node, type) else { return }
        switch type {
        case let .object(object):
            fill(&node, object)
        case let .namedList(_, object):
            node.updateItems { items in for index in items.indices { fill(&items[index], object) } }
        case let .list(item):
            node.updateItems { items in for index in items.indices { fill(&items[index], defaulted: item) } }
        case let .map(value):
            node.updateMembers { members in
                // The type of a map's values (a stack's services) is taken apart once.
                if case let .object(object) = value {
                    for index in members.values.indices { fill(&members.values[index], object) }
                } else {
                    for index in members.values.indices { fill(&members.values[index], defaulted: value) }
                }
            }
        case let .either(options):
            guard node.isMapping else { return }
            for case let .object(object) in options {
                fill(&node, object)
                return
            }
        case .scalar, .document:
            return
        }
    }

    func fill(_ node: inout SpecNode, _ object: SchemaObject) {
        guard object.mayGetDefaults, node.isUnique() || Self.needs(node, object) else { return }
        node.updateMembers { members in
            // Each member's field, found once through the schema's table (-1: not a field): the
            // defaults are matched by position, not by comparing their names with every key.
            var fields = members.keys.map { object.index(of: $0) ?? -1 }
            fillDefaults(&members, &fields, object)
            for index in members.values.indices where fields[index] >= 0 {
                if let type = object.defaultedType(at: fields[index]) { fill(&members.values[index], defaulted: type) }
            }
        }
    }

    /// The defaults of `object` where `members` has no value (absent or null); `fields` are
    /// the members' fields, and get those of the defaults appended. The absent ones are
    /// appended at once: one at a time, each grew the keys, the values and the hash table.
    private func fillDefaults(_ members: inout OrderedDictionary<String, SpecNode>, _ fields: inout [Int],
                              _ object: SchemaObject) {
        var absent: [Int] = []
        let defaults = object.defaults, defaultFields = object.defaultFields
        for position in defaults.indices {
            if let index = fields.firstIndex(of: defaultFields[position]) {
                if members.values[index].isNull { members.values[index] = defaults[position].value }
            } else {
                absent.append(position)
            }
        }
        guard !absent.isEmpty else { return }
        var keys = members.keys.elements, values = members.values.elements
        members = [:]
        keys.reserveCapacity(keys.count + absent.count)
        values.reserveCapacity(values.count + absent.count)
        for position in absent {
            keys.append(defaults[position].key)
            values.append(defaults[position].value)
            fields.append(defaultFields[position])
        }
        members = shapes.mapping(keys, values)
    }

    /// Whether filling would change anything below `node` (read only: nothing is copied).
    private static func needs(_ node: SpecNode, _ type: SchemaType) -> Bool {
        // Only mappings get defaults, and lists hold them: a scalar or null needs nothing, whatever its type.
        guard node.isMapping || node.isSequence else { return false }
        switch type {
        case let .object(object):
            return needs(node, object)
        case let .namedList(_, object):
            guard case let .sequence(items) = node.value else { return false }
            return items.contains { needs($0, object) }
        case let .list(item):
            guard item.mayGetDefaults, case let .sequence(items) = node.value else { return false }
            return items.contains { needs($0, item) }
        case let .map(value):
            guard value.mayGetDefaults, case let .mapping(members) = node.value else { return false }
            return members.values.contains { needs($0, value) }
        case let .either(options):
            guard case .mapping = node.value else { return false }
            for case let .object(object) in options { return needs(node, object) }
            return false
        case .scalar, .document:
            return false
        }
    }

    private static func needs(_ node: SpecNode, _ object: SchemaObject) -> Bool {
        guard object.mayGetDefaults, case let .mapping(members) = node.value else { return false }
        for (key, _) in object.defaults where members[key]?.isNull ?? true { return true }
        for (key, value) in members {
            if let type = object.defaultedType(key), needs(value, type) { return true }
        }
        return false
    }
}

/// The keys of the last mapping past 15 keys that filling built, with a placeholder for each
/// value. OrderedCollections hashes every key of such a mapping when it is made, and the
/// services of a stack mostly have the same keys (a service's mapping is the one that grows past
/// 15 once its defaults are in): a mapping with the keys of the last takes a copy of its keys and
/// their table, and only its own values. Only ASCII keys are kept, and compared with their
/// lengths: a key equal to one of them (`==` is canonical equivalence) then has its very bytes.
private final class Shapes {
    private var last: OrderedDictionary<String, SpecNode>?
    private static let placeholder = SpecNode(.null, origin: Origin(.start(of: BuiltinDefaults.file), .builtin))

    /// The mapping of `keys` (unique) to `values`.
    func mapping(_ keys: [String], _ values: [SpecNode]) -> OrderedDictionary<String, SpecNode> {
        guard keys.count > 15 else { return OrderedDictionary(uncheckedUniqueKeys: keys, values: values) }
        var values = values
        if let last, last.keys.elements.elementsEqual(keys, by: { $0.utf8.count == $1.utf8.count && $0 == $1 }) {
            var mapping = last
            // The values moved in, the placeholders out: nothing counted but the placeholder.
            mapping.values.withUnsafeMutableBufferPointer { slots in
                values.withUnsafeMutableBufferPointer { given in
                    for index in slots.indices { swap(&slots[index], &given[index]) }
                }
            }
            return mapping
        }
        let mapping = OrderedDictionary(uncheckedUniqueKeys: keys, values: values)
        guard keys.allSatisfy({ Bytes.all($0) { $0 < 0x80 } }) else { return mapping }
        var shape = mapping
        shape.values.withUnsafeMutableBufferPointer { slots in
            for index in slots.indices { slots[index] = Self.placeholder }
        }
        last = shape
        return mapping
    }
}
