import Foundation
import Yams

/// Rendered files read back the way their consumers read them, so "the value is intact" means
/// what the consumer sees, not how it was escaped.
enum RenderedText {
    /// Every regular file under `folder`, by relative path.
    static func read(_ folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        guard let paths = FileManager.default.subpaths(atPath: folder.path) else { return files }
        for path in paths {
            let url = folder.appendingPathComponent(path)
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    /// The values a consumer reads from one file: YAML scalars (compose's `$$` undone), or the
    /// text of an nginx or systemd file with its quoting and escapes undone.
    static func values(path: String, text: String) -> [String] {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            var scalars: [String] = []
            func collect(_ value: Any?) {
                switch value {
                case let map as [String: Any]: map.values.forEach(collect); scalars += map.keys
                case let list as [Any]: list.forEach(collect)
                case let value?: scalars.append("\(value)")
                case nil: break
                }
            }
            ((try? Yams.load_all(yaml: text)).map { Array($0) } ?? []).forEach(collect)
            if path.hasSuffix("docker-compose.yml") { scalars = scalars.map { $0.replacingOccurrences(of: "$$", with: "$") } }
            return scalars
        }
        let unquoted = text.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        if path.hasSuffix(".service") || path.hasSuffix(".timer") {
            return [unquoted.replacingOccurrences(of: "%%", with: "%").replacingOccurrences(of: "$$", with: "$")]
        }
        return [unquoted]
    }
}
