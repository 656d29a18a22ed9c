import Foundation
@testable import ShipshapeRender
import Testing
import TestSupport

/// Writing into an existing folder reuses unchanged files by hard link (issue #21): the bytes
/// on disk must be exactly those rendered, whichever way each file got there.
@Suite struct StagedFileTests {
    func inode(_ path: String) -> UInt64? {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    func links(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_nlink) : 0
    }

    @Test func unchangedFilesKeepTheirInodeAndChangedOnesAreRewritten() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let owned = ["production/kubernetes"]
        func write(_ b: String) throws {
            try OutputWriter.write([
                RenderedFile(path: "production/kubernetes/a.yaml", contents: "same\n"),
                RenderedFile(path: "production/kubernetes/b.yaml", contents: b),
            ], to: out.path, owning: owned)
        }
        try write("old\n")
        let a = out.path + "/production/kubernetes/a.yaml", b = out.path + "/production/kubernetes/b.yaml"
        let (a1, b1) = (inode(a), inode(b))
        try write("new!\n")
        #expect(inode(a) == a1)
        #expect(inode(b) != b1)
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "same\n")
        #expect(try String(contentsOfFile: b, encoding: .utf8) == "new!\n")
        // The retired folder is gone: the reused file has one name again.
        #expect(links(a) == 1)
        #expect(OutputJournal.leftovers(out.path).isEmpty)
    }

    @Test func sameSizeDifferentBytesAreRewritten() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let path = "production/kubernetes/a.yaml"
        let owned = ["production/kubernetes"]
        try OutputWriter.write([RenderedFile(path: path, contents: "abc\n")], to: out.path, owning: owned)
        try OutputWriter.write([RenderedFile(path: path, contents: "abd\n")], to: out.path, owning: owned)
        #expect(try String(contentsOfFile: out.path + "/" + path, encoding: .utf8) == "abd\n")
    }

    @Test func aFileWithAnotherNameIsNotShared() throws {
        let out = Repository.temporaryFolder()
        let backup = Repository.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: backup)
        }
        let path = "production/kubernetes/a.yaml", owned = ["production/kubernetes"]
        try OutputWriter.write([RenderedFile(path: path, contents: "x\n")], to: out.path, owning: owned)
        let copy = backup.path + "/a.yaml"
        try FileManager.default.createDirectory(atPath: backup.path, withIntermediateDirectories: true)
        #expect(link(out.path + "/" + path, copy) == 0)
        try OutputWriter.write([RenderedFile(path: path, contents: "x\n")], to: out.path, owning: owned)
        #expect(inode(out.path + "/" + path) != inode(copy))
        #expect(links(copy) == 1)
    }

    /// A folder that already holds exactly the rendered files is not replaced at all; any
    /// difference — bytes, a mode changed by hand, an extra folder — replaces it as before.
    /// The one-open comparison that decides whether a folder is left in place: exactly the bytes,
    /// and, with permissions, a file as a write leaves it (mode, one name); a named pipe is
    /// turned down without waiting for a writer.
    @Test func holdsComparesBytesAndHowTheFileWasLeft() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let path = out.path + "/a.yaml", permissions = StagedFile.Permissions.current()
        try OutputWriter.write([RenderedFile(path: "p/a.yaml", contents: "abc\n")], to: out.path, owning: ["p"])
        try FileManager.default.moveItem(atPath: out.path + "/p/a.yaml", toPath: path)
        #expect(StagedFile.holds(path, "abc\n", as: permissions))
        #expect(!StagedFile.holds(path, "abd\n", as: permissions))
        #expect(!StagedFile.holds(path, "abc", as: permissions))
        #expect(!StagedFile.holds(path, "abc\nd", as: permissions))
        #expect(!StagedFile.holds(out.path + "/missing.yaml", "abc\n"))
        chmod(path, 0o600)
        #expect(StagedFile.holds(path, "abc\n"))
        #expect(!StagedFile.holds(path, "abc\n", as: permissions))
        chmod(path, permissions.mode)
        #expect(link(path, out.path + "/second-name") == 0)
        #expect(!StagedFile.holds(path, "abc\n", as: permissions))
        #expect(StagedFile.holds(path, "abc\n"))
        let pipe = out.path + "/pipe.yaml"
        #expect(mkfifo(pipe, 0o644) == 0)
        #expect(!StagedFile.holds(pipe, ""))
        #expect(symlink(path, out.path + "/link.yaml") == 0)
        #expect(!StagedFile.holds(out.path + "/link.yaml", "abc\n"))
    }

    @Test func aFolderThatHoldsExactlyTheFilesIsLeftInPlace() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let owned = ["production/kubernetes"], folder = out.path + "/production/kubernetes"
        let files = [RenderedFile(path: "production/kubernetes/a.yaml", contents: "a\n"),
                     RenderedFile(path: "production/kubernetes/sub/b.yaml", contents: "b\n")]
        try OutputWriter.write(files, to: out.path, owning: owned)
        let (before, a) = (inode(folder), inode(folder + "/a.yaml"))
        try OutputWriter.write(files, to: out.path, owning: owned)
        #expect(inode(folder) == before)
        #expect(inode(folder + "/a.yaml") == a)

        chmod(folder + "/a.yaml", 0o600)
        try OutputWriter.write(files, to: out.path, owning: owned)
        #expect(inode(folder) != before)
        var info = stat()
        #expect(lstat(folder + "/a.yaml", &info) == 0 && info.st_mode & 0o077 != 0)

        let replaced = inode(folder)
        try FileManager.default.createDirectory(atPath: folder + "/extra", withIntermediateDirectories: true)
        try OutputWriter.write(files, to: out.path, owning: owned)
        #expect(inode(folder) != replaced)
        #expect(!FileManager.default.fileExists(atPath: folder + "/extra"))
        #expect(try String(contentsOfFile: folder + "/sub/b.yaml", encoding: .utf8) == "b\n")
        #expect(OutputJournal.leftovers(out.path).isEmpty)
    }

    /// A symbolic link render did not write is never deleted unasked, wherever it points.
    @Test func aLinkInAnOwnedFolderIsRefusedUnlessPruned() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let owned = ["production/kubernetes"], folder = out.path + "/production/kubernetes"
        let files = [RenderedFile(path: "production/kubernetes/a.yaml", contents: "a\n")]
        try OutputWriter.write(files, to: out.path, owning: owned)
        #expect(symlink("/nonexistent", folder + "/dangling") == 0)
        #expect(throws: OutputWriter.Failure.self) { try OutputWriter.write(files, to: out.path, owning: owned) }
        var info = stat()
        #expect(lstat(folder + "/dangling", &info) == 0)
        try OutputWriter.write(files, to: out.path, owning: owned, prune: true)
        #expect(lstat(folder + "/dangling", &info) != 0)
    }
}
