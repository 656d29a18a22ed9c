import Foundation
import ShipshapeModel

/// Reads a folder of files — rendered output, committed examples, another tool's output — as
/// `RenderedFile`s: every regular file below it (symbolic links are not followed), paths relative
/// to the folder with `/`, sorted. Hidden files and folders (`.git`, a staging folder) are skipped
/// unless asked for. Text that is not UTF-8 is decoded with replacement characters.
public enum FolderReader {
    public static func files(in folder: String, includingHidden: Bool = false) throws -> [RenderedFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(.error("\(folder) is not a folder", at: nil, expected: "a folder of rendered files"))
        }
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [RenderedFile] = []
        while let path = enumerator.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            let full = (folder as NSString).appendingPathComponent(path)
            let type = (try? FileManager.default.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
            if !includingHidden, name.hasPrefix(".") {
                if type == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            guard type == .typeRegular else { continue }
            guard let data = FileManager.default.contents(atPath: full) else {
                throw DiagnosticError(.error("cannot read \(full)", at: nil, expected: "a readable file"))
            }
            files.append(RenderedFile(path: path, contents: String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The files by relative path.
    public static func contents(of folder: String, includingHidden: Bool = false) throws -> [String: String] {
        let files = try files(in: folder, includingHidden: includingHidden)
        return Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
    }
}
