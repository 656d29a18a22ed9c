import Foundation
import ShipshapeLoader
import ShipshapeModel
import TestSupport

/// Writes a stack (and optional extra files) into a temporary folder and loads it.
func project(_ yaml: String, files: [String: String] = [:], profiles: String? = nil) throws -> Project {
    let folder = Repository.temporaryFolder()
    try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
    for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return try Project.load(folder.path, environmentsFolder: profiles)
}

/// The diagnostics a failing load or resolve throws.
func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
    do {
        try body()
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics
    } catch {
        return [Diagnostic.error("\(error)", at: nil)]
    }
}
