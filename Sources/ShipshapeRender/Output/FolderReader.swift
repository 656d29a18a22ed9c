import Foundation
import ShipshapeModel

/// Reads a folder of files — rendered output, committed examples, another tool's output — as
/// `RenderedFile`s: every regular file below it (symbolic links are not followed), paths relative
/// to the folder with `/`, sorted. Hidden files and folders (`.git`, a staging folder) are skipped
/// unless asked for. Text that is not UTF-8 is decoded with replacement characters.
public enum FolderReader {
    public static func files(in folder: String, includingHidden: Bool = false) throws -> [RenderedFile] {
        try paths(in: folder, includingHidden: includingHidden).map { path in
            let full = (folder as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: full) else {
                throw DiagnosticError(.error("cannot read \(full)", at: nil, expected: "a readable file"))
            }
            return RenderedFile(path: path, contents: String(decoding: data, as: UTF8.self))
        }
    }

    /// The paths of the regular files below `folder`, relative to it and sorted, without reading
    /// them (`render --check` lists 15,000 files; Foundation's enumerator and attributes cost more
    /// than comparing them).
    public static func paths(in folder: String, includingHidden: Bool = false) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(.error("\(folder) is not a folder", at: nil, expected: "a folder of rendered files"))
        }
        return listing(of: folder, includingHidden: includingHidden).files.sorted()
    }

    /// What is below a folder, relative to it, in no particular order (empty when it cannot be
    /// read).
    public struct Listing: Sendable {
        /// Regular files.
        public var files: [String] = []
        /// Folders below it (not the folder itself).
        public var folders: [String] = []
        /// Everything else: symbolic links (never followed), sockets, devices.
        public var others: [String] = []
    }

    /// Everything below `folder`: one `readdir` per folder, using the entry's type where the file
    /// system gives it.
    public static func listing(of folder: String, includingHidden: Bool = true) -> Listing {
        var listing = Listing()
        var pending = [""]
        while let relative = pending.popLast() {
            let full = relative.isEmpty ? folder : "\(folder)/\(relative)"
            guard let handle = opendir(full) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(cString: bytes.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." || (!includingHidden && name.hasPrefix(".")) { continue }
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                switch kind(entry.pointee.d_type, "\(full)/\(name)") {
                case .folder:
                    pending.append(path)
                    listing.folders.append(path)
                case .file: listing.files.append(path)
                case .other: listing.others.append(path)
                }
            }
        }
        return listing
    }

    private enum Kind { case folder, file, other }

    /// What an entry is, from `readdir`'s type, else from `lstat` (links are not followed).
    private static func kind(_ type: UInt8, _ path: String) -> Kind {
        switch Int32(type) {
        case Int32(DT_DIR): return .folder
        case Int32(DT_REG): return .file
        case Int32(DT_UNKNOWN):
            var info = stat()
            guard lstat(path, &info) == 0 else { return .other }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: return .folder
            case S_IFREG: return .file
            default: return .other
            }
        default: return .other
        }
    }

    /// The files by relative path.
    public static func contents(of folder: String, includingHidden: Bool = false) throws -> [String: String] {
        let files = try files(in: folder, includingHidden: includingHidden)
        return Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
    }
}
