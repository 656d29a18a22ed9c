import ShipshapeModel

/// Prints systemd unit files, escaping every value by systemd's rules (systemd.syntax(7),
/// systemd.service(7)): `%` is doubled everywhere (specifiers); in command lines `$` is doubled
/// (variable expansion) and words with whitespace, quotes, backslashes or `;` are double-quoted
/// with C escapes; assignments are always double-quoted. A value systemd cannot hold on one line
/// — a newline, carriage return or NUL, or a plain value ending in a backslash (a line
/// continuation) — is rejected at its spec location.
public enum SystemdWriter {
    /// Every value in `unit` that systemd could not read back intact, as located errors. Only
    /// checks: nothing is printed.
    public static func problems(_ unit: SystemdUnit) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for section in unit.sections {
            for entry in section.entries {
                do { try check(entry) } catch { found += (error as? DiagnosticError)?.diagnostics ?? [] }
            }
        }
        return found
    }

    public static func write(_ unit: SystemdUnit) throws -> String {
        var out = TextBuffer()
        for (index, section) in unit.sections.enumerated() {
            if index > 0 { out.append(byte: UInt8(ascii: "\n")) }
            out.append(byte: UInt8(ascii: "["))
            out.append(section.name)
            out.append("]\n")
            for entry in section.entries {
                out.append(entry.key)
                out.append(byte: UInt8(ascii: "="))
                try value(entry, into: &out)
                out.append(byte: UInt8(ascii: "\n"))
            }
        }
        return out.text
    }

    /// An entry's value as systemd reads it; its place is looked up only for an error.
    static func value(_ entry: SystemdUnit.Entry) throws -> String {
        var out = TextBuffer(capacity: 64)
        try value(entry, into: &out)
        return out.text
    }

    private static func value(_ entry: SystemdUnit.Entry, into out: inout TextBuffer) throws {
        try check(entry)
        switch entry.value {
        case let .raw(text):
            out.append(text)
        case let .text(text):
            out.append(doubling("%", in: text))
        case let .command(words):
            for (index, word) in words.enumerated() {
                if index > 0 { out.append(byte: UInt8(ascii: " ")) }
                commandWord(word, into: &out)
            }
        case let .assignments(pairs):
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out.append(byte: UInt8(ascii: " ")) }
                quoted(doubling("%", in: "\(key)=\(value)"), into: &out)
            }
        }
    }

    /// Throws for the first value of `entry` that systemd could not read back intact.
    static func check(_ entry: SystemdUnit.Entry) throws {
        if entry.isAccepted { return }
        switch rejection(entry.value) {
        case nil:
            return
        case let .lineBreak(text)?:
            throw DiagnosticError(.error("the value '\(NginxWriter.printable(text))' holds a line break or NUL, "
                                             + "which a systemd setting cannot hold",
                                         at: entry.location, expected: "a single-line value"))
        case let .continuation(text)?:
            throw DiagnosticError(.error("'\(text)' ends with a backslash, "
                                             + "which systemd reads as a line continuation",
                                         at: entry.location, expected: "a value that does not end with '\\'"))
        }
    }

    /// Why systemd could not read `value` back intact: the first text of it that holds a line
    /// break or NUL, or a plain text that ends with a backslash. Nil when it can.
    enum Rejection {
        case lineBreak(String)
        case continuation(String)
    }

    static func rejection(_ value: SystemdUnit.Value) -> Rejection? {
        func breaks(_ text: String) -> Bool { !Bytes.all(text) { $0 != 0x0A && $0 != 0x0D && $0 != 0 } }
        switch value {
        case .raw:
            return nil
        case let .text(text):
            if breaks(text) { return .lineBreak(text) }
            let continued = Bytes.read(text) { $0.last } == UInt8(ascii: "\\") && text.hasSuffix("\\")
            return continued ? .continuation(text) : nil
        case let .command(words):
            return words.first(where: breaks).map(Rejection.lineBreak)
        case let .assignments(pairs):
            return pairs.first { breaks($0.1) }.map { .lineBreak($0.1) }
        }
    }

    /// `text` with every `character` (`%` or `$`) written twice, systemd's escape for them. Text
    /// without the character's byte is returned as it is, without a search by characters.
    static func doubling(_ character: Unicode.Scalar, in text: String) -> String {
        guard character.isASCII, Bytes.contains(UInt8(character.value), in: text),
              text.contains(Character(character)) else {
            return text
        }
        let single = String(character)
        return text.replacingOccurrences(of: single, with: single + single)
    }

    /// One word of a command line.
    static func commandWord(_ word: String, into out: inout TextBuffer) {
        let escaped = doubling("$", in: doubling("%", in: word))
        let needsQuotes = escaped.isEmpty || escaped == ";" || escaped.utf8.contains {
            $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
                || $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 == 0x7F
        }
        if needsQuotes { quoted(escaped, into: &out) } else { out.append(escaped) }
    }

    /// Double-quoted with C escapes.
    static func quoted(_ text: String, into out: inout TextBuffer) {
        out.append(byte: UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out.append("\\\\")
            case UInt8(ascii: "\""): out.append("\\\"")
            case UInt8(ascii: "\t"): out.append("\\t")
            case ..<0x20, 0x7F:
                out.append("\\x")
                out.append(hex: UInt32(byte), width: 2, uppercase: false)
            default: out.append(byte: byte)
            }
        }
        out.append(byte: UInt8(ascii: "\""))
    }
}
