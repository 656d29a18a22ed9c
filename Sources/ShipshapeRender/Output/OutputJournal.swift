import Foundation
import ShipshapeModel

/// The swap of owned folders, and its recovery after a kill: see `OutputWriter`.
///
/// The journal (`OUT/.shipshape-journal`, written atomically before the first swap) names the
/// staging folder and each owned folder with the inode of its new copy. An owned folder whose
/// inode is the journal's has been swapped; any other is swapped in from the staging folder.
public enum OutputJournal {
    public static let journalName = ".shipshape-journal"
    public static let stagingPrefix = ".shipshape-new-"
    /// Names of leftovers: staging folders, and the retired folders of earlier versions.
    static let leftoverPrefixes = [stagingPrefix, ".shipshape-old-"]

    /// Takes the output folder's lock (an advisory lock on the folder itself): one render at a
    /// time writes into a folder.
    static func lock(_ outputFolder: String) throws -> Int32 {
        let fd = open(outputFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, flock(fd, LOCK_EX) == 0 else {
            if fd >= 0 { close(fd) }
            throw OutputWriter.Failure(description: "cannot lock \(outputFolder): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// What an interrupted render left in the output folder: the journal and staging folders
    /// (for `render --check`).
    public static func leftovers(_ outputFolder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outputFolder)) ?? []
        return names.filter { name in name == journalName || leftoverPrefixes.contains { name.hasPrefix($0) } }.sorted()
    }

    /// Writes the journal, then swaps every owned folder in, then removes the journal.
    static func commit(_ owned: [String], staging: String, in outputFolder: String) throws {
        var text = "staging \((staging as NSString).lastPathComponent)\n"
        for folder in owned {
            text += "folder \(inode("\(staging)/\(folder)") ?? 0) \(folder)\n"
        }
        let journal = "\(outputFolder)/\(journalName)"
        do {
            failpoint("journal")
            try durably(text, to: journal)
            for (index, folder) in owned.enumerated() {
                failpoint("swap-\(index)")
                try swap(folder, from: staging, in: outputFolder)
            }
            failpoint("swapped")
        } catch {
            throw OutputWriter.Failure(description: "cannot write into \(outputFolder): \(FileErrors.reason(error))")
        }
        unlink(journal)
    }

    /// Completes a render that was killed between its journal and its end, then removes what
    /// it left behind.
    static func recover(_ outputFolder: String) throws {
        let journal = "\(outputFolder)/\(journalName)"
        if let text = try? String(contentsOfFile: journal, encoding: .utf8) {
            let lines = text.split(separator: "\n")
            let staging = lines.first.map { "\(outputFolder)/\($0.dropFirst("staging ".count))" } ?? ""
            for line in lines.dropFirst() {
                let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
                guard parts.count == 3, let expected = UInt64(parts[1]) else { continue }
                let folder = parts[2]
                try OutputWriter.checkPath(folder)
                guard inode("\(outputFolder)/\(folder)") != expected,
                      inode("\(staging)/\(folder)") == expected else { continue }
                do {
                    try swap(folder, from: staging, in: outputFolder)
                } catch {
                    throw OutputWriter.Failure(
                        description: "cannot complete the interrupted render in \(outputFolder): "
                            + FileErrors.reason(error))
                }
            }
            unlink(journal)
        }
        removeLeftovers(outputFolder)
    }

    /// Deletes staging and retired folders.
    static func removeLeftovers(_ outputFolder: String) {
        for name in leftovers(outputFolder) where name != journalName {
            FolderRemover.remove("\(outputFolder)/\(name)")
        }
    }

    /// Puts `staging/folder` at `OUT/folder`: one atomic exchange when the folder exists (its
    /// old copy lands in the staging folder), a rename when it does not.
    static func swap(_ folder: String, from staging: String, in outputFolder: String) throws {
        let source = "\(staging)/\(folder)", destination = "\(outputFolder)/\(folder)"
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        var info = stat()
        if lstat(destination, &info) == 0 {
            if exchange(source, destination) == 0 { return }
            // No exchange on this file system: move the old copy aside, then the new one in.
            let aside = source + ".old"
            guard rename(destination, aside) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        guard rename(source, destination) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Failure injection for the kill tests: `SHIPSHAPE_FAILPOINT=NAME` kills the process
    /// (SIGKILL, as an operator or the OOM killer would) when the write reaches NAME.
    static func failpoint(_ name: String) {
        if ProcessInfo.processInfo.environment["SHIPSHAPE_FAILPOINT"] == name { kill(getpid(), SIGKILL) }
    }

    typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2(RENAME_EXCHANGE)`, looked up at run time (Swift's Glibc module does not
    /// declare it); -1 where the C library or the file system lacks it.
    static let renameat2: Renameat2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()

    static func exchange(_ a: String, _ b: String) -> Int32 {
        guard let renameat2 else { return -1 }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2)  // RENAME_EXCHANGE
    }

    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// Writes `text` to `path` so that it is whole on disk before this returns: a temporary
    /// file, fsync, rename, fsync of the folder.
    static func durably(_ text: String, to path: String) throws {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0, rename(temporary, path) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        let folder = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}
