import Foundation
import ShipshapeModel

/// Writes rendered files into an output folder: every owned folder old or new, never mixed
/// within, never missing, whatever happens to the process.
///
/// 1. Every path is checked (relative, inside the folder, no `..`, no control characters), and
///    no component of an owned folder below the output folder may be a symbolic link.
/// 2. Files and links in an owned folder that this render does not write are deleted only if an
///    earlier render wrote them (each owned folder lists its files in `.shipshape-manifest`), or
///    with `prune`; otherwise the write is refused, naming them. An owned folder that already
///    holds exactly the files is left as it is (`OwnedFiles.unchanged`): nothing to replace.
/// 3. The files are written into a staging folder inside the output folder; a journal names the
///    staging folder and, for each owned folder, the inode of its new copy.
/// 4. Each owned folder is exchanged with its new copy in one `renameat2(RENAME_EXCHANGE)`, so
///    it is old or new at every instant. A run killed half-way leaves some folders old and some
///    new; the next write completes the journal first (`OutputJournal.recover`), and
///    `render --check` reports the interrupted render.
public enum OutputWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The file in every owned folder that lists the files shipshape wrote there.
    public static let manifestName = ".shipshape-manifest"

    /// Writes `files` under `outputFolder`, replacing the folders in `owned` (relative paths such
    /// as `production/kubernetes`) entirely. `prune` allows deleting files in them that no
    /// render wrote.
    public static func write(_ files: [RenderedFile], to outputFolder: String, owning owned: [String],
                             prune: Bool = false) throws {
        for file in files { try checkPath(file.path) }
        for folder in owned { try checkPath(folder) }
        let owners = try OwnedFiles(files, owned: owned)
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create the output folder \(outputFolder): \(FileErrors.reason(error))")
        }
        let lock = try OutputJournal.lock(outputFolder)
        defer { close(lock) }
        try OutputJournal.recover(outputFolder)
        try checkLinks(owned, in: outputFolder)
        let listings = owned.map { FolderReader.listing(of: "\(outputFolder)/\($0)") }
        if !prune { try checkForeignFiles(owners, listings: listings, in: outputFolder) }

        // Folders that already hold exactly these files are left as they are: nothing to swap.
        let permissions = StagedFile.Permissions.current()
        let unchanged = owners.unchanged(listings, in: outputFolder, permissions: permissions)
        let changed = owned.indices.filter { !unchanged.contains($0) }
        guard !changed.isEmpty else { return }
        let staging = "\(outputFolder)/\(OutputJournal.stagingPrefix)\(ProcessInfo.processInfo.processIdentifier)"
        defer { OutputJournal.removeLeftovers(outputFolder) }
        try stage(owners.selected(changed), into: staging, display: outputFolder, permissions: permissions)
        OutputJournal.failpoint("staged")
        try OutputJournal.commit(changed.map { owned[$0] }, staging: staging, in: outputFolder)
    }

    /// Writes the files and each owned folder's manifest into the staging folder.
    static func stage(_ owners: OwnedFiles, into staging: String, display: String,
                      permissions: StagedFile.Permissions) throws {
        let fm = FileManager.default
        let files = owners.files, owned = owners.owned
        do {
            try? fm.removeItem(atPath: staging)
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            for folder in owned {
                try fm.createDirectory(atPath: "\(staging)/\(folder)", withIntermediateDirectories: true)
            }
            var folders: Set<String> = []
            for file in files {
                let folder = "\(staging)/\(parent(of: file.path))"
                if folders.insert(folder).inserted {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
            }
            // The files, on every core, each folder by one thread: creating files in one folder
            // takes its lock, which a second thread would only spin on. A file whose old copy
            // holds the same bytes is hard-linked instead of written (see `StagedFile`).
            let all = files + owners.manifests
            let reuse = StagedFile.Reuse(outputFolder: display, owned: owned, folders: folders, staging: staging,
                                         permissions: permissions)
            let failures = Parallel.map(byFolder(all)) { members -> (Int, Failure)? in
                for index in members {
                    let file = all[index]
                    let path = "\(staging)/\(file.path)"
                    if reuse.take(file, to: path) { continue }
                    do {
                        try writeFile(path, file.contents, display: file.path, outputFolder: display)
                    } catch {
                        return (index, error as? Failure
                            ?? Failure(description: "cannot write into \(display): \(FileErrors.reason(error))"))
                    }
                }
                return nil
            }
            // The failure of the first file in order, whichever thread met it.
            if let failure = failures.compactMap({ $0 }).min(by: { $0.0 < $1.0 }) { throw failure.1 }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot write into \(display): \(FileErrors.reason(error))")
        }
    }

    /// The positions of `files` grouped by folder, the largest group first (so that two threads
    /// share the work evenly).
    static func byFolder(_ files: [RenderedFile]) -> [[Int]] {
        var groups: [[Int]] = []
        var groupOf: [Substring: Int] = [:]
        for (index, file) in files.enumerated() {
            let folder = parent(of: file.path)
            if let group = groupOf[folder] {
                groups[group].append(index)
            } else {
                groupOf[folder] = groups.count
                groups.append([index])
            }
        }
        return groups.sorted { $0.count > $1.count || ($0.count == $1.count && $0[0] < $1[0]) }
    }

    /// The folder part of a checked relative path (`a/b` of `a/b/c.yaml`; empty for `c.yaml`).
    static func parent(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return path[..<slash]
    }

    /// The manifest of one owned folder: the files shipshape wrote there, sorted.
    static func manifest(_ paths: [String]) -> String {
        "# Files shipshape rendered into this folder; a later render deletes only these.\n"
            + paths.sorted().map { $0 + "\n" }.joined()
    }

    /// The files a manifest lists; nil when there is none.
    static func listed(in folder: String) -> Set<String>? {
        guard let text = try? String(contentsOfFile: "\(folder)/\(manifestName)", encoding: .utf8) else { return nil }
        // Split on bytes where each is a character (a manifest of thousands of lines).
        let lines = Bytes.withCharacterBytes(text) { bytes in
            bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        } ?? text.split(separator: "\n").map(String.init)
        return Set(lines.filter { !$0.hasPrefix("#") })
    }

    /// Refuses owned folders reached through a symbolic link below the output folder: render
    /// would write into, and delete from, wherever the link points.
    static func checkLinks(_ owned: [String], in outputFolder: String) throws {
        for folder in owned {
            var path = outputFolder
            for component in folder.split(separator: "/") {
                path += "/\(component)"
                var info = stat()
                guard lstat(path, &info) == 0 else { break }
                if info.st_mode & S_IFMT == S_IFLNK {
                    throw Failure(description: "refusing to write into \(path): it is a symbolic link, "
                                  + "and render replaces what it points at; remove the link or render into "
                                  + "another folder")
                }
                if info.st_mode & S_IFMT != S_IFDIR {
                    throw Failure(description: "refusing to replace \(path): it is not a folder")
                }
            }
        }
    }

    /// Refuses to delete what is in owned folders that no render wrote (a hand-written
    /// kustomization.yaml, a symbolic link), naming it.
    static func checkForeignFiles(_ owners: OwnedFiles, listings: [FolderReader.Listing],
                                  in outputFolder: String) throws {
        var foreign: [String] = []
        for (index, folder) in owners.owned.enumerated() {
            let existing = listings[index].files + listings[index].others
            guard !existing.isEmpty else { continue }
            let listed = listed(in: "\(outputFolder)/\(folder)") ?? []
            let rendered = Set(owners.relativePaths(index))
            // Rendered and listed names first: only the others (few, if any) are looked at.
            for file in existing.filter({ !listed.contains($0) && $0 != manifestName && !rendered.contains($0) })
                .sorted() {
                foreign.append("\(folder)/\(file)")
            }
        }
        guard !foreign.isEmpty else { return }
        let shown = foreign.prefix(10).joined(separator: ", ")
            + (foreign.count > 10 ? " and \(foreign.count - 10) more" : "")
        throw Failure(description: "render would delete \(foreign.count) file\(foreign.count == 1 ? "" : "s") in "
                      + "\(outputFolder) that it did not write: \(shown); move them out of the rendered "
                      + "folders, or render with --prune to delete them")
    }

    /// Writes one file of the staging folder. No fsync per file: the staging folder is swapped
    /// into place as a whole, which is what makes the output atomic.
    static func writeFile(_ path: String, _ contents: String, display: String, outputFolder: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure(description: "cannot write \(display) in \(outputFolder): \(reason)")
        }
        defer { close(fd) }
        var contents = contents
        try contents.withUTF8 { buffer in
            try writeAll(fd, buffer, display: display, outputFolder: outputFolder)
        }
    }

    /// Writes every byte of `buffer` to `fd` (the UTF-8 of a native string, without a copy).
    static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>, display: String,
                         outputFolder: String) throws {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(fd, base + offset, buffer.count - offset)
            guard written > 0 else {
                let reason = String(cString: strerror(errno))
                throw Failure(description: "cannot write \(display) in \(outputFolder): \(reason)")
            }
            offset += written
        }
    }

    /// Whether `path` is relative, has no empty, `.` or `..` component, and no backslash or
    /// control character (all of them single bytes in UTF-8: one pass over the bytes).
    static func isSafePath(_ path: String) -> Bool {
        var component = 0  // bytes of the current component
        var dots = 0  // of which dots
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if component == 0 || component == dots && dots <= 2 { return false }
                component = 0
                dots = 0
                continue
            case UInt8(ascii: "\\"), 0..<0x20, 0x7F:
                return false
            case UInt8(ascii: "."):
                dots += 1
            default:
                break
            }
            component += 1
        }
        return !(component == 0 || component == dots && dots <= 2)
    }

    /// Rejects paths that are absolute, climb out with `..`, or hold control characters.
    public static func checkPath(_ path: String) throws {
        if !isSafePath(path) {
            throw Failure(description: "refusing to write '\(path)': it would leave the output folder")
        }
    }
}
