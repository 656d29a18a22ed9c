import ShipshapeModel

/// One token of an nginx configuration: what nginx reads (`text`, quotes and escapes undone), how
/// it was written (`spelling`) and where.
public struct NginxToken: Sendable, Hashable {
    public var text: String
    public var spelling: String
    public var location: SourceLocation
    /// True when the token was written in double or single quotes.
    public var isQuoted: Bool

    /// The token as the writer's argument: a quoted value the writer would spell the same way is
    /// `.value` (with this location); anything else `.raw` with its spelling, so it prints as written.
    public var argument: NginxArgument {
        isQuoted && (try? NginxWriter.quote(text)) == spelling ? .value(text, location) : .raw(spelling)
    }
}

/// A directive, block or comment as read from a file, with locations: the located twin of `NginxNode`.
public struct NginxStatement: Sendable, Hashable {
    /// The directive or block name; for a comment, its text (without `#` and one following space).
    public var name: NginxToken
    public var arguments: [NginxToken]
    /// The statements between `{` and `}`; nil for a directive or comment.
    public var children: [NginxStatement]?
    public var isComment: Bool

    /// Where the statement starts.
    public var location: SourceLocation { name.location }

    /// The name and arguments as nginx reads them.
    public var words: [String] { [name.text] + arguments.map(\.text) }

    /// The statement as the writer's value.
    public var node: NginxNode {
        if isComment { return .comment(name.text) }
        let arguments = arguments.map(\.argument)
        guard let children else { return .directive(name.spelling, arguments) }
        return .block(name.spelling, arguments, children.map(\.node))
    }
}

/// Reads nginx configuration text the way nginx's own tokenizer does (ngx_conf_read_token):
/// whitespace-separated tokens, `"..."` and `'...'` quotes, `\` escapes (`\"`, `\'`, `\\`, `\t`,
/// `\r`, `\n`), `#` comments at the start of a token, `${name}` inside a token, `;` ending a
/// directive, `{ ... }` blocks. `include` is read as a directive; the file it names is not
/// opened. Malformed text is a `DiagnosticError` at the line and column nginx would report.
///
/// `NginxWriter.write(read(text))` gives `text` back for every file shipshape writes.
public enum NginxReader {
    /// The configuration as the writer's values.
    public static func read(_ text: String, file: String) throws -> [NginxNode] {
        try statements(text, file: file).map(\.node)
    }

    /// The configuration with the location of every statement and token.
    public static func statements(_ text: String, file: String) throws -> [NginxStatement] {
        var scanner = Scanner(text: Array(text.utf8), file: file)
        let statements = try scanner.block(depth: 0)
        return statements
    }

    /// Deepest block nesting accepted (nginx configurations nest a handful of levels).
    public static let maxDepth = 100

    /// Works on the UTF-8 bytes: every character that means something to nginx is ASCII, and an
    /// ASCII byte is never part of another character; columns count characters (Unicode scalars),
    /// so a byte that continues a character does not move the column.
    private struct Scanner {
        let text: [UInt8]
        let file: String
        var index = 0
        var line = 1
        var column = 1

        init(text: [UInt8], file: String) {
            self.text = text
            self.file = file
        }

        var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

        func error(_ message: String, at location: SourceLocation, expected: String? = nil) -> DiagnosticError {
            DiagnosticError(.error(message, at: location, expected: expected))
        }

        mutating func advance() {
            if text[index] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if text[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }

        static func isSpace(_ c: UInt8) -> Bool {
            c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n")
        }

        /// The character (Unicode scalar) that starts at `index`, as text.
        func character(at index: Int) -> String {
            var end = index + 1
            while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
            return String(decoding: text[index..<end], as: UTF8.self)
        }

        /// Statements up to the `}` that closes this block (consumed), or the end of the text at depth 0.
        mutating func block(depth: Int, opened: SourceLocation? = nil) throws -> [NginxStatement] {
            var statements: [NginxStatement] = []
            var words: [NginxToken] = []
            var comments: [NginxStatement] = []
            while true {
                // Between tokens: whitespace, comments, or a character that ends the statement.
                while index < text.count, Self.isSpace(text[index]) { advance() }
                guard index < text.count else {
                    if !words.isEmpty {
                        throw error("unexpected end of file", at: here,
                                    expected: "';' or '}' after '\(words[0].text)'")
                    }
                    if let opened {
                        throw error("unexpected end of file", at: here,
                                    expected: "'}' closing the block at line \(opened.line)")
                    }
                    return statements
                }
                let start = here
                switch text[index] {
                case UInt8(ascii: "#"):
                    // A comment inside a directive's words goes before the directive.
                    if words.isEmpty { statements.append(comment()) } else { comments.append(comment()) }
                case UInt8(ascii: ";"):
                    guard let name = words.first else {
                        throw error("unexpected ';'", at: start, expected: "a directive")
                    }
                    advance()
                    statements += comments
                    statements.append(NginxStatement(name: name, arguments: Array(words.dropFirst()), children: nil,
                                                     isComment: false))
                    words = []
                    comments = []
                case UInt8(ascii: "{"):
                    guard let name = words.first else {
                        throw error("unexpected '{'", at: start, expected: "a block name")
                    }
                    guard depth < NginxReader.maxDepth else {
                        throw error("blocks nested deeper than \(NginxReader.maxDepth) levels", at: start)
                    }
                    advance()
                    let inner = try block(depth: depth + 1, opened: name.location)
                    statements += comments
                    statements.append(NginxStatement(name: name, arguments: Array(words.dropFirst()), children: inner,
                                                     isComment: false))
                    words = []
                    comments = []
                case UInt8(ascii: "}"):
                    guard words.isEmpty else {
                        throw error("unexpected '}'", at: start, expected: "';' after '\(words[0].text)'")
                    }
                    guard opened != nil else {
                        throw error("unexpected '}'", at: start, expected: "no '}' outside a block")
                    }
                    advance()
                    return statements
                default:
                    words.append(try token())
                }
            }
        }

        /// A `#` comment to the end of the line.
        mutating func comment() -> NginxStatement {
            let start = here
            advance()
            let first = index
            while index < text.count, text[index] != UInt8(ascii: "\n") { advance() }
            var body = String(decoding: text[first..<index], as: UTF8.self)
            if body.hasPrefix(" ") { body.removeFirst() }
            if body.hasSuffix("\r") { body.removeLast() }
            let token = NginxToken(text: body, spelling: body, location: start, isQuoted: false)
            return NginxStatement(name: token, arguments: [], children: nil, isComment: true)
        }

        /// One token; the scanner stands on its first character, which is not a space, `;`, `{`, `}` or `#`.
        mutating func token() throws -> NginxToken {
            let start = here
            let first = index
            let opening = text[index]
            let quote: UInt8? = opening == UInt8(ascii: "\"") || opening == UInt8(ascii: "'") ? opening : nil
            if quote != nil { advance() }
            var raw: [UInt8] = []
            var variable = false
            while true {
                guard index < text.count else {
                    if let quote {
                        throw error("unexpected end of file", at: here,
                                    expected: "the closing \(Unicode.Scalar(quote)) of the value at line \(start.line)")
                    }
                    break
                }
                let c = text[index]
                if c == UInt8(ascii: "\\") {
                    // The escaped character never ends the token.
                    raw.append(c)
                    advance()
                    guard index < text.count else { continue }
                    raw.append(text[index])
                    advance()
                    variable = false
                    continue
                }
                if c == UInt8(ascii: "{"), variable, quote == nil {
                    raw.append(c)
                    advance()
                    variable = false
                    continue
                }
                variable = c == UInt8(ascii: "$")
                if let quote {
                    advance()
                    if c == quote { break }
                    raw.append(c)
                    continue
                }
                if Self.isSpace(c) || c == UInt8(ascii: ";") || c == UInt8(ascii: "{") { break }
                raw.append(c)
                advance()
            }
            if quote != nil, index < text.count {
                // After a closing quote nginx wants a space, ';', '{' or ')'.
                let c = text[index]
                if !(Self.isSpace(c) || c == UInt8(ascii: ";") || c == UInt8(ascii: "{") || c == UInt8(ascii: ")")) {
                    throw error("unexpected '\(Diagnostic.printable(character(at: index)))' after a quoted value",
                                at: here,
                                expected: "a space, ';' or '{'")
                }
            }
            let spelling = String(decoding: text[first..<index], as: UTF8.self)
            return NginxToken(text: Self.unescape(raw), spelling: spelling, location: start, isQuoted: quote != nil)
        }

        /// nginx's unescaping: `\"`, `\'`, `\\` give the character, `\t`, `\r`, `\n` a control
        /// character; any other `\x` stays as written.
        static func unescape(_ raw: [UInt8]) -> String {
            guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var i = 0
            while i < raw.count {
                if raw[i] == UInt8(ascii: "\\"), i + 1 < raw.count {
                    switch raw[i + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"):
                        out.append(raw[i + 1]); i += 2; continue
                    case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t")); i += 2; continue
                    case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r")); i += 2; continue
                    case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n")); i += 2; continue
                    default: break
                    }
                }
                out.append(raw[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
