import Foundation
import ShipshapeRender
import Yams

/// Turns files — rendered in memory or read from disk, written by shipshape or not — into
/// artifacts. The format is told by path (`.../kubernetes/...`, `.conf`, `.service`) and content.
public enum ArtifactReader {
    public static func artifacts(_ files: [RenderedFile]) -> [Artifact] {
        files.sorted { $0.path < $1.path }.flatMap(artifacts)
    }

    public static func artifacts(_ file: RenderedFile) -> [Artifact] {
        let name = (file.path as NSString).lastPathComponent
        if name.hasSuffix(".service") || name.hasSuffix(".timer") || name.hasSuffix(".socket") {
            return [Artifact(target: "systemd", identity: name, file: file.path, value: SystemdParser.parse(file.contents))]
        }
        if name.hasSuffix(".conf") {
            return NginxParser.parse(file.contents).map { identity, value in
                Artifact(target: "nginx", identity: identity, file: file.path, value: value)
            }
        }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard let documents = try? yamlDocuments(file.contents) else { return text(file) }
            return artifacts(documents: documents, file: file.path)
        }
        return text(file)
    }

    /// Artifacts of the YAML documents of one file: Kubernetes objects by kind and name,
    /// compose services by name (and compose's other top-level keys), anything else whole.
    public static func artifacts(documents: [DiffValue], file: String) -> [Artifact] {
        var result: [Artifact] = []
        for case let .map(map) in documents {
            if case let .scalar(kind)? = map["kind"], map["apiVersion"] != nil {
                var name = "?"
                if case let .map(metadata)? = map["metadata"], case let .scalar(n)? = metadata["name"] { name = n }
                result.append(Artifact(target: "kubernetes", identity: "\(kind)/\(name)", file: file, value: .map(map)))
            } else if case let .map(services)? = map["services"] {
                for (service, value) in services {
                    result.append(Artifact(target: "compose", identity: "service/\(service)", file: file, value: value))
                }
                for key in map.keys.sorted() where key != "services" {
                    result.append(Artifact(target: "compose", identity: key, file: file, value: map[key]!))
                }
            } else {
                result.append(Artifact(target: "file", identity: file, file: file, value: .map(map)))
            }
        }
        return result
    }

    static func text(_ file: RenderedFile) -> [Artifact] {
        [Artifact(target: "file", identity: file.path, file: file.path,
                  value: .map(Dictionary(file.contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                      ("line \($0.offset + 1)", DiffValue.scalar(String($0.element)))
                  }, uniquingKeysWith: { a, _ in a })))]
    }

    /// The documents of a YAML file as DiffValues. Scalars keep their text (no tag resolution:
    /// a diff compares what is written); plain null and boolean spellings are normalised, and
    /// merge keys (`<<: *defaults`, common in compose files) are expanded.
    static func yamlDocuments(_ text: String) throws -> [DiffValue] {
        let parser = try Parser(yaml: text, resolver: .basic)
        var documents: [DiffValue] = []
        while let root = try parser.nextRoot() { documents.append(convert(root)) }
        return documents
    }

    static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let booleans: [String: String] = ["true": "true", "True": "true", "TRUE": "true", "false": "false", "False": "false", "FALSE": "false"]

    static func convert(_ node: Node) -> DiffValue {
        switch node {
        case let .scalar(scalar):
            guard scalar.style == .plain || scalar.style == .any else { return .scalar(scalar.string) }
            if nulls.contains(scalar.string) { return .scalar("null") }
            return .scalar(booleans[scalar.string] ?? scalar.string)
        case let .sequence(sequence):
            return .list(sequence.map(convert))
        case let .mapping(mapping):
            var members: [String: DiffValue] = [:]
            var merged: [String: DiffValue] = [:]
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                if name == "<<", case let .scalar(k) = key, k.style == .plain {
                    let sources = value.sequence.map { Array($0) } ?? [value]
                    for case let .map(source) in sources.map(convert) {
                        for (k, v) in source where merged[k] == nil { merged[k] = v }
                    }
                    continue
                }
                members[name] = convert(value)
            }
            for (k, v) in merged where members[k] == nil { members[k] = v }
            return .map(members)
        case let .alias(alias):
            return .scalar("*\(alias.anchor.rawValue)")
        }
    }
}

/// Reads systemd unit files: section -> key -> values (repeated keys kept in order).
enum SystemdParser {
    static func parse(_ text: String) -> DiffValue {
        var sections: [String: [String: [String]]] = [:]
        var section = ""
        for raw in text.split(separator: "\n") {
            let line = trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") { section = String(line.dropFirst().dropLast()); continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            sections[section, default: [:]][String(trimmed(line[..<eq])), default: []].append(String(trimmed(line[line.index(after: eq)...])))
        }
        return .map(sections.mapValues { keys in
            .map(keys.mapValues { $0.count == 1 ? .scalar($0[0]) : .list($0.map(DiffValue.scalar)) })
        })
    }

    /// Without leading and trailing spaces, tabs and carriage returns.
    static func trimmed(_ text: Substring) -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else { return "" }
        return text[first...last]
    }
}

/// Reads nginx configuration into top-level blocks keyed by their header (`upstream api_http`,
/// `server api.example.com:443`); inside, directives by name (`add_header X-Frame-Options`
/// and `proxy_set_header Host` by name and first argument) and nested blocks by header
/// (`location /metrics`).
enum NginxParser {
    static func parse(_ text: String) -> [(String, DiffValue)] {
        var tokens = tokenize(text)[...]
        let nodes = parseBlock(&tokens)
        var result: [(String, DiffValue)] = []
        var loose: [String: DiffValue] = [:]
        for node in nodes {
            switch node {
            case let .block(header, children): result.append((identity(header, children), value(children)))
            case let .directive(words): loose[key(words)] = .scalar(words.dropFirst(keyWidth(words)).joined(separator: " "))
            }
        }
        if !loose.isEmpty { result.append(("directives", .map(loose))) }
        return result
    }

    indirect enum Node {
        case directive([String])
        case block([String], [Node])
    }

    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        var inComment = false
        var hasToken = false
        for c in text {
            if inComment { if c == "\n" { inComment = false }; continue }
            if let q = quote {
                if escaped { current.append(c); escaped = false }
                else if c == "\\" { escaped = true }
                else if c == q { quote = nil }
                else { current.append(c) }
                continue
            }
            switch c {
            case "#": inComment = true
            case "\"", "'": quote = c; hasToken = true
            case " ", "\t", "\n", "\r":
                if hasToken || !current.isEmpty { tokens.append(current) }
                current = ""; hasToken = false
            case ";", "{", "}":
                if hasToken || !current.isEmpty { tokens.append(current) }
                current = ""; hasToken = false
                tokens.append(String(c))
            default: current.append(c)
            }
        }
        if hasToken || !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func parseBlock(_ tokens: inout ArraySlice<String>) -> [Node] {
        var nodes: [Node] = []
        var words: [String] = []
        while let token = tokens.popFirst() {
            switch token {
            case ";": if !words.isEmpty { nodes.append(.directive(words)) }; words = []
            case "{": nodes.append(.block(words, parseBlock(&tokens))); words = []
            case "}": return nodes
            default: words.append(token)
            }
        }
        return nodes
    }

    /// Directives that repeat with different first arguments are told apart by it.
    static func keyWidth(_ words: [String]) -> Int {
        ["add_header", "proxy_set_header", "limit_req_zone", "include", "allow", "deny", "listen", "server", "gzip_types"].contains(words.first ?? "") ? 2 : 1
    }

    static func key(_ words: [String]) -> String { words.prefix(keyWidth(words)).joined(separator: " ") }

    static func identity(_ header: [String], _ children: [Node]) -> String {
        guard header.first == "server", header.count == 1 else { return header.joined(separator: " ") }
        var names: [String] = [], ports: [String] = []
        for case let .directive(words) in children {
            if words.first == "server_name" { names += words.dropFirst() }
            if words.first == "listen", words.count > 1, !words[1].hasPrefix("[") { ports.append(words[1]) }
        }
        return "server \(names.joined(separator: " ")):\(ports.joined(separator: ","))"
    }

    static func value(_ children: [Node]) -> DiffValue {
        var members: [String: DiffValue] = [:]
        for child in children {
            switch child {
            case let .directive(words): members[key(words)] = .scalar(words.dropFirst(keyWidth(words)).joined(separator: " "))
            case let .block(header, inner): members[header.joined(separator: " ")] = value(inner)
            }
        }
        return .map(members)
    }
}
