import Foundation
import ShipshapeModel
import ShipshapeRender

/// A source key that did not carry over into the stack: where it is, why, and what to do.
public struct Loss: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var location: SourceLocation
    /// The key's path in its source (`services.web.ulimits`, `Deployment/api:spec.template.spec.tolerations`).
    public var key: String
    public var reason: String
    public var fix: String

    public init(at location: SourceLocation, key: String, reason: String, fix: String) {
        self.location = location
        self.key = key
        self.reason = reason
        self.fix = fix
    }

    public static func < (a: Loss, b: Loss) -> Bool {
        (a.location, a.key) < (b.location, b.key)
    }

    /// `FILE:LINE:COLUMN: lost: KEY: WHY; to do: WHAT`. Never holds a value.
    public var description: String { "\(location): lost: \(key): \(reason); to do: \(fix)" }
}

/// A value that looked like a credential: it became a secret reference, and the value is for
/// the user to put where the stack reads it. The value itself is never kept.
public struct SecretNote: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var location: SourceLocation
    public var key: String
    /// `secret/key` in the stack.
    public var reference: String
    /// Where the value goes.
    public var whereToPut: String

    public static func < (a: SecretNote, b: SecretNote) -> Bool { (a.location, a.key) < (b.location, b.key) }

    public var description: String { "\(location): secret: \(key) -> \(reference): \(whereToPut)" }
}

/// What an import produced: the stack (a document printed as stack.yaml) and the account of
/// everything that did not carry over.
public struct ImportResult: Sendable {
    public var stackName: String
    public var stack: DocNode
    public var losses: [Loss]
    public var secrets: [SecretNote]

    /// The stack as YAML, with a header comment naming its sources.
    public func stackYAML(sources: [String]) -> String {
        let header =
            "# Imported by `shipshape import` from \(sources.joined(separator: ", ")).\n"
            + "# \(losses.count) source key\(losses.count == 1 ? "" : "s") did not carry over: "
            + "see import-report.txt.\n"
        return header + YAMLEmitter.emit(stack)
    }

    /// The loss report: one line per lost key, then one per secret to provide, sorted by place.
    public var report: String {
        var text = "# shipshape import report\n"
        text += "# \(losses.count) lost, \(secrets.count) secret value\(secrets.count == 1 ? "" : "s") to provide\n"
        for loss in losses.sorted() { text += "\(loss)\n" }
        for note in secrets.sorted() { text += "\(note)\n" }
        return text
    }
}

/// One input file: the path shown in locations, its text, and the folder its relative paths
/// start from.
public struct InputFile: Sendable {
    public var path: String
    public var text: String
    public var folder: String

    public init(path: String, text: String, folder: String) {
        self.path = path
        self.text = text
        self.folder = folder
    }

    /// Reads a file; a located error when it cannot be read.
    public static func read(_ path: String) throws -> InputFile {
        // FileHandle also reads pipes (`/dev/stdin`), which `contents(atPath:)` does not.
        guard
            let data = FileManager.default.contents(atPath: path)
                ?? FileHandle(forReadingAtPath: path).map({ $0.readDataToEndOfFile() })
        else {
            throw DiagnosticError(.error("cannot read \(path)", at: .start(of: path), expected: "a readable file"))
        }
        guard data.count <= 16 * 1_048_576, let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(
                .error(
                    "\(path) is not UTF-8 text under 16 MiB", at: .start(of: path),
                    expected: "a YAML file"))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        return InputFile(path: path, text: text, folder: folder)
    }
}

/// Collects what an importer finds on the way.
final class ImportLog {
    var losses: [Loss] = []
    var secrets: [SecretNote] = []

    func lost(_ node: SourceNode?, _ key: String, _ reason: String, _ fix: String, fallback: SourceLocation? = nil) {
        guard let location = node?.location ?? fallback else { return }
        let loss = Loss(at: location, key: key, reason: reason, fix: fix)
        if !losses.contains(loss) { losses.append(loss) }
    }

    func secret(_ node: SourceNode, _ key: String, _ reference: String, _ whereToPut: String) {
        let note = SecretNote(location: node.location, key: key, reference: reference, whereToPut: whereToPut)
        if !secrets.contains(note) { secrets.append(note) }
    }
}

/// Names that the stack accepts, made from names that may not be.
enum Naming {
    /// A DNS label: lowercase letters, digits and '-', at most 63, starting with a letter.
    static func label(_ text: String, fallback: String = "imported") -> String {
        var out = ""
        for c in text.lowercased() {
            if c.isASCII, c.isLetter || c.isNumber { out.append(c) } else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasPrefix("-") || out.first?.isNumber == true { out.removeFirst() }
        out = String(out.prefix(63))
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : out
    }

    /// A port name (IANA service name: at most 15, a letter, no '--').
    static func port(_ number: Int, taken: Set<String>) -> String {
        let known: [Int: String] = [
            80: "http", 8080: "http", 8000: "http", 3000: "http", 5000: "http", 8081: "http", 9000: "http",
            443: "https", 8443: "https", 5432: "postgres", 3306: "mysql", 6379: "redis", 27017: "mongodb",
            9090: "http", 5672: "amqp", 9200: "http", 11211: "memcached", 25: "smtp", 53: "dns",
        ]
        if let name = known[number], !taken.contains(name) { return name }
        let name = "port-\(number)"
        return taken.contains(name) ? "p\(number)-\(taken.count)" : name
    }

    /// A secret key (letters, digits, '-', '_', '.') from a variable name: `DB_PASSWORD` -> `db-password`.
    static func key(_ variable: String) -> String {
        let k = variable.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." ? $0 : "-" }
        let s = String(k).trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return s.isEmpty ? "value" : s
    }
}
