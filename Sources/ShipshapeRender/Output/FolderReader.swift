import Foundation

/// Reads every regular file below a folder (paths relative to it), skipping hidden files.
public enum FolderReader {
    public static func files(in folder: String) throws -> [RenderedFile] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                               options: [.skipsHiddenFiles]) else { return [] }
        var files: [RenderedFile] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let data = (try? Data(contentsOf: url)) ?? Data()
            files.append(RenderedFile(path: path, contents: String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
