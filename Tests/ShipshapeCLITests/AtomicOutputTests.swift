import Foundation
import Testing
import TestSupport

/// Output is all or nothing: a render that fails half-way leaves the output folder exactly as
/// it was, and a folder that cannot be written is a clean error.
@Suite struct AtomicOutputTests {
    static let stack = """
        stack: shop
        targets: [kubernetes, compose]
        services:
          api: {image: shop/api:1.0.0, ports: [{name: http, port: 8080}]}
        environments:
          development: {}
          staging: {}
          production: {}

        """

    /// Every file under `folder` with its contents and modification time.
    static func snapshot(_ folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for (path, text) in try RenderedText.read(folder) {
            let date =
                try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[
                    .modificationDate] as? Date
            result[path] = "\(date?.timeIntervalSince1970 ?? 0) \(text)"
        }
        return result
    }

    @Test func aRenderThatFailsInTheLastEnvironmentLeavesTheOutputUntouched() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("stack.yaml")
        try Self.stack.write(to: file, atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("out")
        #expect(try Shipshape.run(["render", work.path, "--out", out.path]).exitCode == 0)
        let before = try Self.snapshot(out)
        #expect(before.count >= 6)

        // development and staging change and would render; production (rendered last) is invalid.
        try Self.stack.replacingOccurrences(of: "api: {image: shop/api:1.0.0", with: "api: {image: shop/api:2.0.0")
            .replacingOccurrences(of: "production: {}", with: "production: {services: {api: {replicas: lots}}}")
            .write(to: file, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 0.05)
        let result = try Shipshape.run(["render", work.path, "--out", out.path])
        #expect(result.exitCode == 2 && !result.signaled)
        #expect(result.stderr.contains("stack.yaml:8:43: error: 'lots' is not valid here"), "\(result.stderr)")
        #expect(try Self.snapshot(out) == before, "a file changed although the render failed")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "development", "production", "staging",
            ],
            "a staging folder was left behind")
    }

    @Test func writingIntoAReadOnlyFolderFailsCleanly() throws {
        let work = Repository.temporaryFolder()
        let readOnly = work.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        var mounted = false
        defer {
            if mounted { _ = try? Processes.run("umount", [readOnly.path]) }
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: readOnly.path)
            try? FileManager.default.removeItem(at: work)
        }
        try Self.stack.write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        // Permissions do not stop root: mount a read-only file system there instead, or, where
        // mounting is not allowed either, write into sysfs, which refuses new entries.
        var target = readOnly.appendingPathComponent("out").path
        if getuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly.path)
        } else if (try? Processes.run("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnly.path]))?.exitCode
            == 0
        {
            mounted = true
        } else {
            target = "/sys/shipshape-out"
        }
        let result = try Shipshape.run(["render", work.path, "--out", target])
        #expect(!result.signaled)
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("error: "), "\(result.stderr)")
        #expect(
            !result.stderr.contains("Fatal error") && !result.stderr.contains("NSCocoaErrorDomain"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
        print(
            "read-only output: "
                + "\(mounted ? "read-only tmpfs" : target == "/sys/shipshape-out" ? "sysfs" : "mode 0555"): "
                + "\(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
        )
    }
}
