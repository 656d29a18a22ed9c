import Foundation
import ShipshapeDiff
import ShipshapeModel
import ShipshapeRender

/// `render --check`: what differs between a render in memory and the files on disk, in the
/// folders the render owns. Writes nothing.
public struct DriftCheck: Sendable {
    public var missing: [String] = []
    public var extra: [String] = []
    public var changed: [(path: String, report: DiffReport)] = []
    /// What an interrupted render left in the output folder (its journal, staging folders).
    public var interrupted: [String] = []

    public var isClean: Bool { missing.isEmpty && extra.isEmpty && changed.isEmpty && interrupted.isEmpty }

    static func compare(_ output: LaidOut, with folder: String) throws -> DriftCheck {
        var drift = DriftCheck()
        drift.interrupted = OutputJournal.leftovers(folder)
        var onDisk = Set<String>()
        for owned in output.ownedFolders {
            let path = (folder as NSString).appendingPathComponent(owned)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            for file in try FolderReader.paths(in: path) { onDisk.insert("\(owned)/\(file)") }
        }
        // Each file compared with its copy on disk as bytes, on every core; only a changed one
        // is decoded, to say what changed.
        let present = onDisk
        let copies = try Parallel.map(output.files, reporting: { file -> Copy in
            guard present.contains(file.path) else { return .missing }
            let full = (folder as NSString).appendingPathComponent(file.path)
            guard let data = FileManager.default.contents(atPath: full) else {
                throw DiagnosticError(.error("cannot read \(full)", at: nil, expected: "a readable file"))
            }
            return same(data, file.contents) ? .same : .changed(String(decoding: data, as: UTF8.self))
        })
        for (file, copy) in zip(output.files, copies) {
            onDisk.remove(file.path)
            switch copy {
            case .missing: drift.missing.append(file.path)
            case let .changed(existing):
                let report = Differ.diff(ArtifactReader.artifacts(RenderedFile(path: file.path, contents: existing)),
                                         ArtifactReader.artifacts(file))
                drift.changed.append((file.path, report))
            case .same: continue
            }
        }
        drift.extra = onDisk.sorted()
        return drift
    }

    private static func same(_ data: Data, _ text: String) -> Bool {
        var text = text
        return data.count == text.utf8.count && data.withUnsafeBytes { bytes in
            text.withUTF8 { utf8 in bytes.isEmpty || memcmp(bytes.baseAddress!, utf8.baseAddress!, bytes.count) == 0 }
        }
    }

    /// A rendered file's copy on disk.
    private enum Copy: Sendable {
        case missing, same
        case changed(String)
    }

    /// The drift for people: one line per file, field changes below.
    public var text: String {
        guard !isClean else { return "up to date\n" }
        var out = ""
        for name in interrupted {
            out += "interrupted: \(name) (an interrupted render; the next render completes it)\n"
        }
        for path in missing { out += "missing: \(path)\n" }
        for path in extra { out += "extra: \(path)\n" }
        for (path, report) in changed {
            out += "changed: \(path)\n"
            for change in report.changes {
                switch change.kind {
                case .added: out += "    + \(change.identity) (not on disk)\n"
                case .removed: out += "    - \(change.identity) (only on disk)\n"
                case .changed:
                    for field in change.fields {
                        out += "    ~ \(change.identity) \(field.path): \(field.old ?? "(none)") (on disk)"
                            + " -> \(field.new ?? "(none)") (rendered)\n"
                    }
                }
            }
            if report.isEmpty { out += "    (formatting only)\n" }
        }
        let leftovers = interrupted.isEmpty ? "" : ", \(interrupted.count) left by an interrupted render"
        return out + "drift: \(missing.count) missing, \(extra.count) extra, \(changed.count) changed\(leftovers)\n"
    }
}
