import OrderedCollections
import ShipshapeModel

/// Applies the spec's patches (`kubernetes.patches`, `compose.patch`) to rendered documents:
/// mappings merge key by key, lists whose items all carry a `name` merge item by item on it
/// (containers, env, ports, volumes — as kubectl's strategic merge does), anything else is
/// replaced. Values are escaped by the writers like every other value.
public enum DocPatch {
    public static func document(_ value: PatchValue) -> DocNode {
        switch value {
        case let .bool(flag): .bool(flag)
        case let .int(number): .int(number)
        case let .string(text): .string(text)
        case let .map(members): .map(members.map { ($0.key, document($0.value)) })
        case let .list(items): .list(items.map(document))
        }
    }

    /// `patch` merged into `base`.
    public static func merge(_ base: DocNode, _ patch: DocNode) -> DocNode {
        switch (base.uncommented, patch) {
        case let (.map(lower), .map(upper)):
            var members = lower
            for (key, value) in upper {
                if let index = members.firstIndex(where: { $0.key == key }) {
                    members[index].value = merge(members[index].value, value)
                } else {
                    members.append((key, value))
                }
            }
            return .map(members)
        case let (.list(lower), .list(upper)) where named(lower) && named(upper):
            var items = lower
            for item in upper {
                if let index = items.firstIndex(where: { name(of: $0) == name(of: item) }) {
                    items[index] = merge(items[index], item)
                } else {
                    items.append(item)
                }
            }
            return .list(items)
        default:
            return patch
        }
    }

    private static func name(of item: DocNode) -> String? {
        guard case let .map(members) = item.uncommented,
              case let .string(name)? = members.first(where: { $0.key == "name" })?.value.uncommented
        else { return nil }
        return name
    }

    private static func named(_ items: [DocNode]) -> Bool { !items.isEmpty && items.allSatisfy { name(of: $0) != nil } }

    /// The service's objects with its patches applied, each to the object of its kind.
    public static func apply(_ patches: OrderedDictionary<String, Patch>,
                             to objects: [KubernetesObject]) -> [KubernetesObject] {
        guard !patches.isEmpty else { return objects }
        return objects.map { object in
            guard let patch = patches[object.kind], case let .map(members) = document(patch.value) else {
                return object
            }
            var patched = object
            for (key, value) in members {
                if key == "metadata", case let .map(metadata) = value {
                    for (field, entries) in metadata {
                        guard case let .map(pairs) = entries else { continue }
                        let texts = pairs.map { ($0.key, text($0.value)) }
                        if field == "labels" { patched.labels = merged(patched.labels, texts) }
                        if field == "annotations" { patched.annotations = merged(patched.annotations, texts) }
                    }
                } else if let index = patched.fields.firstIndex(where: { $0.key == key }) {
                    patched.fields[index].value = merge(patched.fields[index].value, value)
                } else {
                    patched.fields.append((key, value))
                }
            }
            return patched
        }
    }

    private static func merged(_ base: [(String, String)], _ patch: [(String, String)]) -> [(String, String)] {
        var result = base
        for (key, value) in patch {
            if let index = result.firstIndex(where: { $0.0 == key }) { result[index].1 = value } else {
                result.append((key, value))
            }
        }
        return result
    }

    private static func text(_ node: DocNode) -> String {
        switch node {
        case let .string(text): text
        case let .int(number): String(number)
        case let .bool(flag): flag ? "true" : "false"
        default: ""
        }
    }
}
