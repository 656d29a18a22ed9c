import Foundation
import ShipshapeRender

/// Prints a diff report for a terminal (grouped by target and object, colour only when asked),
/// as JSON for tools, or as Markdown for a pull-request comment.
public enum DiffFormatter {
    public enum Format: String, CaseIterable, Sendable { case text, json, markdown }

    public static func format(_ report: DiffReport, as format: Format, from a: String, to b: String,
                              color: Bool = false) -> String {
        switch format {
        case .text: text(report, a, b, color)
        case .json: JSONEmitter.emit(json(report, a, b))
        case .markdown: markdown(report, a, b)
        }
    }

    public static func summary(_ report: DiffReport) -> String {
        guard !report.isEmpty else { return "no differences" }
        let total = report.changes.count
        return "\(total) object\(total == 1 ? "" : "s") differ: "
            + report.countsByTarget.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }

    static func text(_ report: DiffReport, _ a: String, _ b: String, _ color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = "--- \(a)\n+++ \(b)\n"
        var target = ""
        for change in report.changes {
            if change.target != target {
                target = change.target
                out += "\n" + paint("\(target)", "1") + "\n"
            }
            switch change.kind {
            case .added: out += paint("  + \(change.identity)", "32") + "\n"
            case .removed: out += paint("  - \(change.identity)", "31") + "\n"
            case .changed:
                out += "  ~ \(change.identity)\n"
                for field in change.fields {
                    out += "      \(field.path): " + paint(field.old ?? "(none)", "31")
                        + " -> " + paint(field.new ?? "(none)", "32") + "\n"
                }
            }
        }
        return out + "\n" + summary(report) + "\n"
    }

    static func json(_ report: DiffReport, _ a: String, _ b: String) -> DocNode {
        .map([
            ("from", .string(a)), ("to", .string(b)),
            ("summary", .map(report.countsByTarget.map { ($0.0, DocNode.int($0.1)) })),
            ("changes", .list(report.changes.map { change in
                .map([
                    ("target", .string(change.target)), ("object", .string(change.identity)),
                    ("change", .string(change.kind.rawValue)),
                    ("fields", .list(change.fields.map { field in
                        var m = DocMap()
                        m.set("path", field.path)
                        m.set("old", field.old)
                        m.set("new", field.new)
                        return m.node
                    })),
                ])
            })),
        ])
    }

    static func markdown(_ report: DiffReport, _ a: String, _ b: String) -> String {
        var out = "### `\(a)` → `\(b)`\n\n\(summary(report))\n"
        guard !report.isEmpty else { return out }
        out += "\n| target | object | field | \(a) | \(b) |\n| --- | --- | --- | --- | --- |\n"
        func cell(_ s: String?) -> String {
            guard let s else { return "—" }
            let escaped = s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
                .replacingOccurrences(of: "\n", with: " ")
            return "`" + escaped + "`"
        }
        for change in report.changes {
            switch change.kind {
            case .added: out += "| \(change.target) | \(change.identity) | *added* | — | ✓ |\n"
            case .removed: out += "| \(change.target) | \(change.identity) | *removed* | ✓ | — |\n"
            case .changed:
                for field in change.fields {
                    out += "| \(change.target) | \(change.identity) | \(field.path) "
                        + "| \(cell(field.old)) | \(cell(field.new)) |\n"
                }
            }
        }
        return out
    }
}

extension DiffReport {
    /// Only the changes no pattern expects. Patterns match `target:object:path` with `*`
    /// wildcards, e.g. `kubernetes:Deployment/*:spec.replicas` or `*:*:*replicas`.
    public func unexpected(_ patterns: [String]) -> DiffReport {
        guard !patterns.isEmpty else { return self }
        func matches(_ text: String) -> Bool { patterns.contains { Glob.matches($0, text) } }
        return DiffReport(changes: changes.compactMap { change in
            switch change.kind {
            case .added, .removed:
                return matches("\(change.target):\(change.identity):") ? nil : change
            case .changed:
                let fields = change.fields.filter { !matches("\(change.target):\(change.identity):\($0.path)") }
                return fields.isEmpty ? nil : DiffReport.ObjectChange(target: change.target, identity: change.identity,
                                                                      kind: .changed, fields: fields)
            }
        })
    }
}

/// `*` matches any run of characters.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == t[ti], p[pi] != "*" { pi += 1; ti += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
