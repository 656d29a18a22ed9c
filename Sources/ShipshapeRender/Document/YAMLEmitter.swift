/// Prints a `DocNode` as block-style YAML, deterministically: keys in the order given, two-space
/// indentation, and every string quoted when a YAML 1.1 or 1.2 reader could take it for
/// anything but that string (`"8000"`, `"on"`, `"yes"`, `"1.10"`, `"null"`, `"a: b"`).
/// Strings with line breaks or control characters are double-quoted with escapes, so no value
/// can add a key, a list item or a document (`---`) to the output.
public enum YAMLEmitter {
    public static func emit(_ node: DocNode) -> String {
        var out = Output()
        emit(node, into: &out)
        return out.text
    }

    /// Several documents separated by `---`.
    public static func emit(documents: [DocNode]) -> String {
        var out = Output()
        for (index, document) in documents.enumerated() {
            if index > 0 { out.append("---\n") }
            emit(document, into: &out)
        }
        return out.text
    }

    /// The text being printed, as UTF-8 bytes in one growing buffer: appending bytes costs no
    /// string temporaries, and the text is made once at the end.
    struct Output {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(4096) }

        mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
        mutating func append(byte: UInt8) { bytes.append(byte) }
        mutating func pad(_ count: Int) {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    private static func emit(_ node: DocNode, into out: inout Output) {
        let (inner, comment) = split(node)
        if inner.isEmptyCollection || !isCollection(inner) {
            scalar(inner, into: &out)
            comment.map { commentText($0, into: &out) }
            out.append(byte: UInt8(ascii: "\n"))
        } else {
            if let comment {
                out.append(byte: UInt8(ascii: "#"))
                out.append(clean(comment))
                out.append(byte: UInt8(ascii: "\n"))
            }
            block(inner, indent: 0, padFirst: true, into: &out)
        }
    }

    private static func split(_ node: DocNode) -> (DocNode, String?) {
        if case let .commented(inner, comment) = node { return (inner.uncommented, comment) }
        return (node, nil)
    }

    private static func isCollection(_ node: DocNode) -> Bool {
        switch node {
        case .map, .list: true
        default: false
        }
    }

    private static func clean(_ comment: String) -> String {
        " " + comment.unicodeScalars.map {
            $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : String($0)
        }.joined()
    }

    private static func commentText(_ comment: String, into out: inout Output) {
        out.append(" #")
        out.append(clean(comment))
    }

    /// Writes a non-empty map or list, every entry on its own line at `indent`; without
    /// `padFirst`, the first line's indentation is left out (it follows a list's "- ").
    private static func block(_ node: DocNode, indent: Int, padFirst: Bool, into out: inout Output) {
        var padNext = padFirst
        switch node {
        case let .map(members):
            for member in members {
                if padNext { out.pad(indent) }
                padNext = true
                quote(member.key, into: &out)
                out.append(byte: UInt8(ascii: ":"))
                // Most values carry no comment: those are printed without taking them apart twice.
                switch member.value {
                case let .map(nested) where !nested.isEmpty:
                    out.append(byte: UInt8(ascii: "\n"))
                    block(member.value, indent: indent + 2, padFirst: true, into: &out)
                    continue
                case let .list(nested) where !nested.isEmpty:
                    out.append(byte: UInt8(ascii: "\n"))
                    block(member.value, indent: indent + 2, padFirst: true, into: &out)
                    continue
                case .commented: break
                default:
                    out.append(byte: UInt8(ascii: " "))
                    scalar(member.value, into: &out)
                    out.append(byte: UInt8(ascii: "\n"))
                    continue
                }
                let (inner, comment) = split(member.value)
                if isCollection(inner), !inner.isEmptyCollection {
                    comment.map { commentText($0, into: &out) }
                    out.append(byte: UInt8(ascii: "\n"))
                    block(inner, indent: indent + 2, padFirst: true, into: &out)
                } else {
                    out.append(byte: UInt8(ascii: " "))
                    scalar(inner, into: &out)
                    comment.map { commentText($0, into: &out) }
                    out.append(byte: UInt8(ascii: "\n"))
                }
            }
        case let .list(items):
            for item in items {
                if padNext { out.pad(indent) }
                padNext = true
                let (inner, comment) = split(item)
                switch inner {
                case .map(let members) where !members.isEmpty && comment == nil:
                    // The first key shares the "- " line.
                    out.append("- ")
                    block(inner, indent: indent + 2, padFirst: false, into: &out)
                case .map(let members) where !members.isEmpty:
                    out.append(byte: UInt8(ascii: "-"))
                    comment.map { commentText($0, into: &out) }
                    out.append(byte: UInt8(ascii: "\n"))
                    block(inner, indent: indent + 2, padFirst: true, into: &out)
                case .list(let nested) where !nested.isEmpty:
                    out.append(byte: UInt8(ascii: "-"))
                    comment.map { commentText($0, into: &out) }
                    out.append(byte: UInt8(ascii: "\n"))
                    block(inner, indent: indent + 2, padFirst: true, into: &out)
                default:
                    out.append("- ")
                    scalar(inner, into: &out)
                    comment.map { commentText($0, into: &out) }
                    out.append(byte: UInt8(ascii: "\n"))
                }
            }
        default:
            if padNext { out.pad(indent) }
            scalar(node, into: &out)
            out.append(byte: UInt8(ascii: "\n"))
        }
    }

    private static func scalar(_ node: DocNode, into out: inout Output) {
        switch node {
        case .null: out.append("null")
        case let .bool(b): out.append(b ? "true" : "false")
        case let .int(i): out.append(String(i))
        case let .string(s): quote(s, into: &out)
        case .map: out.append("{}")
        case .list: out.append("[]")
        case let .commented(inner, _): scalar(inner, into: &out)
        }
    }

    /// Appends the string as `quote` prints it, without a copy when it is plain.
    private static func quote(_ s: String, into out: inout Output) {
        if isPlainSafe(s) { out.append(s) } else { out.append(doubleQuoted(s)) }
    }

    static func scalar(_ node: DocNode) -> String {
        switch node {
        case .null: "null"
        case let .bool(b): b ? "true" : "false"
        case let .int(i): String(i)
        case let .string(s): quote(s)
        case .map: "{}"
        case .list: "[]"
        case let .commented(inner, _): scalar(inner)
        }
    }

    static func quoteKey(_ key: String) -> String { quote(key) }

    /// The string as a YAML scalar: plain when unambiguous, else double-quoted.
    public static func quote(_ s: String) -> String {
        isPlainSafe(s) ? s : doubleQuoted(s)
    }

    private static let reserved: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf",
    ]

    /// The reserved words packed as bytes into integers, for a check without a lowercased copy.
    private static let reservedPacked: [UInt64] = reserved.map { packed($0.utf8) }.sorted()

    private static func packed(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Whether `bytes` (at most 5) spell a reserved word in any case. Bytes outside ASCII are
    /// never plain, which the caller checks.
    private static func isReserved(_ bytes: String.UTF8View) -> Bool {
        var word: UInt64 = 0
        for c in bytes {
            let lower = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
            word = word << 8 | UInt64(lower)
        }
        return reservedPacked.contains(word)
    }

    static func isPlainSafe(_ s: String) -> Bool {
        // Only printable ASCII is ever plain, so the bytes tell everything.
        let bytes = s.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard bytes.count > 5 || !isReserved(bytes) else { return false }
        // Must start with a letter, '_' or '/': never a digit, sign, dot or indicator.
        let isLetter = (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z"))
            || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
        guard isLetter || first == UInt8(ascii: "_") || first == UInt8(ascii: "/") else { return false }
        guard last != UInt8(ascii: " "), last != UInt8(ascii: ":") else { return false }
        var previous = UInt8(ascii: " ")
        for c in bytes {
            guard c >= 0x20, c < 0x7F else { return false }
            switch c {
            case UInt8(ascii: "#") where previous == UInt8(ascii: " "): return false
            case UInt8(ascii: " ") where previous == UInt8(ascii: ":") || previous == UInt8(ascii: " "): return false
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","),
                 UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"),
                 UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "`"),
                 UInt8(ascii: "\\"): return false
            default: break
            }
            previous = c
        }
        return true
    }

    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value)
                    || c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF {
                    out += c.value <= 0xFF ? "\\x" + hex(c.value, 2) : "\\u" + hex(c.value, 4)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
