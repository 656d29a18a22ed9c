import ShipshapeModel

/// Reads systemd unit files the way systemd does (systemd.syntax(7)): `[Section]` headers,
/// `Key=value` settings (a key may repeat), `#` and `;` comment lines, a line ending in `\`
/// continued on the next (the `\` read as a space), surrounding whitespace dropped. Values
/// become the writer's types: `Exec*=` command lines are split into words with systemd's
/// quotes and C escapes, `%%` read as `%` and `$$` as `$`; `Environment=` into assignments;
/// other keys into text with `%%` read as `%`. A value the writer would not print exactly as
/// written — one using a specifier (`%d`) or a variable (`$HOME`), or spelled unusually — stays
/// `.raw` as written, so `SystemdWriter.write(read(text))` gives every file shipshape writes back.
/// A line that is neither a header, a setting nor a comment is a located `DiagnosticError`.
public enum SystemdReader {
    /// A section with where its header is.
    public struct Section: Sendable, Hashable {
        public var name: String
        public var location: SourceLocation
        public var settings: [Setting]
    }

    /// One `Key=value` line (with its continuations).
    public struct Setting: Sendable, Hashable {
        public var key: String
        /// The value as written: continuation lines joined, surrounding whitespace dropped.
        public var text: String
        /// The value as systemd reads it, in the writer's types.
        public var value: SystemdUnit.Value
        /// Where the key is.
        public var location: SourceLocation
    }

    /// The unit named `name` (`api.service`); locations name `file`, by default `name`.
    public static func read(_ text: String, name: String, file: String? = nil) throws -> SystemdUnit {
        let sections = try sections(text, file: file ?? name)
        return SystemdUnit(name: name, sections: sections.map { section in
            SystemdUnit.Section(name: section.name, entries: section.settings.map {
                SystemdUnit.Entry(key: $0.key, value: $0.value, location: $0.location)
            })
        })
    }

    /// The sections of a unit file, in order (a section written twice appears twice).
    public static func sections(_ text: String, file: String) throws -> [Section] {
        var sections: [Section] = []
        var pending: (text: String, location: SourceLocation)?
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, scalars) in lines.enumerated() {
            var body = String(String.UnicodeScalarView(scalars))
            if body.unicodeScalars.last == "\r" { body.unicodeScalars.removeLast() }
            let indent = body.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            let lead = body.unicodeScalars.dropFirst(indent)
            if lead.first == "#" || lead.first == ";" { continue }
            var line = (pending?.text ?? "") + body
            let location = pending?.location ?? SourceLocation(file: file, line: offset + 1, column: indent + 1)
            if endsInEscape(line) {
                line.unicodeScalars.removeLast()
                pending = (line + " ", location)
                continue
            }
            pending = nil
            line = String(strip(Substring(line)))
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw DiagnosticError(.error("invalid section header '\(line)'", at: location, expected: "[Name]"))
                }
                sections.append(Section(name: String(line.dropFirst().dropLast()), location: location, settings: []))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw DiagnosticError(.error("'\(line)' is not a setting", at: location,
                                             expected: "Key=value, a [Section] or a comment"))
            }
            let key = String(strip(line[..<equals]))
            let value = String(strip(line[line.index(after: equals)...]))
            guard !key.isEmpty else {
                throw DiagnosticError(.error("a setting without a key", at: location, expected: "Key=value"))
            }
            guard !sections.isEmpty else {
                throw DiagnosticError(.error("the setting '\(key)' is outside a section", at: location,
                                             expected: "a [Section] header first"))
            }
            let setting = Setting(key: key, text: value, value: typed(key: key, value), location: location)
            sections[sections.count - 1].settings.append(setting)
        }
        if let pending {
            throw DiagnosticError(.error("the file ends inside a continued line", at: pending.location,
                                         expected: "a line after the one ending in '\\'"))
        }
        return sections
    }

    /// The value in the writer's type for `key`, or `.raw` when the writer would spell it otherwise.
    static func typed(key: String, _ text: String) -> SystemdUnit.Value {
        let candidate: SystemdUnit.Value?
        if isCommand(key) {
            candidate = words(text).flatMap { words in
                words.reduce(into: [String]?.some([])) { result, word in
                    guard let w = undoubling("%", in: word).flatMap({ undoubling("$", in: $0) }) else {
                        return result = nil
                    }
                    result?.append(w)
                }
            }.map(SystemdUnit.Value.command)
        } else if key == "Environment" {
            candidate = words(text).flatMap { words in
                words.reduce(into: [(String, String)]?.some([])) { result, word in
                    guard let w = undoubling("%", in: word), let equals = w.firstIndex(of: "="),
                          equals != w.startIndex else {
                        return result = nil
                    }
                    result?.append((String(w[..<equals]), String(w[w.index(after: equals)...])))
                }
            }.map(SystemdUnit.Value.assignments)
        } else {
            candidate = undoubling("%", in: text).map(SystemdUnit.Value.text)
        }
        if let candidate, (try? SystemdWriter.value(.init(key: "", value: candidate, place: nil))) == text {
            return candidate
        }
        return .raw(text)
    }

    /// Keys whose value is a command line.
    static func isCommand(_ key: String) -> Bool {
        ["ExecStart", "ExecStartPre", "ExecStartPost", "ExecStop", "ExecStopPost", "ExecReload", "ExecCondition"]
            .contains(key)
    }

    /// `text` with every doubled `character` read as one; nil when one stands alone (a specifier
    /// or variable the writer cannot express).
    static func undoubling(_ character: Character, in text: String) -> String? {
        guard text.contains(character) else { return text }
        var out = ""
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            if c == character {
                guard iterator.next() == character else { return nil }
            }
            out.append(c)
        }
        return out
    }

    /// Splits a value into words as systemd does (extract_first_word with unquoting and C
    /// unescaping): whitespace separates, `"..."` and `'...'` quote, `\` escapes. Nil on an
    /// unterminated quote or an unknown escape.
    public static func words(_ text: String) -> [String]? {
        let scalars = Array(text.unicodeScalars)
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar?
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\" {
                guard let (scalar, length) = cunescape(scalars, at: i + 1) else { return nil }
                current.append(scalar)
                inWord = true
                i += 1 + length
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" || c == "\n" || c == "\r" {
                if inWord { words.append(String(current)) }
                current = String.UnicodeScalarView()
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
            i += 1
        }
        guard quote == nil else { return nil }
        if inWord { words.append(String(current)) }
        return words
    }

    /// One C escape (after the backslash): the character and how many scalars it took.
    static func cunescape(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < s.count else { return nil }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "a": "\u{7}", "b": "\u{8}", "f": "\u{C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{B}",
            "\\": "\\", "\"": "\"", "'": "'", "s": " ",
        ]
        if let scalar = simple[s[i]] { return (scalar, 1) }
        func number(_ start: Int, _ count: Int, radix: Int) -> UInt32? {
            guard start + count <= s.count else { return nil }
            var text = ""
            text.unicodeScalars.append(contentsOf: s[start..<start + count])
            return UInt32(text, radix: radix)
        }
        let value: UInt32?, length: Int
        switch s[i] {
        case "x": (value, length) = (number(i + 1, 2, radix: 16), 3)
        case "u": (value, length) = (number(i + 1, 4, radix: 16), 5)
        case "U": (value, length) = (number(i + 1, 8, radix: 16), 9)
        case "0"..."7": (value, length) = (number(i, 3, radix: 8), 3)
        default: return nil
        }
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    static func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\r" }

    static func strip(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { !isBlank($0) }),
              let last = text.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return text[first...last]
    }

    /// True when the line ends in a backslash that is not itself escaped.
    static func endsInEscape(_ line: String) -> Bool {
        var escaped = false
        for c in line.unicodeScalars { escaped = !escaped && c == "\\" }
        return escaped
    }
}
