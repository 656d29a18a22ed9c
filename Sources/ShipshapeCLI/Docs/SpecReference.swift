import ShipshapeLoader

/// The field reference of docs/SPEC.md, generated from `SpecSchema` so it cannot drift from
/// what the loader accepts (`shipshape schema --format markdown`).
public enum SpecReference {
    public static var markdown: String {
        var seen: Set<String> = []
        var sections: [String] = []
        func visit(_ object: SchemaObject) {
            guard seen.insert(object.title).inserted else { return }
            var text = "### \(object.title)\n\n\(object.doc)\n\n"
                + "| key | type | required | meaning |\n| --- | --- | --- | --- |\n"
            var children: [SchemaObject] = []
            for field in object.fields {
                let doc = field.doc.replacingOccurrences(of: "|", with: "\\|")
                let type = describe(field.type, &children)
                text += "| `\(field.name)` | \(type) | \(field.required ? "yes" : "") | \(doc) |\n"
            }
            if !object.exclusive.isEmpty {
                text += "\nAlternatives (a layer that sets one replaces the others): "
                    + object.exclusive.map { $0.map { "`\($0)`" }.joined(separator: " / ") }.joined(separator: "; ")
                    + ".\n"
            }
            sections.append(text)
            children.forEach(visit)
        }
        for root in [SpecSchema.stack, SpecSchema.profile, SpecSchema.blueprint] { visit(root) }
        return sections.joined(separator: "\n")
    }

    static func describe(_ type: SchemaType, _ children: inout [SchemaObject]) -> String {
        switch type {
        case let .scalar(kind): return kind.expected.replacingOccurrences(of: "|", with: "\\|")
        case let .list(item): return "list of " + describe(item, &children)
        case let .namedList(key, object):
            children.append(object)
            return "list of [\(object.title)](#\(object.title.lowercased())) (merged by `\(key)`)"
        case let .map(value): return "map of name → " + describe(value, &children)
        case let .object(object):
            children.append(object)
            return "[\(object.title)](#\(object.title.lowercased()))"
        case let .either(options): return options.map { describe($0, &children) }.joined(separator: " or ")
        case .document: return "any YAML"
        }
    }
}
