import ShipshapeLoader
import ShipshapeRender

/// The spec schema as JSON Schema (draft 2020-12), generated from `SpecSchema`, one per kind of
/// file: a stack (`stack.yaml`: its base and `environments.<env>` overlays), an environment
/// profile (`environments/<env>.yaml`) and a blueprint (`templates/<name>.yaml`).
///
/// Every file is one layer of a merge, so the schemas check what the loader checks before
/// merging (`SchemaValidator`): known keys and their shapes. Nothing a lower layer may supply is
/// required (a blueprint sets `image`, a profile `replicas`), every value may be `null` (which
/// removes the inherited value), and every scalar may be a `${...}` variable. Only the keys
/// that name a file (`stack`, `environment`, `blueprint`, a blueprint's `service`) and the key
/// of each item of a named list (a port's `name`) are required.
public enum JSONSchema {
    public enum File: String, CaseIterable, Sendable {
        case stack, profile, blueprint
    }

    /// The schema of `stack.yaml`.
    public static var stack: DocNode { schema(for: .stack) }

    public static func schema(for file: File) -> DocNode {
        let (object, title) = switch file {
        case .stack: (SpecSchema.stack, "shipshape stack (stack.yaml)")
        case .profile: (SpecSchema.profile, "shipshape environment profile (environments/<env>.yaml)")
        case .blueprint: (SpecSchema.blueprint, "shipshape blueprint (templates/<name>.yaml)")
        }
        var builder = Builder()
        let root = builder.object(object, root: true)
        guard case var .map(members) = root else { return root }
        members.insert(("$schema", .string("https://json-schema.org/draft/2020-12/schema")), at: 0)
        members.insert(("title", .string(title)), at: 1)
        members.append(("$defs", .map(builder.definitions.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1) })))
        return .map(members)
    }

    static let variable = "\\$\\{[^}]+\\}"
    static let null = DocNode.map([("type", .string("null"))])

    struct Builder {
        var definitions: [(String, DocNode)] = []
        /// The definition name of each object title, with its keys (two objects may share a title
        /// with other fields: a blueprint's service has no `from`).
        var names: [String: [(keys: [String], name: String)]] = [:]

        /// A reference to the definition of `object`, creating it on first use.
        mutating func reference(_ object: SchemaObject, key: String? = nil) -> DocNode {
            let keys = object.keys + (key.map { ["#key:" + $0] } ?? [])
            if let known = names[object.title]?.first(where: { $0.keys == keys }) {
                return .map([("$ref", .string("#/$defs/\(known.name)"))])
            }
            let count = names[object.title]?.count ?? 0
            let name = count == 0 ? object.title : "\(object.title)\(count + 1)"
            names[object.title, default: []].append((keys, name))
            let body = self.object(object, root: false, key: key)
            definitions.append((name, body))
            return .map([("$ref", .string("#/$defs/\(name)"))])
        }

        /// The object itself. At the root, the file's required keys are required and not null;
        /// in a named list, the item's key is.
        mutating func object(_ object: SchemaObject, root: Bool, key: String? = nil) -> DocNode {
            var properties: [(String, DocNode)] = []
            var required: [DocNode] = []
            for field in object.fields {
                let mandatory = (root && field.required) || field.name == key
                let schema = type(field.type)
                let alternatives = mandatory ? [schema] : [JSONSchema.null, schema]
                let body: DocNode = alternatives.count == 1 && !isReference(schema)
                    ? adding(description: field.doc, to: schema)
                    : .map([("description", .string(field.doc)), ("anyOf", .list(alternatives))])
                properties.append((field.name, body))
                if mandatory { required.append(.string(field.name)) }
            }
            var m = DocMap()
            m.set("type", "object")
            m.set("description", object.doc)
            m.set("properties", .map(properties))
            m.set("additionalProperties", false)
            m.setNonEmpty("required", .list(required))
            return m.node
        }

        mutating func type(_ type: SchemaType) -> DocNode {
            switch type {
            case let .scalar(kind): return JSONSchema.scalar(kind)
            case let .list(item): return .map([("type", .string("array")), ("items", self.type(item))])
            case let .namedList(key, item):
                return .map([("type", .string("array")), ("items", reference(item, key: key))])
            case let .map(value):
                let nullable = DocNode.map([("anyOf", .list([JSONSchema.null, self.type(value)]))])
                return .map([("type", .string("object")), ("additionalProperties", nullable)])
            case let .object(o): return reference(o)
            case let .either(options):
                return .map([("anyOf", .list(options.map { self.type($0) }))])
            case .document: return .map([])
            }
        }

        func isReference(_ node: DocNode) -> Bool {
            if case let .map(members) = node { return members.contains { $0.key == "$ref" } }
            return false
        }

        func adding(description: String, to node: DocNode) -> DocNode {
            guard case var .map(members) = node else { return node }
            members.removeAll { $0.key == "description" }
            members.insert(("description", .string(description)), at: 0)
            return .map(members)
        }
    }

    /// A scalar of `kind`. YAML scalars reach the loader as text and are checked once variables
    /// are substituted, so a `${...}` is accepted wherever a scalar is.
    static func scalar(_ kind: ScalarKind) -> DocNode {
        let variableString = DocNode.map([("type", .string("string")), ("pattern", .string(variable))])
        func orVariable(_ node: DocNode) -> DocNode { .map([("anyOf", .list([node, variableString]))]) }
        switch kind {
        case .integer: return orVariable(.map([("type", .string("integer"))]))
        case .boolean: return orVariable(.map([("type", .string("boolean"))]))
        case let .oneOf(words):
            return orVariable(.map([("type", .string("string")), ("enum", .list(words.map(DocNode.string)))]))
        case .any: return .map([("type", .list([.string("string"), .string("number"), .string("boolean")]))])
        case .string: return .map([("type", .list([.string("string"), .string("number")]))])
        default:
            return .map([("type", .list([.string("string"), .string("number")])),
                         ("description", .string(kind.expected))])
        }
    }
}
