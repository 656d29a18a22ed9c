/// How serious a diagnostic is.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found in the input, as a value: collected first, reported together.
///
/// Printed the way compilers and editors expect:
/// `stack.yaml:12:7: error: unknown key 'replica', expected one of ...; did you mean 'replicas'?`
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// What would have been accepted, for example `a duration such as 10s or 5m`.
    public var expected: String?
    /// A suggestion, for example `did you mean 'replicas'?`.
    public var hint: String?

    public init(
        _ severity: Severity = .error,
        _ message: String,
        at location: SourceLocation?,
        expected: String? = nil,
        hint: String? = nil
    ) {
        self.severity = severity
        self.message = Self.shorteningQuotes(Self.hidingCredentials(Self.printable(message)))
        self.location = location
        self.expected = expected.map(Self.printable)
        self.hint = hint.map(Self.printable)
    }

    /// `text` with control characters written as `\u{a}`: a message quotes spec values, and a
    /// value must not start a new log line or send escape sequences to a terminal.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return text.unicodeScalars.map { isControl($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }

    /// `text` with every quoted value that looks like a credential (a URL with a password, a
    /// known key format, a long high-entropy token) replaced: a value pasted into the wrong
    /// field must not reach a CI log through the error that reports it.
    public static func hidingCredentials(_ text: String) -> String {
        let parts = text.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return text }
        return parts.enumerated().map { index, part in
            index % 2 == 1 && index < parts.count - 1 && SecretPatterns.looksSecret(String(part))
                ? "<hidden: looks like a credential>" : String(part)
        }.joined(separator: "'")
    }

    /// `text` with every quoted value over 120 characters cut to its first 100 and its length:
    /// a message names a value, it does not reprint a 256 KiB one.
    public static func shorteningQuotes(_ text: String) -> String {
        let parts = text.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.contains(where: { $0.unicodeScalars.count > 120 }) else { return text }
        return parts.enumerated().map { index, part in
            let scalars = part.unicodeScalars
            guard index % 2 == 1, index < parts.count - 1, scalars.count > 120 else { return String(part) }
            return String(String.UnicodeScalarView(scalars.prefix(100))) + "... (\(scalars.count) characters)"
        }.joined(separator: "'")
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format
    }

    public static func error(
        _ message: String, at location: SourceLocation?, expected: String? = nil, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, at: location, expected: expected, hint: hint)
    }

    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        if let expected { text += ", expected \(expected)" }
        if let hint { text += "; \(hint)" }
        return text
    }
}

/// One or more input errors; thrown by stages that cannot produce their output.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Collects diagnostics while a stage runs, so one run reports every problem it can find.
public final class DiagnosticCollector: @unchecked Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public func error(_ message: String, at location: SourceLocation?, expected: String? = nil, hint: String? = nil) {
        report(.error(message, at: location, expected: expected, hint: hint))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Throws the collected diagnostics, sorted by place and without repeats, if any is an error.
    public func throwIfErrors() throws {
        guard hasErrors else { return }
        throw DiagnosticError(Self.ordered(diagnostics))
    }

    /// Sorted by file, line, column (unlocated last), duplicates removed.
    public static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        let unique = diagnostics.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}
