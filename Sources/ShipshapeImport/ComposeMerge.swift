import ShipshapeModel

/// Compose's own merge of several files (base first, then each override), and its variable
/// interpolation (`${VAR}`, `${VAR:-default}`, `$$`).
enum ComposeMerge {
    /// Lists replaced whole by an override; compose appends every other list (volumes merge by
    /// mount path).
    static let replaced: Set<String> = ["command", "entrypoint", "test", "profiles"]

    static func merge(_ base: SourceNode, _ over: SourceNode, key: String = "") -> SourceNode {
        switch (base.value, over.value) {
        case (.map(let a), .map(let b)):
            var members = a
            for (k, v) in b {
                if let index = members.firstIndex(where: { $0.key == k }) {
                    members[index] = (k, merge(members[index].value, v, key: k))
                } else {
                    members.append((k, v))
                }
            }
            return SourceNode(.map(members), at: base.location)
        case (.list(let a), .list(let b)) where !replaced.contains(key):
            var items = a
            for item in b {
                let id = identity(item, key: key)
                if let index = items.firstIndex(where: { identity($0, key: key) == id }) {
                    items[index] = item
                } else {
                    items.append(item)
                }
            }
            return SourceNode(.list(items), at: base.location)
        default:
            return over
        }
    }

    /// What makes two list items the same: a volume's mount path, else the item's text.
    static func identity(_ item: SourceNode, key: String) -> String {
        if key == "volumes" {
            if let target = item["target"]?.text { return target }
            if let text = item.text {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                return parts.count > 1 ? String(parts[1]) : text
            }
        }
        if let text = item.text { return text }
        return item["source"]?.text ?? item["target"]?.text ?? "\(item.location)"
    }

    /// A service with its list forms made maps, so overrides merge key by key the way compose
    /// does: `environment` and `labels` (`K=V`), `depends_on` (a list means `service_started`)
    /// and `networks`.
    static func normalize(_ service: SourceNode) -> SourceNode {
        guard var members = service.members else { return service }
        for index in members.indices {
            let (key, value) = members[index]
            guard let items = value.items else { continue }
            switch key {
            case "environment", "labels":
                members[index].value = SourceNode(
                    .map(
                        items.compactMap { item in
                            guard let text = item.text else { return nil }
                            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                            let name = String(parts[0])
                            let v: SourceNode =
                                parts.count > 1
                                ? SourceNode(.string(String(parts[1])), at: item.location)
                                : SourceNode(.null, at: item.location)
                            return (name, v)
                        }), at: value.location)
            case "depends_on":
                members[index].value = SourceNode(
                    .map(
                        items.compactMap { item in
                            item.text.map {
                                (
                                    $0,
                                    SourceNode(
                                        .map([
                                            (
                                                "condition",
                                                SourceNode(
                                                    .string("service_started"),
                                                    at: item.location)
                                            )
                                        ]),
                                        at: item.location)
                                )
                            }
                        }), at: value.location)
            case "networks":
                members[index].value = SourceNode(
                    .map(
                        items.compactMap { item in
                            item.text.map { ($0, SourceNode(.null, at: item.location)) }
                        }), at: value.location)
            default:
                continue
            }
        }
        return SourceNode(.map(members), at: service.location)
    }

    /// One file's services normalized.
    static func normalizeFile(_ root: SourceNode) -> SourceNode {
        guard var members = root.members else { return root }
        if let index = members.firstIndex(where: { $0.key == "services" }),
            let services = members[index].value.members
        {
            members[index].value = SourceNode(
                .map(services.map { ($0.key, normalize($0.value)) }),
                at: members[index].value.location)
        }
        return SourceNode(.map(members), at: root.location)
    }
}

/// Compose variables: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `$VAR`
/// and `$$` (a literal dollar).
struct Interpolation {
    struct Variable {
        var name: String
        var fallback: String?
        var location: SourceLocation
    }

    /// Every variable met, in order.
    private(set) var variables: [Variable] = []

    /// A piece of a value: literal text or a variable.
    enum Piece {
        case text(String)
        case variable(name: String, fallback: String?)
    }

    static func pieces(_ s: String) -> [Piece] {
        var result: [Piece] = []
        var literal = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "$", i + 1 < chars.count else {
                literal.append(c)
                i += 1
                continue
            }
            let next = chars[i + 1]
            if next == "$" {
                literal.append("$")
                i += 2
                continue
            }
            if next == "{", let close = chars[(i + 2)...].firstIndex(of: "}") {
                let body = String(chars[(i + 2)..<close])
                var name = body
                var fallback: String?
                if let at = body.firstIndex(where: { ":-?+".contains($0) }) {
                    name = String(body[..<at])
                    var op = body[at...]
                    if op.hasPrefix(":") { op = op.dropFirst() }
                    if op.hasPrefix("-") { fallback = String(op.dropFirst()) }
                }
                if !literal.isEmpty {
                    result.append(.text(literal))
                    literal = ""
                }
                result.append(.variable(name: name, fallback: fallback))
                i = close + 1
                continue
            }
            if next == "_" || next.isLetter {
                var j = i + 1
                while j < chars.count, chars[j] == "_" || chars[j].isLetter || chars[j].isNumber { j += 1 }
                if !literal.isEmpty {
                    result.append(.text(literal))
                    literal = ""
                }
                result.append(.variable(name: String(chars[(i + 1)..<j]), fallback: nil))
                i = j
                continue
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { result.append(.text(literal)) }
        return result
    }

    /// The value compose would use with no variable set: defaults in place, `$$` as `$`.
    static func resolved(_ s: String) -> String {
        pieces(s).map { piece in
            switch piece {
            case .text(let t): t
            case .variable(_, let fallback): fallback ?? ""
            }
        }.joined()
    }

    /// The names of the variables a value uses.
    static func names(_ s: String) -> [String] {
        pieces(s).compactMap { if case .variable(let name, _) = $0 { return name } else { return nil } }
    }

    /// The value for the stack: each variable as `${values.NAME}` (recorded with its default),
    /// a literal `${` written `$${`.
    mutating func templated(_ s: String, at location: SourceLocation) -> String {
        var out = ""
        for piece in Self.pieces(s) {
            switch piece {
            case .text(let t):
                out += t.replacingOccurrences(of: "${", with: "$${")
            case .variable(let name, let fallback):
                let key = Self.valueName(name)
                out += "${values.\(key)}"
                variables.append(Variable(name: key, fallback: fallback, location: location))
            }
        }
        return out
    }

    /// A name `values` can hold.
    static func valueName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return cleaned.isEmpty ? "value" : cleaned
    }
}
