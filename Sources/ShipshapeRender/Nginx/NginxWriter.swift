import ShipshapeModel

/// Prints nginx configuration, quoting every spec value by nginx's grammar. A value nginx
/// cannot read back intact is rejected with its spec location: control characters (a newline
/// would end the directive), `$` (nginx would read a variable; it has no escape for it), and
/// values over 4,096 characters. Everything else is written bare when it is a plain token, or
/// double-quoted with `\` and `"` escaped — so `;`, `{`, `}`, `#` and spaces stay inside the value.
public enum NginxWriter {
    public static let maxValueLength = 4096

    /// Every spec value in `nodes` that nginx could not read back intact, as located errors.
    public static func problems(_ nodes: [NginxNode]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func visit(_ nodes: [NginxNode]) {
            for node in nodes {
                switch node {
                case .comment: continue
                case let .directive(_, args): args.forEach(check)
                case let .block(_, args, children):
                    args.forEach(check)
                    visit(children)
                }
            }
        }
        func check(_ argument: NginxArgument) {
            guard case let .value(text, location) = argument else { return }
            do { _ = try quote(text, at: location) } catch { found += (error as? DiagnosticError)?.diagnostics ?? [] }
        }
        visit(nodes)
        return found
    }

    public static func write(_ nodes: [NginxNode]) throws -> String {
        var out = ""
        try write(nodes, indent: 0, into: &out)
        return out
    }

    private static func write(_ nodes: [NginxNode], indent: Int, into out: inout String) throws {
        let pad = String(repeating: "    ", count: indent)
        for node in nodes {
            switch node {
            case let .comment(text):
                out += pad + "# " + text.filter { $0 != "\n" && $0 != "\r" } + "\n"
            case let .directive(name, args):
                out += pad + ([name] + (try args.map(argument))).joined(separator: " ") + ";\n"
            case let .block(name, args, children):
                out += pad + ([name] + (try args.map(argument))).joined(separator: " ") + " {\n"
                try write(children, indent: indent + 1, into: &out)
                out += pad + "}\n"
            }
        }
    }

    static func argument(_ argument: NginxArgument) throws -> String {
        switch argument {
        case let .raw(text): return text
        case let .value(text, location): return try quote(text, at: location)
        }
    }

    /// The value as one nginx token.
    public static func quote(_ value: String, at location: SourceLocation? = nil) throws -> String {
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw DiagnosticError(.error("the value '\(printable(value))' holds a control character "
                                             + "(newline, tab or NUL), which nginx cannot read in a directive",
                                         at: location, expected: "a single-line value"))
        }
        if Bytes.contains(UInt8(ascii: "$"), in: value) {
            throw DiagnosticError(.error("the value '\(printable(value))' holds '$', which nginx reads as a variable",
                                         at: location, expected: "a value without '$'"))
        }
        if value.count > maxValueLength {
            throw DiagnosticError(.error("the value is \(value.count) characters long", at: location,
                                         expected: "at most \(maxValueLength) characters"))
        }
        if !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.isASCII && (isWordCharacter($0)) }) {
            return value
        }
        let escaped = Bytes.replacing(UInt8(ascii: "\""), with: "\\\"",
                                      in: Bytes.replacing(UInt8(ascii: "\\"), with: "\\\\", in: value))
        return "\"" + escaped + "\""
    }

    private static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || "._/:@*+=,%-".unicodeScalars.contains(s)
    }

    static func printable(_ value: String) -> String {
        let shown = Diagnostic.printable(String(String.UnicodeScalarView(value.unicodeScalars.prefix(60))))
        return value.unicodeScalars.count > 60 ? shown + "..." : shown
    }
}
