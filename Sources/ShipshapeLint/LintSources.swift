import Foundation
import ShipshapeModel

/// One file to lint: its name as findings print it and its text (nil when it is not UTF-8 text).
public struct LintSource: Sendable, Hashable {
    public var path: String
    public var text: String?

    public init(path: String, text: String?) {
        self.path = path
        self.text = text
    }
}

/// Turns the paths given on the command line into files: a file as given, a folder recursively
/// (hidden files and folders skipped, names sorted), `-` standard input.
public enum LintSources {
    /// Files larger than this are listed as not understood rather than read.
    public static let maxBytes = 64 << 20

    public static func collect(_ paths: [String],
                               stdin: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() })
        throws -> [LintSource] {
        var sources: [LintSource] = []
        var errors: [Diagnostic] = []
        for path in paths {
            if path == "-" {
                sources.append(LintSource(path: "<stdin>", text: String(data: stdin(), encoding: .utf8)))
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                errors.append(.error("no such file or folder: \(path)", at: nil, expected: "a file, a folder or -"))
                continue
            }
            if isFolder.boolValue {
                sources += folder(path).map(read)
            } else {
                sources.append(read(path))
            }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        return sources
    }

    static func read(_ path: String) -> LintSource {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maxBytes, let data = FileManager.default.contents(atPath: path) else {
            return LintSource(path: path, text: nil)
        }
        return LintSource(path: path, text: String(data: data, encoding: .utf8))
    }

    /// Regular files below `root`, sorted by path; symbolic links are not followed.
    static func folder(_ root: String) -> [String] {
        var files: [String] = []
        var pending = [root]
        var seen = 0
        while let folder = pending.popLast(), seen < 1_000_000 {
            seen += 1
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names where !name.hasPrefix(".") {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
                else { continue }
                if type == .typeDirectory {
                    pending.append(path)
                } else if type == .typeRegular {
                    files.append(path)
                }
            }
        }
        return files.sorted()
    }
}
