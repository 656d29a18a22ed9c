import ShipshapeModel

/// Prints systemd unit files, escaping every value by systemd's rules (systemd.syntax(7),
/// systemd.service(7)): `%` is doubled everywhere (specifiers); in command lines `$` is doubled
/// (variable expansion) and words with whitespace, quotes, backslashes or `;` are double-quoted
/// with C escapes; assignments are always double-quoted. A value systemd cannot hold on one line
/// — a newline, carriage return or NUL, or a plain value ending in a backslash (a line
/// continuation) — is rejected at its spec location.
public enum SystemdWriter {
    /// Every value in `unit` that systemd could not read back intact, as located errors.
    public static func problems(_ unit: SystemdUnit) -> [Diagnostic] {
        unit.sections.flatMap(\.entries).flatMap { entry -> [Diagnostic] in
            do {
                _ = try value(entry)
                return []
            } catch {
                return (error as? DiagnosticError)?.diagnostics ?? []
            }
        }
    }

    public static func write(_ unit: SystemdUnit) throws -> String {
        var out = ""
        for (index, section) in unit.sections.enumerated() {
            if index > 0 { out += "\n" }
            out += "[\(section.name)]\n"
            for entry in section.entries {
                out += entry.key + "=" + (try value(entry)) + "\n"
            }
        }
        return out
    }

    /// An entry's value as systemd reads it; its place is looked up only for an error.
    static func value(_ entry: SystemdUnit.Entry) throws -> String {
        switch entry.value {
        case let .raw(text):
            return text
        case let .text(text):
            try checkLine(text, of: entry)
            if text.hasSuffix("\\") {
                throw DiagnosticError(.error("'\(text)' ends with a backslash, "
                                                 + "which systemd reads as a line continuation",
                                             at: entry.location, expected: "a value that does not end with '\\'"))
            }
            return doubling("%", in: text)
        case let .command(words):
            for word in words { try checkLine(word, of: entry) }
            return words.map(commandWord).joined(separator: " ")
        case let .assignments(pairs):
            return try pairs.map { key, value in
                try checkLine(value, of: entry)
                return quoted(doubling("%", in: "\(key)=\(value)"))
            }.joined(separator: " ")
        }
    }

    static func checkLine(_ text: String, of entry: SystemdUnit.Entry) throws {
        if text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0 }) {
            throw DiagnosticError(.error("the value '\(NginxWriter.printable(text))' holds a line break or NUL, "
                                             + "which a systemd setting cannot hold",
                                         at: entry.location, expected: "a single-line value"))
        }
    }

    /// `text` with every `character` written twice (systemd's escape for `%` and `$`).
    static func doubling(_ character: Character, in text: String) -> String {
        text.contains(character)
            ? text.replacingOccurrences(of: String(character), with: String(repeating: character, count: 2))
            : text
    }

    /// One word of a command line.
    static func commandWord(_ word: String) -> String {
        let escaped = doubling("$", in: doubling("%", in: word))
        let needsQuotes = escaped.isEmpty || escaped == ";" || escaped.unicodeScalars.contains {
            $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
        }
        return needsQuotes ? quoted(escaped) : escaped
    }

    /// Double-quoted with C escapes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
