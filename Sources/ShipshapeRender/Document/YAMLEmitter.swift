import ShipshapeModel

/// Prints a `DocNode` as block-style YAML, deterministically: keys in the order given, two-space
/// indentation, and every string quoted when a YAML 1.1 or 1.2 reader could take it for
/// anything but that string (`"8000"`, `"on"`, `"yes"`, `"1.10"`, `"null"`, `"a: b"`).
/// Strings with line breaks or control characters are double-quoted with escapes, so no value
/// can add a key, a list item or a document (`---`) to the output.
public enum YAMLEmitter {
    public static func emit(_ node: DocNode) -> String {
        var out = TextBuffer()
        emit(node, into: &out)
        return out.text
    }

    /// Several documents separated by `---`.
    public static func emit(documents: [DocNode]) -> String {
        var out = TextBuffer()
        for index in documents.indices {
            if index > 0 { out.append("---\n") }
            emit(documents[index], into: &out)
        }
        return out.text
    }

    /// Several artifacts' documents separated by `---`, as `emit(documents:)` prints them; a
    /// Kubernetes object is printed straight from its fields, without building its document.
    static func emit(artifacts: [Artifact]) -> String {
        var out = TextBuffer()
        var first = true
        var printed = PrintedLabels()
        // By position: each artifact is read in place, not copied.
        for index in artifacts.indices {
            switch artifacts[index].body {
            case let .kubernetes(object):
                if !first { out.append("---\n") }
                emit(object, into: &out, labels: &printed)
            case let .compose(document):
                if !first { out.append("---\n") }
                emit(document, into: &out)
            case .nginx, .systemd: continue
            }
            first = false
        }
        return out.text
    }

    /// Where the labels of the object printed last are, by the identity of their array: a
    /// service's objects share one (`Labels.all`), so they are printed once and copied for the
    /// others. Only within one `emit`, while every artifact (and so every array) is alive.
    private struct PrintedLabels {
        var array: UnsafeRawPointer?
        var count = 0
        var bytes = 0..<0
    }

    /// An object as its `document` prints.
    private static func emit(_ object: KubernetesObject, into out: inout TextBuffer,
                             labels printed: inout PrintedLabels) {
        out.append("apiVersion: ")
        quote(object.apiVersion, into: &out)
        out.append("\nkind: ")
        quote(object.kind, into: &out)
        out.append("\nmetadata:\n  name: ")
        quote(object.name, into: &out)
        out.append(byte: UInt8(ascii: "\n"))
        if let namespace = object.namespace {
            out.append("  namespace: ")
            quote(namespace, into: &out)
            out.append(byte: UInt8(ascii: "\n"))
        }
        let array = object.labels.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        if let array, array == printed.array, object.labels.count == printed.count {
            out.appendCopy(of: printed.bytes)
        } else {
            let start = out.count
            pairs("labels", object.labels, into: &out)
            printed = PrintedLabels(array: array, count: object.labels.count, bytes: start..<out.count)
        }
        pairs("annotations", object.annotations, into: &out)
        if !object.fields.isEmpty { map(object.fields, indent: 0, padFirst: true, into: &out) }
    }

    /// A non-empty metadata map of strings (`labels`), at the indentation of `metadata`'s keys.
    private static func pairs(_ key: String, _ pairs: [(String, String)], into out: inout TextBuffer) {
        guard !pairs.isEmpty else { return }
        out.append("  ")
        out.append(key)
        out.append(":\n")
        for (name, value) in pairs {
            out.pad(4)
            quote(name, into: &out)
            out.append(": ")
            quote(value, into: &out)
            out.append(byte: UInt8(ascii: "\n"))
        }
    }

    private static func emit(_ node: DocNode, into out: inout TextBuffer) {
        var inner = node, comment: String?
        if case let .commented(value, text) = node { (inner, comment) = (value.uncommented, text) }
        switch inner {
        case let .map(members) where !members.isEmpty:
            comment.map { header($0, into: &out) }
            map(members, indent: 0, padFirst: true, into: &out)
        case let .list(items) where !items.isEmpty:
            comment.map { header($0, into: &out) }
            list(items, indent: 0, padFirst: true, into: &out)
        default:
            scalar(inner, into: &out)
            comment.map { commentText($0, into: &out) }
            out.append(byte: UInt8(ascii: "\n"))
        }
    }

    /// A comment on a line of its own, above a document.
    private static func header(_ comment: String, into out: inout TextBuffer) {
        out.append(byte: UInt8(ascii: "#"))
        clean(comment, into: &out)
        out.append(byte: UInt8(ascii: "\n"))
    }

    /// The comment after a space, with line breaks and other control characters as spaces.
    private static func clean(_ comment: String, into out: inout TextBuffer) {
        out.append(byte: UInt8(ascii: " "))
        for scalar in comment.unicodeScalars {
            if scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out.append(byte: UInt8(ascii: " "))
            } else {
                out.append(scalar)
            }
        }
    }

    private static func commentText(_ comment: String, into out: inout TextBuffer) {
        out.append(" #")
        clean(comment, into: &out)
    }

    /// Writes a non-empty map, every entry on its own line at `indent`; without `padFirst`, the
    /// first line's indentation is left out (it follows a list's "- ").
    private static func map(_ members: [(key: String, value: DocNode)], indent: Int, padFirst: Bool,
                            into out: inout TextBuffer) {
        for index in members.indices {
            if padFirst || index > 0 { out.pad(indent) }
            quote(members[index].key, into: &out)
            out.append(byte: UInt8(ascii: ":"))
            // Most values carry no comment: those are printed without taking them apart twice.
            switch members[index].value {
            case let .map(nested) where !nested.isEmpty:
                out.append(byte: UInt8(ascii: "\n"))
                map(nested, indent: indent + 2, padFirst: true, into: &out)
            case let .list(nested) where !nested.isEmpty:
                out.append(byte: UInt8(ascii: "\n"))
                list(nested, indent: indent + 2, padFirst: true, into: &out)
            case let .commented(value, comment):
                switch value.uncommented {
                case let .map(nested) where !nested.isEmpty:
                    commentText(comment, into: &out)
                    out.append(byte: UInt8(ascii: "\n"))
                    map(nested, indent: indent + 2, padFirst: true, into: &out)
                case let .list(nested) where !nested.isEmpty:
                    commentText(comment, into: &out)
                    out.append(byte: UInt8(ascii: "\n"))
                    list(nested, indent: indent + 2, padFirst: true, into: &out)
                case let inner:
                    out.append(byte: UInt8(ascii: " "))
                    scalar(inner, into: &out)
                    commentText(comment, into: &out)
                    out.append(byte: UInt8(ascii: "\n"))
                }
            case let value:
                out.append(byte: UInt8(ascii: " "))
                scalar(value, into: &out)
                out.append(byte: UInt8(ascii: "\n"))
            }
        }
    }

    /// Writes a non-empty list, every item on its own line at `indent` (see `map`).
    private static func list(_ items: [DocNode], indent: Int, padFirst: Bool, into out: inout TextBuffer) {
        for index in items.indices {
            if padFirst || index > 0 { out.pad(indent) }
            var inner = items[index], comment: String?
            if case let .commented(value, text) = inner { (inner, comment) = (value.uncommented, text) }
            switch inner {
            case let .map(members) where !members.isEmpty && comment == nil:
                // The first key shares the "- " line.
                out.append("- ")
                map(members, indent: indent + 2, padFirst: false, into: &out)
            case let .map(members) where !members.isEmpty:
                out.append(byte: UInt8(ascii: "-"))
                comment.map { commentText($0, into: &out) }
                out.append(byte: UInt8(ascii: "\n"))
                map(members, indent: indent + 2, padFirst: true, into: &out)
            case let .list(nested) where !nested.isEmpty:
                out.append(byte: UInt8(ascii: "-"))
                comment.map { commentText($0, into: &out) }
                out.append(byte: UInt8(ascii: "\n"))
                list(nested, indent: indent + 2, padFirst: true, into: &out)
            default:
                out.append("- ")
                scalar(inner, into: &out)
                comment.map { commentText($0, into: &out) }
                out.append(byte: UInt8(ascii: "\n"))
            }
        }
    }

    private static func scalar(_ node: DocNode, into out: inout TextBuffer) {
        switch node {
        case .null: out.append("null")
        case let .bool(b): out.append(b ? "true" : "false")
        case let .int(i): out.append(decimal: i)
        case let .string(s): quote(s, into: &out)
        case .map: out.append("{}")
        case .list: out.append("[]")
        case let .commented(inner, _): scalar(inner, into: &out)
        }
    }

    /// Appends the string as `quote` prints it, checking and copying its bytes in one visit.
    private static func quote(_ s: String, into out: inout TextBuffer) {
        let plain = Bytes.read(s) { bytes in
            guard isPlainSafe(bytes) else { return false }
            out.append(bytes)
            return true
        }
        if !plain { doubleQuoted(s, into: &out) }
    }

    /// The string as a YAML scalar: plain when unambiguous, else double-quoted.
    public static func quote(_ s: String) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 2)
        quote(s, into: &out)
        return out.text
    }

    static func doubleQuoted(_ s: String) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 2)
        doubleQuoted(s, into: &out)
        return out.text
    }

    private static func doubleQuoted(_ s: String, into out: inout TextBuffer) {
        out.append(byte: UInt8(ascii: "\""))
        // Most quoted strings are printable ASCII without a quote or a backslash (`"8000"`,
        // `"yes"`): their bytes are copied as they are, without a walk over scalars.
        let copied = Bytes.read(s) { bytes in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) else { return false }
            out.append(bytes)
            out.append(byte: UInt8(ascii: "\""))
            return true
        }
        if copied { return }
        for c in s.unicodeScalars {
            switch c {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\0": out.append("\\0")
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value)
                    || c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF {
                    out.append(c.value <= 0xFF ? "\\x" : "\\u")
                    out.append(hex: c.value, width: c.value <= 0xFF ? 2 : 4)
                } else {
                    out.append(c)
                }
            }
        }
        out.append(byte: UInt8(ascii: "\""))
    }
}
