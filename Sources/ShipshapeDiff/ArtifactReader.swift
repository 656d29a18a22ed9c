import Foundation
import ShipshapeRender

/// Turns files — rendered in memory or read from disk, written by shipshape or not — into
/// artifacts. The format is told by path (`.../kubernetes/...`, `.conf`, `.service`) and content.
public enum ArtifactReader {
    public static func artifacts(_ files: [RenderedFile]) -> [Artifact] {
        files.sorted { $0.path < $1.path }.flatMap(artifacts)
    }

    public static func artifacts(_ file: RenderedFile) -> [Artifact] {
        let name = (file.path as NSString).lastPathComponent
        if name.hasSuffix(".service") || name.hasSuffix(".timer") || name.hasSuffix(".socket") {
            guard let sections = try? SystemdReader.sections(file.contents, file: file.path) else { return text(file) }
            return [Artifact(target: "systemd", identity: name, file: file.path, value: systemd(sections))]
        }
        if name.hasSuffix(".conf") {
            guard let statements = try? NginxReader.statements(file.contents, file: file.path) else {
                return text(file)
            }
            return nginx(statements).map { identity, value in
                Artifact(target: "nginx", identity: identity, file: file.path, value: value)
            }
        }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard let documents = try? DocReader.read(file.contents, file: file.path) else { return text(file) }
            return artifacts(documents: documents.map(DiffValue.init), file: file.path)
        }
        return text(file)
    }

    /// Every file under a folder (hidden ones skipped), as artifacts.
    public static func artifacts(inFolder folder: String) throws -> [Artifact] {
        artifacts(try FolderReader.files(in: folder))
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
        let lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
        return [Artifact(target: "file", identity: file.path, file: file.path,
                         value: .map(Dictionary(lines.enumerated().map {
                             ("line \($0.offset + 1)", DiffValue.scalar(String($0.element)))
                         }, uniquingKeysWith: { a, _ in a })))]
    }
}

extension ArtifactReader {
    /// A unit as section -> key -> value as written (a repeated key as the list of its values;
    /// a section written twice read as one, as systemd does).
    static func systemd(_ sections: [SystemdReader.Section]) -> DiffValue {
        var values: [String: [String: [String]]] = [:]
        for section in sections {
            for setting in section.settings {
                values[section.name, default: [:]][setting.key, default: []].append(setting.text)
            }
        }
        return .map(values.mapValues { keys in
            .map(keys.mapValues { $0.count == 1 ? .scalar($0[0]) : .list($0.map(DiffValue.scalar)) })
        })
    }

    /// Top-level nginx blocks keyed by their header (`upstream api_http`, `server
    /// api.example.com:443`); inside, directives by name (`add_header X-Frame-Options` and
    /// `proxy_set_header Host` by name and first argument) and nested blocks by header
    /// (`location /metrics`). Loose top-level directives form one artifact, `directives`.
    static func nginx(_ statements: [NginxStatement]) -> [(String, DiffValue)] {
        var result: [(String, DiffValue)] = []
        var loose: [String: DiffValue] = [:]
        for statement in statements where !statement.isComment {
            let words = statement.words
            if let children = statement.children {
                result.append((nginxIdentity(words, children), nginxValue(children)))
            } else {
                loose[key(words)] = .scalar(words.dropFirst(keyWidth(words)).joined(separator: " "))
            }
        }
        if !loose.isEmpty { result.append(("directives", .map(loose))) }
        return result
    }

    /// Directives that repeat with different first arguments are told apart by it.
    static func keyWidth(_ words: [String]) -> Int {
        let repeating = [
            "add_header", "proxy_set_header", "limit_req_zone", "include", "allow", "deny", "listen", "server",
            "gzip_types",
        ]
        return repeating.contains(words.first ?? "") ? 2 : 1
    }

    static func key(_ words: [String]) -> String { words.prefix(keyWidth(words)).joined(separator: " ") }

    static func nginxIdentity(_ header: [String], _ children: [NginxStatement]) -> String {
        guard header.first == "server", header.count == 1 else { return header.joined(separator: " ") }
        var names: [String] = [], ports: [String] = []
        for child in children where child.children == nil && !child.isComment {
            let words = child.words
            if words.first == "server_name" { names += words.dropFirst() }
            if words.first == "listen", words.count > 1, !words[1].hasPrefix("[") { ports.append(words[1]) }
        }
        return "server \(names.joined(separator: " ")):\(ports.joined(separator: ","))"
    }

    static func nginxValue(_ children: [NginxStatement]) -> DiffValue {
        var members: [String: DiffValue] = [:]
        for child in children where !child.isComment {
            let words = child.words
            if let inner = child.children {
                members[words.joined(separator: " ")] = nginxValue(inner)
            } else {
                members[key(words)] = .scalar(words.dropFirst(keyWidth(words)).joined(separator: " "))
            }
        }
        return .map(members)
    }
}
