import Foundation
import ShipshapeModel
import ShipshapeRender

/// What a file is, told by its content (and, for systemd units, its extension).
public enum LintKind: String, Sendable, CaseIterable {
    case kubernetes, compose, nginx, systemd, unrecognised
}

/// Reads files into a `LintSet`. YAML that does not parse, and nginx or systemd files that do
/// not, are located errors; files that are none of the four formats are listed, not fatal.
public enum LintReader {
    static let unitTypes: Set<String> = ["service", "timer", "socket", "mount", "path", "target", "automount",
                                         "slice", "swap"]
    static let yamlExtensions: Set<String> = ["yaml", "yml", "json"]
    static let nginxBlocks: Set<String> = ["http", "server", "events", "upstream", "location", "map", "stream"]

    public static func read(_ sources: [LintSource]) throws -> LintSet {
        var set = LintSet()
        var errors: [Diagnostic] = []
        for source in sources {
            do {
                try read(source, into: &set)
            } catch let error as DiagnosticError {
                errors += error.diagnostics
            }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        return set
    }

    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The kind a file's extension, else its content, suggests: a unit extension, a YAML one,
    /// `.conf`/`.nginx`; without one, a unit's `[Section]` header first, then YAML that holds a
    /// Kubernetes object or a compose file (so `helm template` output on stdin, whose ConfigMaps
    /// may embed nginx or systemd files, is YAML), then nginx blocks.
    public static func guess(_ path: String, _ text: String) -> LintKind {
        let ext = fileExtension(path)
        if unitTypes.contains(ext) { return .systemd }
        if yamlExtensions.contains(ext) { return .kubernetes }
        if ext == "conf" || ext == "nginx" { return .nginx }
        if startsLikeUnit(text) { return .systemd }
        if let documents = try? DocReader.documents(text, file: path),
           documents.contains(where: { isKubernetes($0.root) || isCompose($0.root) }) {
            return .kubernetes
        }
        if looksLikeNginx(text) { return .nginx }
        return .kubernetes  // YAML is tried last; the documents say which kind they are
    }

    static let unitHeaders: Set<String> = ["[Unit]", "[Service]", "[Timer]", "[Socket]", "[Install]", "[Mount]",
                                           "[Path]", "[Slice]", "[Swap]", "[Automount]"]

    /// The first line that is not blank or a comment is a unit section header.
    static func startsLikeUnit(_ text: String) -> Bool {
        for line in text.split(separator: "\n", maxSplits: 10_000) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            return unitHeaders.contains(trimmed)
        }
        return false
    }

    static func isKubernetes(_ root: DocNode) -> Bool {
        root.member("kind")?.text != nil && root.member("apiVersion")?.text != nil
    }

    static func isCompose(_ root: DocNode) -> Bool { root.member("services")?.isMap == true }

    static func looksLikeNginx(_ text: String) -> Bool {
        text.split(separator: "\n", maxSplits: 10_000).contains { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = words.first else { return false }
            return nginxBlocks.contains(String(first)) && line.contains("{")
        }
    }

    static func read(_ source: LintSource, into set: inout LintSet) throws {
        let file = source.path
        guard let text = source.text else {
            set.unrecognised.append((.start(of: file), "not UTF-8 text (or larger than 64 MiB)"))
            return
        }
        switch guess(file, text) {
        case .systemd:
            let name = file == "<stdin>" ? "stdin.service" : String(file.split(separator: "/").last ?? "")
            set.systemd.append(SystemdFile(file: file, name: name,
                                           sections: try SystemdReader.sections(text, file: file)))
            set.directives += directives(text, file: file)
        case .nginx:
            let statements = try NginxReader.statements(text, file: file)
            guard statements.contains(where: { !$0.isComment }) else {
                set.unrecognised.append((.start(of: file), "an nginx file without directives"))
                return
            }
            set.nginx.append(NginxFile(file: file, statements: statements))
            set.directives += directives(text, file: file)
        default:
            let ext = fileExtension(file)
            if !yamlExtensions.contains(ext), file != "<stdin>", !text.contains(":") {
                set.unrecognised.append((.start(of: file), "neither YAML, an nginx config nor a systemd unit"))
                return
            }
            let documents: [DocReader.Document]
            do {
                documents = try DocReader.documents(text, file: file)
            } catch let error as DiagnosticError where !yamlExtensions.contains(ext) && file != "<stdin>" {
                _ = error
                set.unrecognised.append((.start(of: file), "neither YAML, an nginx config nor a systemd unit"))
                return
            }
            if documents.allSatisfy({ $0.root.uncommented == .null }) {
                set.unrecognised.append((.start(of: file), "an empty file"))
            }
            for document in documents { yaml(document, file: file, into: &set) }
        }
    }

    static func yaml(_ document: DocReader.Document, file: String, into set: inout LintSet) {
        let root = document.root.uncommented
        let at = document.location ?? .start(of: file)
        if case .null = root { return }  // an empty document (`---` at the end)
        if isKubernetes(root), let kind = root.member("kind")?.text {
            if kind.hasSuffix("List"), root.member("items") != nil {
                for (index, item) in (root.member("items")?.items ?? []).enumerated() {
                    if let object = kube(item, document: document, prefix: [.key("items"), .index(index)],
                                         file: file) {
                        set.objects.append(object)
                    }
                }
                return
            }
            if let object = kube(root, document: document, prefix: [], file: file) { set.objects.append(object) }
            return
        }
        if isCompose(root) {
            for (name, node) in root.member("services")?.pairs ?? [] {
                set.composeServices.append(ComposeService(file: file, document: document, name: name, node: node))
            }
            return
        }
        set.unrecognised.append((at, "a YAML document that is neither a Kubernetes object (apiVersion and kind) "
                                     + "nor a compose file (services)"))
    }

    static func kube(_ node: DocNode, document: DocReader.Document, prefix: DocPath, file: String) -> KubeObject? {
        guard let kind = node.member("kind")?.text, let apiVersion = node.member("apiVersion")?.text else {
            return nil
        }
        let metadata = node.member("metadata")
        return KubeObject(file: file, document: document, prefix: prefix, root: node, apiVersion: apiVersion,
                          kind: kind, name: metadata?.member("name")?.text ?? "",
                          namespace: metadata?.member("namespace")?.text ?? "")
    }

    /// `# shipshape:ignore <rule> <reason>` lines; a directive without a reason is kept with an
    /// empty one (the linter reports it).
    static func directives(_ text: String, file: String) -> [LintDirective] {
        var out: [LintDirective] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("#") || trimmed.hasPrefix(";") else { continue }
            let body = trimmed.dropFirst().drop { $0 == " " }
            guard body.hasPrefix("shipshape:ignore") else { continue }
            let words = body.dropFirst("shipshape:ignore".count).split(separator: " ", maxSplits: 1,
                                                                        omittingEmptySubsequences: true)
            let column = line.count - trimmed.count + 1
            out.append(LintDirective(file: file, rule: words.first.map(String.init) ?? "",
                                     reason: words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : "",
                                     location: SourceLocation(file: file, line: offset + 1, column: column)))
        }
        return out
    }
}
