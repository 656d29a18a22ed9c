import Foundation
import ShipshapeModel
import ShipshapeRender

/// A block of an nginx file with the directives it inherits: its enclosing blocks, the file's top
/// level, and, for a file another linted file includes inside `http { }`, that `http` block.
struct NginxScope {
    var file: String
    var block: NginxStatement
    /// Enclosing blocks, outermost first.
    var parents: [NginxStatement]
    /// The file's top-level statements, then the includer's `http` block's, searched after the parents.
    var outer: [[NginxStatement]]

    var name: String { block.name.text }

    /// `server api.example.com`, `server api.example.com location /api`.
    var label: String {
        let server = ([block] + parents.reversed()).first { $0.name.text == "server" }
        let serverName = server?.children?.first { $0.name.text == "server_name" }?.arguments.first?.text
        var out = server.map { _ in "server \(serverName ?? "_")" } ?? name
        if name == "location" { out += " location " + block.arguments.map(\.text).joined(separator: " ") }
        return out
    }

    /// The directive `name` in this block or the nearest enclosing one that sets it.
    func inherited(_ directive: String) -> NginxStatement? {
        let lists = ([block] + parents.reversed()).map { $0.children ?? [] } + outer
        for list in lists {
            if let found = list.last(where: { !$0.isComment && $0.name.text == directive }) { return found }
        }
        return nil
    }

    /// Every block of every linted nginx file.
    static func all(_ files: [NginxFile]) -> [NginxScope] {
        var out: [NginxScope] = []
        for file in files {
            let outer = [file.statements] + (includingHTTP(file, in: files).map { [$0.children ?? []] } ?? [])
            walk(file.statements, parents: [], outer: outer, file: file.file, into: &out)
        }
        return out
    }

    static func walk(_ statements: [NginxStatement], parents: [NginxStatement], outer: [[NginxStatement]],
                     file: String, into out: inout [NginxScope]) {
        guard parents.count < NginxReader.maxDepth else { return }
        for child in statements where child.children != nil && !child.isComment {
            out.append(NginxScope(file: file, block: child, parents: parents, outer: outer))
            walk(child.children ?? [], parents: parents + [child], outer: outer, file: file, into: &out)
        }
    }

    /// The `http` block of another linted file that includes `file` (by name or a `*` pattern).
    static func includingHTTP(_ file: NginxFile, in files: [NginxFile]) -> NginxStatement? {
        let base = (file.file as NSString).lastPathComponent
        for other in files where other.file != file.file {
            for http in other.statements where http.name.text == "http" {
                for include in http.children ?? [] where include.name.text == "include" {
                    let pattern = (include.arguments.first?.text ?? "") as NSString
                    if fnmatch(pattern.lastPathComponent, base, 0) == 0 { return http }
                }
            }
        }
        return nil
    }
}
