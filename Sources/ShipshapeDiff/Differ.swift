import Foundation
import ShipshapeModel

/// What changed between two sets of artifacts.
public struct DiffReport: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case added, removed, changed }

    public struct FieldChange: Sendable, Hashable {
        /// Dotted path, with named list items in brackets: `spec.template.spec.containers[api].image`.
        public var path: String
        public var old: String?
        public var new: String?
    }

    public struct ObjectChange: Sendable, Hashable {
        public var target: String
        public var identity: String
        public var kind: Kind
        public var fields: [FieldChange]
    }

    public var changes: [ObjectChange]

    public var isEmpty: Bool { changes.isEmpty }

    /// Changes per target, in a stable order.
    public var countsByTarget: [(String, Int)] {
        let targets = Array(Set(changes.map(\.target))).sorted()
        return targets.map { target in
            (target, changes.filter { $0.target == target }.reduce(0) { $0 + max(1, $1.fields.count) })
        }
    }
}

/// Compares artifacts semantically: objects matched by target and identity, fields by path,
/// named list items by name (so reordering them is no change). Secret-looking values are
/// redacted.
public enum Differ {
    /// With `environments` (the names of the two environments compared), identities and
    /// namespaces that differ only by the environment name are matched: `Namespace/shop-staging`
    /// and `Namespace/shop-production` are one object, and a namespace moving with the
    /// environment is no change.
    public static func diff(_ old: [Artifact], _ new: [Artifact], environments: (String, String)? = nil) -> DiffReport {
        var old = old, new = new
        if let (a, b) = environments, a != b {
            old = old.map { normalize($0, a) }
            new = new.map { normalize($0, b) }
        }
        func key(_ a: Artifact) -> String { "\(a.target)\u{0}\(a.identity)" }
        let oldByKey = Dictionary(old.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let newByKey = Dictionary(new.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [DiffReport.ObjectChange] = []
        for k in Set(oldByKey.keys).union(newByKey.keys).sorted() {
            switch (oldByKey[k], newByKey[k]) {
            case let (a?, nil):
                changes.append(.init(target: a.target, identity: a.identity, kind: .removed, fields: []))
            case let (nil, b?):
                changes.append(.init(target: b.target, identity: b.identity, kind: .added, fields: []))
            case let (a?, b?):
                var fields: [DiffReport.FieldChange] = []
                compare(a.value, b.value, path: "", secret: a.identity.hasPrefix("Secret/"), into: &fields)
                if !fields.isEmpty {
                    changes.append(.init(target: a.target, identity: a.identity, kind: .changed, fields: fields))
                }
            default:
                break
            }
        }
        return DiffReport(changes: changes)
    }

    static let environmentToken = "<env>"

    /// `text` with the environment name replaced by `environmentToken`. Most texts do not hold
    /// it: the bytes rule that out first (for an ASCII name a byte match is a superset of what
    /// Foundation's search finds), since Foundation's search cost more than the rest of a diff's
    /// normalizing; where every byte of both is a character, the bytes are replaced too.
    static func normalized(_ text: String, _ environment: String) -> String {
        if Bytes.isASCII(environment), !Bytes.contains(text, environment) { return text }
        return Bytes.replacing(environment, with: environmentToken, in: text)
            ?? text.replacingOccurrences(of: environment, with: environmentToken)
    }

    /// The artifact with its environment name replaced in its identity and namespace.
    static func normalize(_ artifact: Artifact, _ environment: String) -> Artifact {
        var copy = artifact
        copy.identity = normalized(artifact.identity, environment)
        if case var .map(root) = artifact.value, case var .map(metadata)? = root["metadata"] {
            for key in ["namespace", "name"] {
                if case let .scalar(value)? = metadata[key] {
                    metadata[key] = .scalar(normalized(value, environment))
                }
            }
            root["metadata"] = .map(metadata)
            copy.value = .map(root)
        }
        return copy
    }

    static func compare(_ a: DiffValue?, _ b: DiffValue?, path: String, secret: Bool,
                        into fields: inout [DiffReport.FieldChange]) {
        switch (a, b) {
        case let (.map(x)?, .map(y)?):
            for key in Set(x.keys).union(y.keys).sorted() {
                compare(x[key], y[key], path: path.isEmpty ? key : "\(path).\(key)", secret: secret, into: &fields)
            }
        case let (.list(x)?, .list(y)?) where isNamed(x) && isNamed(y):
            let xs = Dictionary(x.map { (name(of: $0)!, $0) }, uniquingKeysWith: { a, _ in a })
            let ys = Dictionary(y.map { (name(of: $0)!, $0) }, uniquingKeysWith: { a, _ in a })
            for key in Set(xs.keys).union(ys.keys).sorted() {
                compare(xs[key], ys[key], path: "\(path)[\(key)]", secret: secret, into: &fields)
            }
        case let (.list(x)?, .list(y)?) where x.contains(where: isMap) || y.contains(where: isMap):
            for index in 0..<max(x.count, y.count) {
                compare(index < x.count ? x[index] : nil, index < y.count ? y[index] : nil, path: "\(path)[\(index)]",
                        secret: secret, into: &fields)
            }
        case let (.list(x)?, .list(y)?) where unordered.contains(lastKey(path)):
            guard x.map(\.summary).sorted() != y.map(\.summary).sorted() else { return }
            fields.append(.init(path: path, old: Redaction.show(DiffValue.list(x).summary, path: path, secret: secret),
                                new: Redaction.show(DiffValue.list(y).summary, path: path, secret: secret)))
        default:
            guard a != b else { return }
            fields.append(.init(path: path, old: a.map { Redaction.show($0.summary, path: path, secret: secret) },
                                new: b.map { Redaction.show($0.summary, path: path, secret: secret) }))
        }
    }

    /// Lists whose order means nothing (compose `ports`, `expose`, `networks`, ...).
    static let unordered: Set<String> = [
        "ports", "expose", "networks", "secrets", "cap_drop", "cap_add", "tmpfs", "volumes",
        "env_file", "security_opt", "profiles", "drop", "add", "accessModes", "hosts",
    ]

    static func lastKey(_ path: String) -> String {
        String(path.split(separator: ".").last ?? "")
    }

    static func isMap(_ value: DiffValue) -> Bool {
        if case .map = value { return true }
        return false
    }

    static func name(of value: DiffValue) -> String? {
        guard case let .map(members) = value, case let .scalar(name)? = members["name"] else { return nil }
        return name
    }

    static func isNamed(_ items: [DiffValue]) -> Bool {
        !items.isEmpty && items.allSatisfy { name(of: $0) != nil }
            && Set(items.compactMap(name(of:))).count == items.count
    }
}

/// Keeps secret-looking values out of diff output.
public enum Redaction {
    public static let placeholder = "[redacted]"

    static let secretWords = [
        "password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "private", "credential", "access_key",
        "accesskey",
    ]

    /// `value`, or `[redacted]` when the field or the value looks like a secret.
    public static func show(_ value: String, path: String, secret: Bool) -> String {
        if secret, path.hasPrefix("data") || path.hasPrefix("stringData") { return placeholder }
        if let named = Bytes.withCharacterBytes(path, { path in
            Bytes.withCharacterBytes(value) { namesSecret(path: path, value: $0) }
        }) ?? nil {
            return named || SecretPatterns.looksSecret(value) ? placeholder : value
        }
        // The field's name: its last key, and the name of the list item it sits in
        // (`env[DB_PASSWORD].value`).
        let lowered = path.lowercased()
        let tail = lowered.split(separator: ".").suffix(2).joined(separator: ".")
        let named = tail.replacingOccurrences(of: "_file]", with: "]").replacingOccurrences(of: "__file]", with: "]")
        if secretWords.contains(where: { named.contains($0) }), !value.hasPrefix("/"), !tail.hasSuffix("_file"),
           !value.contains("secretKeyRef") {
            return placeholder
        }
        return SecretPatterns.looksSecret(value) ? placeholder : value
    }

    public static func looksSecret(_ value: String) -> Bool { SecretPatterns.looksSecret(value) }

    /// The test `show` makes of the field's name, over bytes that are each a character: its last
    /// two keys (lowered) hold a secret word, and the value is neither a path, nor a reference
    /// to a secret, nor the field one naming a file.
    private static func namesSecret(path: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Bool {
        // The last two non-empty keys, lowered and joined (`split(separator: ".").suffix(2)`).
        var keys: [Range<Int>] = [], start = 0
        for end in 0...path.count where end == path.count || path[end] == UInt8(ascii: ".") {
            if end > start { keys = [keys.last, start..<end].compactMap { $0 } }
            start = end + 1
        }
        var tail: [UInt8] = []
        for key in keys {
            if !tail.isEmpty { tail.append(UInt8(ascii: ".")) }
            tail += path[key].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }
        return tail.withUnsafeBufferPointer { tail in
            secretWords.contains { Bytes.contains(tail, $0) } && !Bytes.hasPrefix(value, "/")
                && !Bytes.hasSuffix(tail, "_file") && !Bytes.contains(value, "secretKeyRef")
        }
    }
}
