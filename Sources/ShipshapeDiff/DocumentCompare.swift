import ShipshapeRender

extension Differ {
    /// `compare` over two rendered documents, giving exactly the fields `compare` gives for
    /// their diff values (`DiffValue.init`), without building those values where it can help it:
    /// equal subtrees are skipped with one equality check, maps and named lists are walked as
    /// they are, and only the parts that differ become diff values. Most objects of two
    /// environments are nearly equal, and turning whole documents into dictionaries was most of
    /// the work of a diff.
    /// (`unequal`: the caller found the two unequal already, so they are not compared whole
    /// again; a difference in comments only still gives no field.)
    static func compare(documents a: DocNode?, _ b: DocNode?, path: String, secret: Bool, unequal: Bool = false,
                        into fields: inout [DiffReport.FieldChange]) {
        let a = a?.uncommented, b = b?.uncommented
        if !unequal, let a, let b, a == b { return }
        switch (a, b) {
        case let (.map(x)?, .map(y)?) where x.count == y.count && x.indices.allSatisfy({ x[$0].key == y[$0].key }):
            // The same keys in the same order (two renderings of one object): only the members
            // that differ are compared, in the order of their keys, as the general case does.
            var differing = x.indices.filter { index in
                x[index].value != y[index].value && !x[..<index].contains { $0.key == x[index].key }
            }
            differing.sort { x[$0].key < x[$1].key }
            for index in differing {
                let key = x[index].key
                compare(documents: x[index].value, y[index].value, path: path.isEmpty ? key : "\(path).\(key)",
                        secret: secret, unequal: true, into: &fields)
            }
        case let (.map(x)?, .map(y)?):
            let xs = firstOfEach(x), ys = firstOfEach(y)
            for key in Set(xs.keys).union(ys.keys).sorted() {
                compare(documents: xs[key], ys[key], path: path.isEmpty ? key : "\(path).\(key)", secret: secret,
                        into: &fields)
            }
        case let (.list(x)?, .list(y)?) where x.count == y.count:
            if let names = names(x), names == self.names(y) {
                // The same named items in the same order: only the items that differ are
                // compared, in the order of their names, as the general case does.
                let differing = x.indices.filter { x[$0] != y[$0] }.sorted { names[$0] < names[$1] }
                for index in differing {
                    compare(documents: x[index], y[index], path: "\(path)[\(names[index])]", secret: secret,
                            unequal: true, into: &fields)
                }
            } else {
                compareLists(x, y, path: path, secret: secret, into: &fields)
            }
        case let (.list(x)?, .list(y)?):
            compareLists(x, y, path: path, secret: secret, into: &fields)
        default:
            compare(a.map(DiffValue.init), b.map(DiffValue.init), path: path, secret: secret, into: &fields)
        }
    }

    /// Two lists as `compare(documents:)` compares them: named items by name, items of which some
    /// are maps by position, anything else as one value.
    private static func compareLists(_ x: [DocNode], _ y: [DocNode], path: String, secret: Bool,
                                     into fields: inout [DiffReport.FieldChange]) {
        if let xs = named(x), let ys = named(y) {
            for key in Set(xs.keys).union(ys.keys).sorted() {
                compare(documents: xs[key], ys[key], path: "\(path)[\(key)]", secret: secret, into: &fields)
            }
        } else if x.contains(where: isMapDocument) || y.contains(where: isMapDocument) {
            for index in 0..<max(x.count, y.count) {
                compare(documents: index < x.count ? x[index] : nil, index < y.count ? y[index] : nil,
                        path: "\(path)[\(index)]", secret: secret, into: &fields)
            }
        } else {
            compare(DiffValue(.list(x)), DiffValue(.list(y)), path: path, secret: secret, into: &fields)
        }
    }

    /// Every item's name when every item is a map with a scalar `name` and no two share one (as
    /// `named` reads them), in order; nil otherwise.
    static func names(_ items: [DocNode]) -> [String]? {
        guard !items.isEmpty else { return nil }
        var names: [String] = []
        names.reserveCapacity(items.count)
        for item in items {
            guard case let .map(members) = item.uncommented,
                  let value = members.first(where: { $0.key == "name" })?.value,
                  case let .scalar(name) = DiffValue(value), !names.contains(name) else { return nil }
            names.append(name)
        }
        return names
    }

    /// `compare(documents:)` of two objects' documents. Where their identity and metadata are
    /// equal and no field is named like one of those, the documents differ only in their fields:
    /// those are compared without building either document.
    static func compare(objects a: KubernetesObject, _ b: KubernetesObject, secret: Bool,
                        into fields: inout [DiffReport.FieldChange]) {
        let head = ["apiVersion", "kind", "metadata"]
        func same(_ x: [(String, String)], _ y: [(String, String)]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        }
        guard a.apiVersion == b.apiVersion, a.kind == b.kind, a.name == b.name, a.namespace == b.namespace,
              same(a.labels, b.labels), same(a.annotations, b.annotations),
              !a.fields.contains(where: { head.contains($0.key) }), !b.fields.contains(where: { head.contains($0.key) })
        else {
            compare(documents: a.document, b.document, path: "", secret: secret, into: &fields)
            return
        }
        compare(documents: .map(a.fields), .map(b.fields), path: "", secret: secret, into: &fields)
    }

    /// A map's members by key, the first of a repeated key winning (as `DiffValue.init` reads it).
    static func firstOfEach(_ members: [(key: String, value: DocNode)]) -> [String: DocNode] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    static func isMapDocument(_ node: DocNode) -> Bool {
        if case .map = node.uncommented { return true }
        return false
    }

    /// The items by name when every item is a map with a scalar `name` and no two share one
    /// (what `isNamed` asks of diff values); nil otherwise.
    static func named(_ items: [DocNode]) -> [String: DocNode]? {
        guard !items.isEmpty else { return nil }
        var byName: [String: DocNode] = [:]
        for item in items {
            guard case let .map(members) = item.uncommented,
                  let value = members.first(where: { $0.key == "name" })?.value,
                  case let .scalar(name) = DiffValue(value), byName.updateValue(item, forKey: name) == nil
            else { return nil }
        }
        return byName
    }
}
