import ShipshapeModel

/// Checks the shape of one spec file against the schema: unknown keys (with a "did you mean"),
/// mappings/lists/scalars where they belong, named-list items with their name and no name twice.
/// Values are checked later, once variables are substituted.
struct SchemaValidator {
    let diagnostics: DiagnosticCollector

    func check(_ node: SpecNode, against type: SchemaType) {
        if node.isNull { return }  // null removes an inherited value: allowed anywhere
        switch type {
        case let .scalar(kind):
            if node.isMapping || node.isSequence { mismatch(node, kind.expected) }
        case let .list(itemType):
            guard let items = node.sequence else { return mismatch(node, type.expected) }
            for item in items { check(item, against: itemType) }
        case let .namedList(key, object):
            guard let items = node.sequence else { return mismatch(node, type.expected) }
            var seen: [String: SourceLocation] = [:]
            for item in items {
                guard item.isMapping else {
                    mismatch(item, "a mapping with '\(key)'")
                    continue
                }
                if let name = item[key]?.scalar {
                    if let first = seen[name] {
                        diagnostics.error(
                            "'\(name)' is listed twice (first at \(first.line):\(first.column))",
                            at: item[key]?.location, expected: "each \(object.title.lowercased()) once")
                    }
                    seen[name] = item[key]?.location
                } else {
                    diagnostics.error("this \(object.title.lowercased()) has no '\(key)'", at: item.location,
                                      expected: "a '\(key)' that identifies it")
                }
                check(item, against: object)
            }
        case let .map(valueType):
            guard let members = node.mapping else { return mismatch(node, type.expected) }
            for (_, value) in members { check(value, against: valueType) }
        case let .object(object):
            check(node, against: object)
        case let .either(options):
            guard let option = options.first(where: { Self.fits(node, $0) }) else {
                return mismatch(node, type.expected)
            }
            check(node, against: option)
        case .document:
            checkNoNullInside(node)
        }
    }

    private func check(_ node: SpecNode, against object: SchemaObject) {
        guard let members = node.mapping else { return mismatch(node, "a mapping (\(object.title))") }
        // By position: a scalar field (most members) is checked without a copy of its type.
        for index in members.keys.indices {
            let value = members.values[index]
            guard let field = object.index(of: members.keys[index]) else {
                unknown(members.keys[index], value, object)
                continue
            }
            if object.isScalar(at: field), !value.isMapping, !value.isSequence { continue }
            check(value, against: object.fieldType(at: field))
        }
    }

    private func unknown(_ key: String, _ value: SpecNode, _ object: SchemaObject) {
        diagnostics.error(
            "unknown key '\(key)' in \(object.title.lowercased())", at: value.keyLocation ?? value.location,
            expected: "one of " + object.keys.joined(separator: ", "),
            hint: Suggestions.hint(for: key, in: object.keys))
    }

    /// A patch adds or replaces; a null inside one would be dropped by the merge of layers
    /// without a word, so it is an error (a null for the whole patch removes an inherited one).
    private func checkNoNullInside(_ node: SpecNode) {
        let children = node.mapping.map { Array($0.values) } ?? node.sequence ?? []
        for child in children {
            if child.isNull {
                diagnostics.error("a patch cannot remove a field", at: child.location,
                                  expected: "a value (a patch adds or replaces what shipshape renders)")
            } else {
                checkNoNullInside(child)
            }
        }
    }

    private func mismatch(_ node: SpecNode, _ expected: String) {
        diagnostics.error("found \(node.kindDescription)", at: node.location, expected: expected)
    }

    /// Whether the YAML kind of `node` matches the shape of `type` (used to pick an `either` option).
    static func fits(_ node: SpecNode, _ type: SchemaType) -> Bool {
        switch (node.value, type) {
        case (.scalar, .scalar), (.sequence, .list), (.sequence, .namedList), (.mapping, .map), (.mapping, .object):
            true
        default:
            false
        }
    }
}
