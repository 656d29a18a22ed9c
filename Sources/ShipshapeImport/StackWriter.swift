import Foundation
import ShipshapeModel

/// Writes the imported stack and its report: each file written whole to a temporary file in
/// the same folder, then moved into place (atomically); an existing file is replaced only
/// with `force`.
public enum StackWriter {
    public static let stackFile = "stack.yaml"
    public static let reportFile = "import-report.txt"

    /// Writes `stack.yaml` and `import-report.txt` into `folder`.
    public static func write(_ result: ImportResult, sources: [String], to folder: String, force: Bool) throws {
        let files = [(stackFile, result.stackYAML(sources: sources)), (reportFile, result.report)]
        let manager = FileManager.default
        if !force {
            for (name, _) in files where manager.fileExists(atPath: (folder as NSString).appendingPathComponent(name))
            {
                let path = (folder as NSString).appendingPathComponent(name)
                throw DiagnosticError(
                    .error(
                        "\(path) exists", at: .start(of: path),
                        expected: "a new file; pass --force to replace it"))
            }
        }
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticError(
                .error("cannot create \(folder)", at: .start(of: folder), expected: "a writable folder"))
        }
        for (name, text) in files {
            let path = (folder as NSString).appendingPathComponent(name)
            let temporary = (folder as NSString).appendingPathComponent(
                ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
            guard manager.createFile(atPath: temporary, contents: Data(text.utf8)) else {
                throw DiagnosticError(
                    .error("cannot write \(temporary)", at: .start(of: path), expected: "a writable folder"))
            }
            if force {
                guard rename(temporary, path) == 0 else {
                    unlink(temporary)
                    throw DiagnosticError(
                        .error("cannot replace \(path)", at: .start(of: path), expected: "a writable file"))
                }
            } else {
                // link() fails when the name exists: no file is replaced, even one created meanwhile.
                let linked = link(temporary, path) == 0
                unlink(temporary)
                guard linked else {
                    throw DiagnosticError(
                        .error(
                            "\(path) exists", at: .start(of: path), expected: "a new file; pass --force to replace it"
                        ))
                }
            }
        }
    }
}
