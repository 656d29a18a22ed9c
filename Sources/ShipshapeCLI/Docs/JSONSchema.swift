import ShipshapeLoader
import ShipshapeRender

/// The spec schema as JSON Schema (draft 2020-12), generated from `SpecSchema`.
public enum JSONSchema {
    public static var stack: DocNode {
        var definitions: [(String, DocNode)] = []
        var seen: Set<String> = []
        let root = object(SpecSchema.stack, definitions: &definitions, seen: &seen, inline: true)
        guard case var .map(members) = root else { return root }
        members.insert(("$schema", .string("https://json-schema.org/draft/2020-12/schema")), at: 0)
        members.insert(("title", .string("shipshape stack")), at: 1)
        members.append(("$defs", .map(definitions.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1) })))
        return .map(members)
    }

    static func object(_ object: SchemaObject, definitions: inout [(String, DocNode)], seen: inout Set<String>,
                       inline: Bool) -> DocNode {
        if !inline {
            if !seen.contains(object.title) {
                seen.insert(object.title)
                let body = self.object(object, definitions: &definitions, seen: &seen, inline: true)
                definitions.append((object.title, body))
            }
            return .map([("$ref", .string("#/$defs/\(object.title)"))])
        }
        var properties: [(String, DocNode)] = []
        for field in object.fields {
            var schema = type(field.type, definitions: &definitions, seen: &seen)
            if case var .map(members) = schema, !members.contains(where: { $0.key == "$ref" }) {
                members.insert(("description", .string(field.doc)), at: 0)
                schema = .map(members)
            } else {
                schema = .map([("description", .string(field.doc)), ("allOf", .list([schema]))])
            }
            properties.append((field.name, schema))
        }
        var m = DocMap()
        m.set("type", "object")
        m.set("description", object.doc)
        m.set("properties", .map(properties))
        m.set("additionalProperties", false)
        let required = object.fields.filter(\.required).map { DocNode.string($0.name) }
        m.setNonEmpty("required", .list(required))
        return m.node
    }

    static func type(_ type: SchemaType, definitions: inout [(String, DocNode)], seen: inout Set<String>) -> DocNode {
        switch type {
        case let .scalar(kind): return scalar(kind)
        case let .list(item):
            return .map([("type", .string("array")),
                         ("items", self.type(item, definitions: &definitions, seen: &seen))])
        case let .namedList(_, item):
            return .map([("type", .string("array")),
                         ("items", object(item, definitions: &definitions, seen: &seen, inline: false))])
        case let .map(value):
            return .map([("type", .string("object")),
                         ("additionalProperties", self.type(value, definitions: &definitions, seen: &seen))])
        case let .object(o): return object(o, definitions: &definitions, seen: &seen, inline: false)
        case let .either(options):
            return .map([("anyOf", .list(options.map { self.type($0, definitions: &definitions, seen: &seen) }))])
        }
    }

    static func scalar(_ kind: ScalarKind) -> DocNode {
        let variable = "\\$\\{[^}]+\\}"
        switch kind {
        case .integer:
            return .map([("anyOf", .list([.map([("type", .string("integer"))]),
                                          .map([("type", .string("string")), ("pattern", .string(variable))])]))])
        case .boolean:
            return .map([("anyOf", .list([.map([("type", .string("boolean"))]),
                                          .map([("type", .string("string")), ("pattern", .string(variable))])]))])
        case let .oneOf(words): return .map([("type", .string("string")), ("enum", .list(words.map(DocNode.string)))])
        case .any: return .map([("type", .list([.string("string"), .string("number"), .string("boolean")]))])
        default:
            return .map([("type", .list([.string("string"), .string("number")])),
                         ("description", .string(kind.expected))])
        }
    }
}
