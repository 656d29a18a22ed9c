import OrderedCollections
import ShipshapeModel

/// The merge rules, applied layer over layer (docs/SPEC.md, "Layers and merging"):
/// - mappings merge key by key;
/// - lists of named things (ports, volumes, routes, autoscale metrics) merge item by item on
///   their `name`/`path`/`metric`, keeping the lower layer's order and appending new items;
/// - every other list, and every scalar, is replaced by the higher layer;
/// - alternatives (a probe's `http`/`tcp`/`exec`, a volume's `size`/`source`/`scratch`, a
///   secret's source kinds) replace each other;
/// - `null` removes the inherited value.
/// Every value keeps the origin of the layer that wrote it.
public enum Merge {
    /// `overlay` over `base`; nil when the result is removed.
    public static func merge(_ base: SpecNode?, _ overlay: SpecNode?, type: SchemaType?) -> SpecNode? {
        merge(base, overlay, type: type, baseIsClean: false)
    }

    /// Folds layers from lowest to highest precedence.
    public static func fold(_ layers: [SpecNode?], type: SchemaType?) -> SpecNode? {
        fold(layers[...], over: nil, type: type)
    }

    /// Folds `layers` over `clean`, a tree without nulls (a fold's result, or a layer already
    /// stripped): what a fold accumulates is never scanned for nulls again.
    static func fold(_ layers: ArraySlice<SpecNode?>, over clean: SpecNode?, type: SchemaType?) -> SpecNode? {
        layers.reduce(clean) { merge($0, $1, type: type, baseIsClean: true) }
    }

    /// `baseIsClean`: `base` holds no null (it is what merging already produced), so the parts
    /// of it no overlay touches are kept as they are, without a scan.
    static func merge(_ base: SpecNode?, _ overlay: SpecNode?, type: SchemaType?, baseIsClean: Bool) -> SpecNode? {
        guard let overlay else { return baseIsClean ? base : base.map(stripNulls) ?? nil }
        if overlay.isNull { return nil }
        guard let base, !base.isNull else { return stripNulls(overlay) }

        switch (base.value, overlay.value, type) {
        case let (.mapping(lower), .mapping(upper), type):
            // The merged mapping is located where the highest layer wrote it.
            return SpecNode(.mapping(mergeMembers(lower, upper, type: type, lowerIsClean: baseIsClean)),
                            origin: overlay.origin, keyLocation: overlay.keyLocation ?? base.keyLocation)
        case let (.sequence(lower), .sequence(upper), .namedList(key, object)?):
            return SpecNode(.sequence(mergeNamed(lower, upper, key: key, object: object, lowerIsClean: baseIsClean)),
                            origin: overlay.origin, keyLocation: base.keyLocation)
        default:
            var replaced = stripNulls(overlay)
            if replaced?.keyLocation == nil { replaced?.keyLocation = base.keyLocation }
            return replaced
        }
    }

    static func mergeMembers(
        _ lower: OrderedDictionary<String, SpecNode>, _ upper: OrderedDictionary<String, SpecNode>, type: SchemaType?,
        lowerIsClean: Bool = false
    ) -> OrderedDictionary<String, SpecNode> {
        // Built as two arrays, then joined: the keys are unique (lower's, then upper's not in
        // lower), so no insertion searches the keys before it.
        var keys: [String] = [], values: [SpecNode] = []
        keys.reserveCapacity(lower.count + upper.count)
        values.reserveCapacity(lower.count + upper.count)
        var replaced: Set<String> = []
        if case let .object(object)? = type {
            for group in object.exclusive where group.contains(where: { upper[$0] != nil }) {
                replaced.formUnion(group.filter { upper[$0] == nil })
            }
        }
        // The members of upper that lower has too, by position (a bit each, up to 64 members):
        // the rest are added after, without a search of lower for each.
        var inLower: UInt64 = 0
        let marks = upper.count <= 64
        for (key, value) in lower where !replaced.contains(key) {
            let index = upper.index(forKey: key)
            if marks, let index { inLower |= 1 << UInt64(index) }
            let memberType = memberType(type, key)
            if let merged = merge(value, index.map { upper.values[$0] }, type: memberType, baseIsClean: lowerIsClean) {
                keys.append(key)
                values.append(merged)
            }
        }
        for index in upper.values.indices {
            if marks ? inLower & (1 << UInt64(index)) != 0 : lower[upper.keys[index]] != nil { continue }
            if let added = stripNulls(upper.values[index]) {
                keys.append(upper.keys[index])
                values.append(added)
            }
        }
        return OrderedDictionary(uncheckedUniqueKeys: keys, values: values)
    }

    static func mergeNamed(_ lower: [SpecNode], _ upper: [SpecNode], key: String, object: SchemaObject,
                           lowerIsClean: Bool = false) -> [SpecNode] {
        var result = lowerIsClean ? lower : lower.compactMap(stripNulls)
        var index: [String: Int] = [:]
        for (i, item) in result.enumerated() {
            if let name = item[key]?.scalar { index[name] = i }
        }
        for item in upper {
            if let name = item[key]?.scalar, let i = index[name] {
                if let merged = merge(result[i], item, type: .object(object), baseIsClean: true) { result[i] = merged }
            } else if let added = stripNulls(item) {
                if let name = added[key]?.scalar { index[name] = result.count }
                result.append(added)
            }
        }
        return result
    }

    /// The schema of a member of a mapping of `type`.
    static func memberType(_ type: SchemaType?, _ key: String) -> SchemaType? {
        switch type {
        case let .object(object)?: object.fieldType(key)
        case let .map(valueType)?: valueType
        case .document?: .document
        case let .either(options)?:
            options.first { if case .map = $0 { true } else if case .object = $0 { true } else { false } }
                .flatMap { memberType($0, key) }
        default: nil
        }
    }

    /// Drops nulls left in a value that has nothing below it to remove (most trees have none,
    /// which each node knows: nothing to walk or rebuild).
    static func stripNulls(_ node: SpecNode) -> SpecNode? {
        if !node.containsNull { return node }
        switch node.value {
        case .null:
            return nil
        case let .mapping(members):
            var copy = node
            copy.value = .mapping(members.compactMapValues(stripNulls))
            return copy
        case let .sequence(items):
            guard items.contains(where: { $0.isNull || $0.mapping != nil || $0.sequence != nil }) else { return node }
            var copy = node
            copy.value = .sequence(items.compactMap(stripNulls))
            return copy
        case .scalar:
            return node
        }
    }
}
