import Foundation
import ShipshapeModel

/// Writes rendered files into an output folder, all or nothing.
///
/// Every path is checked first (relative, inside the folder, no `..`, no control characters).
/// The files are written into a temporary folder next to the destination; then each folder the
/// render owns (`<env>/<target>`) is swapped into place, the old one moved aside and deleted
/// only once every swap succeeded. On any error the output folder is left as it was.
public enum OutputWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `files` under `outputFolder`, replacing the folders in `owned` (relative paths such
    /// as `production/kubernetes`) entirely: files in them that were not rendered are removed.
    public static func write(_ files: [RenderedFile], to outputFolder: String, owning owned: [String]) throws {
        for file in files { try checkPath(file.path) }
        for folder in owned { try checkPath(folder) }
        for file in files where !owned.contains(where: { file.path.hasPrefix($0 + "/") }) {
            throw Failure(description: "internal error: \(file.path) is outside the folders being rendered")
        }

        let fm = FileManager.default
        let output = URL(fileURLWithPath: outputFolder)
        do {
            try fm.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create the output folder \(outputFolder): \(FileErrors.reason(error))")
        }
        let staging = output.appendingPathComponent(".shipshape-new-\(ProcessInfo.processInfo.processIdentifier)")
        let retired = output.appendingPathComponent(".shipshape-old-\(ProcessInfo.processInfo.processIdentifier)")
        defer {
            try? fm.removeItem(at: staging)
            // The replaced folders, deleted on every core: with thousands of files, unlinking
            // the old output costs as much as writing the new.
            _ = Parallel.map(owned) { folder in (try? FileManager.default.removeItem(at: retired.appendingPathComponent(folder))) != nil }
            try? fm.removeItem(at: retired)
        }
        do {
            try? fm.removeItem(at: staging)
            try? fm.removeItem(at: retired)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for folder in owned {
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            var folders: Set<String> = []
            for file in files {
                let folder = staging.appendingPathComponent(file.path).deletingLastPathComponent().path
                if folders.insert(folder).inserted {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
            }
            // The files, on every core (each thread writes its own slice).
            let root = staging.path
            let slices = stride(from: 0, to: files.count, by: 512).map { $0..<min($0 + 512, files.count) }
            let failures = Parallel.map(slices) { slice -> Failure? in
                do {
                    for file in files[slice] { try writeFile(root + "/" + file.path, file.contents, display: file.path, outputFolder: outputFolder) }
                    return nil
                } catch {
                    return error as? Failure ?? Failure(description: "cannot write into \(outputFolder): \(FileErrors.reason(error))")
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot write into \(outputFolder): \(FileErrors.reason(error))")
        }

        // Swap each owned folder into place; undo every swap if one fails.
        var swapped: [(folder: String, hadOld: Bool)] = []
        do {
            try fm.createDirectory(at: retired, withIntermediateDirectories: true)
            for folder in owned {
                let destination = output.appendingPathComponent(folder)
                let aside = retired.appendingPathComponent(folder)
                try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                var hadOld = false
                if fm.fileExists(atPath: destination.path) {
                    try fm.createDirectory(at: aside.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try fm.moveItem(at: destination, to: aside)
                    hadOld = true
                }
                swapped.append((folder, hadOld))
                try fm.moveItem(at: staging.appendingPathComponent(folder), to: destination)
            }
        } catch {
            for (folder, hadOld) in swapped.reversed() {
                let destination = output.appendingPathComponent(folder)
                if fm.fileExists(atPath: staging.appendingPathComponent(folder).path) == false {
                    try? fm.removeItem(at: destination)
                }
                if hadOld { try? fm.moveItem(at: retired.appendingPathComponent(folder), to: destination) }
            }
            throw Failure(description: "cannot write into \(outputFolder): \(FileErrors.reason(error))")
        }
    }

    /// Writes one file of the staging folder. No fsync per file: the staging folder is swapped
    /// into place as a whole, which is what makes the output atomic.
    static func writeFile(_ path: String, _ contents: String, display: String, outputFolder: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot write \(display) in \(outputFolder): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            guard written > 0 else {
                throw Failure(description: "cannot write \(display) in \(outputFolder): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Rejects paths that are absolute, climb out with `..`, or hold control characters.
    public static func checkPath(_ path: String) throws {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let bad = path.isEmpty || path.hasPrefix("/") || path.contains("\\")
            || components.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            || path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        if bad {
            throw Failure(description: "refusing to write '\(path)': it would leave the output folder")
        }
    }

}
