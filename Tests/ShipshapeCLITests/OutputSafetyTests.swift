import Foundation
import Testing
import TestSupport

/// What render does to the output folder it replaces: it never follows a link out of it, never
/// deletes a file it did not write without `--prune`, and a kill at any instant leaves every
/// owned folder old or new — completed by the next render, reported by `render --check`.
@Suite struct OutputSafetyTests {
    static func stack(services: Int, tag: String) -> String {
        var text = "stack: shop\ntargets: [kubernetes, compose]\nservices:\n"
        for index in 0..<services {
            text += "  svc\(index): {image: \"shop/svc:\(tag)\", ports: [{name: http, port: 8080}]}\n"
        }
        return text + "environments: {development: {}, staging: {}, production: {}}\n"
    }

    static func write(_ text: String, in folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        return folder.path
    }

    @Test func aLinkAtTheEnvironmentFolderIsRefusedAndItsTargetKept() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let stack = try Self.write(Self.stack(services: 1, tag: "1"), in: work.appendingPathComponent("s"))
        let victim = work.appendingPathComponent("victim")
        try FileManager.default.createDirectory(
            at: victim.appendingPathComponent("kubernetes"), withIntermediateDirectories: true)
        try "keep".write(
            to: victim.appendingPathComponent("kubernetes/precious.txt"), atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: out.appendingPathComponent("production"), withDestinationURL: victim)
        let result = try Shipshape.run(["render", stack, "--out", out.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("production: it is a symbolic link"), "\(result.stderr)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: victim.appendingPathComponent("kubernetes").path)
        #expect(kept == ["precious.txt"])
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("development").path))
    }

    @Test func filesRenderDidNotWriteAreKeptUnlessPruned() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("s")
        let stack = try Self.write(Self.stack(services: 2, tag: "1"), in: folder)
        let out = work.appendingPathComponent("out")
        #expect(try Shipshape.run(["render", stack, "--out", out.path]).exitCode == 0)
        // A file shipshape wrote and no longer renders goes in silence.
        _ = try Self.write(Self.stack(services: 1, tag: "1"), in: folder)
        #expect(try Shipshape.run(["render", stack, "--out", out.path]).exitCode == 0)
        let gone = out.appendingPathComponent("production/kubernetes/svc1.yaml").path
        #expect(!FileManager.default.fileExists(atPath: gone))
        // A hand-written file stops the render, named.
        let hand = out.appendingPathComponent("production/kubernetes/kustomization.yaml")
        try "resources: []\n".write(to: hand, atomically: true, encoding: .utf8)
        let refused = try Shipshape.run(["render", stack, "--out", out.path])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("production/kubernetes/kustomization.yaml"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--prune"))
        #expect(FileManager.default.fileExists(atPath: hand.path))
        let pruned = try Shipshape.run(["render", stack, "--out", out.path, "--prune"])
        #expect(pruned.exitCode == 0, "\(pruned.stderr)")
        #expect(!FileManager.default.fileExists(atPath: hand.path))
    }

    /// Every owned folder's files, as text.
    static func folders(_ out: URL) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for environment in ["development", "staging", "production"] {
            for target in ["kubernetes", "compose"] {
                let folder = out.appendingPathComponent("\(environment)/\(target)")
                guard FileManager.default.fileExists(atPath: folder.path) else { continue }
                result["\(environment)/\(target)"] = try RenderedText.read(folder)
            }
        }
        return result
    }

    /// Each instant of the write, killed there (`SHIPSHAPE_FAILPOINT`): after staging, after the
    /// journal, after each swap, after the last — then trials killed at times of the clock.
    static let failpoints = ["staged", "journal"] + (0..<6).map { "swap-\($0)" } + ["swapped"]

    @Test func aKillAtAnyInstantLeavesEachFolderOldOrNew() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let oldStack = try Self.write(Self.stack(services: 400, tag: "1"), in: work.appendingPathComponent("old"))
        let newStack = try Self.write(Self.stack(services: 400, tag: "2"), in: work.appendingPathComponent("new"))
        let reference = (old: work.appendingPathComponent("ref-old"), new: work.appendingPathComponent("ref-new"))
        #expect(try Shipshape.run(["render", oldStack, "--out", reference.old.path]).exitCode == 0)
        #expect(try Shipshape.run(["render", newStack, "--out", reference.new.path]).exitCode == 0)
        let old = try Self.folders(reference.old), new = try Self.folders(reference.new)
        #expect(old.count == 6 && new.count == 6 && old != new)
        let started = Date()
        #expect(
            try Shipshape.run(["render", newStack, "--out", work.appendingPathComponent("timing").path]).exitCode == 0)
        let duration = Date().timeIntervalSince(started)

        var interrupted = 0
        let trials = Self.failpoints.map { Optional($0) } + Array(repeating: nil, count: 6)
        for (trial, failpoint) in trials.enumerated() {
            let out = work.appendingPathComponent("out\(trial)")
            #expect(try Shipshape.run(["render", oldStack, "--out", out.path]).exitCode == 0)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Shipshape.binary)
            process.arguments = ["render", newStack, "--out", out.path]
            process.environment = ProcessInfo.processInfo.environment.merging(["SHIPSHAPE_FAILPOINT": failpoint ?? ""])
            { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if failpoint == nil {
                usleep(UInt32(duration * 1_000_000 * (0.6 + Double(trial - Self.failpoints.count) * 0.1)))
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            if failpoint != nil { #expect(process.terminationReason == .uncaughtSignal, "\(failpoint!) not reached") }
            let seen = try Self.folders(out)
            #expect(seen.count == 6, "trial \(trial): a folder is missing: \(seen.keys.sorted())")
            for (folder, files) in seen {
                #expect(files == old[folder] || files == new[folder], "trial \(trial): \(folder) is mixed")
            }
            let check = try Shipshape.run(["render", newStack, "--out", out.path, "--check"])
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter {
                $0.hasPrefix(".shipshape")
            }
            if !leftovers.isEmpty {
                interrupted += 1
                #expect(check.exitCode == 1)
                #expect(check.stdout.contains("interrupted: "), "\(check.stdout)")
            }
            let again = try Shipshape.run(["render", newStack, "--out", out.path])
            #expect(again.exitCode == 0, "\(again.stderr)")
            #expect(try Self.folders(out) == new)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".shipshape") }
                    .isEmpty)
        }
        #expect(interrupted >= Self.failpoints.count)
        print(
            "kill -9 during render: \(trials.count) trials, \(interrupted) left an interrupted render; every "
                + "folder old or new"
        )
    }
}
