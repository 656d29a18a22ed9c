import Foundation
import ShipshapeRender
import Testing
import TestSupport

@Suite struct OutputWriterTests {
    /// Every file under `folder`, hidden ones included (a staging folder left behind must show),
    /// but the manifests.
    func contents(_ folder: URL) -> [String: String] {
        ((try? FolderReader.contents(of: folder.path, includingHidden: true)) ?? [:])
            .filter { !$0.key.hasSuffix("/" + OutputWriter.manifestName) }
    }

    @Test func replacesOwnedFoldersAndKeepsOthers() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try OutputWriter.write(
            [
                RenderedFile(path: "production/kubernetes/a.yaml", contents: "a"),
                RenderedFile(path: "production/compose/docker-compose.yml", contents: "c"),
            ], to: out.path, owning: ["production/kubernetes", "production/compose"])
        try OutputWriter.write(
            [RenderedFile(path: "production/kubernetes/b.yaml", contents: "b")], to: out.path,
            owning: ["production/kubernetes"])
        #expect(contents(out) == ["production/kubernetes/b.yaml": "b", "production/compose/docker-compose.yml": "c"])
    }

    @Test(arguments: ["../escape.yaml", "/etc/passwd", "production/../../x", "a//b", "a/./b", "a\nb", "a\\b", ""])
    func refusesPathsThatLeaveTheFolder(_ path: String) throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try "keep".write(to: out.appendingPathComponent("existing.txt"), atomically: true, encoding: .utf8)
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write([RenderedFile(path: path, contents: "x")], to: out.path, owning: [path])
        }
        #expect(contents(out) == ["existing.txt": "keep"])
        #expect(
            !FileManager.default.fileExists(
                atPath: out.deletingLastPathComponent().appendingPathComponent("escape.yaml").path))
    }

    @Test func readOnlyFolderFailsCleanly() throws {
        guard getuid() != 0 else { return }  // root ignores permissions; the CLI test covers a file in the way instead
        let out = Repository.temporaryFolder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: out.path)
            try? FileManager.default.removeItem(at: out)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: out.path)
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write([RenderedFile(path: "p/k/a.yaml", contents: "a")], to: out.path, owning: ["p/k"])
        }
    }

    @Test func aFileInTheWayLeavesEverythingAsItWas() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try OutputWriter.write(
            [RenderedFile(path: "staging/kubernetes/a.yaml", contents: "old")], to: out.path,
            owning: ["staging/kubernetes"])
        // "production" is a file, so production/kubernetes cannot be created: nothing may change.
        try "not a folder".write(to: out.appendingPathComponent("production"), atomically: true, encoding: .utf8)
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write(
                [
                    RenderedFile(path: "staging/kubernetes/a.yaml", contents: "new"),
                    RenderedFile(path: "production/kubernetes/a.yaml", contents: "new"),
                ], to: out.path, owning: ["staging/kubernetes", "production/kubernetes"])
        }
        #expect(contents(out) == ["staging/kubernetes/a.yaml": "old", "production": "not a folder"])
    }
}
