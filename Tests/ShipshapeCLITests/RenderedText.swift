import Foundation
import ShipshapeRender

/// Rendered files read back the way their consumers read them (through shipshape's readers), so
/// "the value is intact" means what the consumer sees, not how it was escaped.
enum RenderedText {
    /// Every regular file under `folder`, hidden ones included, by relative path.
    static func read(_ folder: URL) throws -> [String: String] {
        try FolderReader.contents(of: folder.path, includingHidden: true)
    }

    /// The values a consumer reads from one file: YAML keys and scalars (compose's `$$` undone),
    /// nginx tokens, systemd values with their quoting and escapes undone. A file that does not
    /// read is given whole.
    static func values(path: String, text: String) -> [String] {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            guard let documents = try? DocReader.read(text, file: path) else { return [text] }
            var scalars: [String] = []
            func collect(_ node: DocNode) {
                switch node.uncommented {
                case let .map(members): members.forEach { scalars.append($0.key); collect($0.value) }
                case let .list(items): items.forEach(collect)
                case let .string(s): scalars.append(s)
                case let .int(i): scalars.append(String(i))
                case let .bool(b): scalars.append(String(b))
                case .null, .commented: break
                }
            }
            documents.forEach(collect)
            if path.hasSuffix("docker-compose.yml") {
                scalars = scalars.map { $0.replacingOccurrences(of: "$$", with: "$") }
            }
            return scalars
        }
        if path.hasSuffix(".conf") {
            guard let statements = try? NginxReader.statements(text, file: path) else { return [text] }
            func tokens(_ statements: [NginxStatement]) -> [String] {
                statements.flatMap { $0.words + tokens($0.children ?? []) }
            }
            return tokens(statements)
        }
        if path.hasSuffix(".service") || path.hasSuffix(".timer") {
            let name = (path as NSString).lastPathComponent
            guard let unit = try? SystemdReader.read(text, name: name, file: path) else { return [text] }
            return unit.sections.flatMap(\.entries).flatMap { entry -> [String] in
                switch entry.value {
                case let .text(s), let .raw(s): [s]
                case let .command(words): words
                case let .assignments(pairs): pairs.flatMap { [$0.1, "\($0.0)=\($0.1)"] }
                }
            }
        }
        return [text]
    }
}
