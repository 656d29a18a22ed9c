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
        var scanner = Scanner(text: Array(text.unicodeScalars), file: file)
        let statements = try scanner.block(depth: 0)
        return statements
    }

    /// Deepest block nesting accepted (nginx configurations nest a handful of levels).
    public static let maxDepth = 100

    private struct Scanner {
        let text: [Unicode.Scalar]
        let file: String
        var index = 0
        var line = 1
        var column = 1

        init(text: [Unicode.Scalar], file: String) {
            self.text = text
            self.file = file
        }

        var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

        func error(_ message: String, at location: SourceLocation, expected: String? = nil) -> DiagnosticError {
            DiagnosticError(.error(message, at: location, expected: expected))
        }

        mutating func advance() {
            if text[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }

        static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" }

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
                case "#":
                    // A comment inside a directive's words goes before the directive.
                    if words.isEmpty { statements.append(comment()) } else { comments.append(comment()) }
                case ";":
                    guard let name = words.first else {
                        throw error("unexpected ';'", at: start, expected: "a directive")
                    }
                    advance()
                    statements += comments
                    statements.append(NginxStatement(name: name, arguments: Array(words.dropFirst()), children: nil,
                                                     isComment: false))
                    words = []
                    comments = []
                case "{":
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
                case "}":
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
            var body = ""
            while index < text.count, text[index] != "\n" {
                body.unicodeScalars.append(text[index])
                advance()
            }
            if body.hasPrefix(" ") { body.removeFirst() }
            if body.hasSuffix("\r") { body.removeLast() }
            let token = NginxToken(text: body, spelling: body, location: start, isQuoted: false)
            return NginxStatement(name: token, arguments: [], children: nil, isComment: true)
        }

        /// One token; the scanner stands on its first character, which is not a space, `;`, `{`, `}` or `#`.
        mutating func token() throws -> NginxToken {
            let start = here
            let first = index
            let quote: Unicode.Scalar? = text[index] == "\"" || text[index] == "'" ? text[index] : nil
            if quote != nil { advance() }
            var raw: [Unicode.Scalar] = []
            var variable = false
            while true {
                guard index < text.count else {
                    if let quote {
                        throw error("unexpected end of file", at: here,
                                    expected: "the closing \(quote) of the value at line \(start.line)")
                    }
                    break
                }
                let c = text[index]
                if c == "\\" {
                    // The escaped character never ends the token.
                    raw.append(c)
                    advance()
                    guard index < text.count else { continue }
                    raw.append(text[index])
                    advance()
                    variable = false
                    continue
                }
                if c == "{", variable, quote == nil {
                    raw.append(c)
                    advance()
                    variable = false
                    continue
                }
                variable = c == "$"
                if let quote {
                    advance()
                    if c == quote { break }
                    raw.append(c)
                    continue
                }
                if Self.isSpace(c) || c == ";" || c == "{" { break }
                raw.append(c)
                advance()
            }
            if quote != nil, index < text.count {
                // After a closing quote nginx wants a space, ';', '{' or ')'.
                let c = text[index]
                if !(Self.isSpace(c) || c == ";" || c == "{" || c == ")") {
                    throw error("unexpected '\(Diagnostic.printable(String(c)))' after a quoted value", at: here,
                                expected: "a space, ';' or '{'")
                }
            }
            var spelling = ""
            spelling.unicodeScalars.append(contentsOf: text[first..<index])
            return NginxToken(text: Self.unescape(raw), spelling: spelling, location: start, isQuoted: quote != nil)
        }

        /// nginx's unescaping: `\"`, `\'`, `\\` give the character, `\t`, `\r`, `\n` a control
        /// character; any other `\x` stays as written.
        static func unescape(_ raw: [Unicode.Scalar]) -> String {
            var out = String.UnicodeScalarView()
            var i = 0
            while i < raw.count {
                if raw[i] == "\\", i + 1 < raw.count {
                    switch raw[i + 1] {
                    case "\"", "'", "\\": out.append(raw[i + 1]); i += 2; continue
                    case "t": out.append("\t"); i += 2; continue
                    case "r": out.append("\r"); i += 2; continue
                    case "n": out.append("\n"); i += 2; continue
                    default: break
                    }
                }
                out.append(raw[i])
                i += 1
            }
            return String(out)
        }
    }
}
