import Foundation
import Testing
import TestSupport
import Yams

/// Tests/Fixtures/hostile/: specs written to break shipshape, each with the outcome it must have
/// (expected.json), run through the CLI binary as a user or CI would run it. A case is a file
/// (copied in as stack.yaml) or a folder (copied whole; its links.txt lines `LINK -> TARGET`
/// become symbolic links, which git cannot be trusted to keep as loops).
///
/// - rejected: exit 2, `FILE:LINE:COLUMN: error: MESSAGE...` on stderr, no output folder.
/// - accepted: exit 0, every `intact` value appears whole in a rendered file (read back the way
///   that file's consumer reads it), and the judges accept every rendered file.
/// - never a signal, a Swift fatal error or a timeout.
@Suite struct HostileInputTests {
    struct Expectation: Decodable, Sendable {
        var outcome: String
        var at: String?
        var message: String?
        var intact: [String]?
    }

    static let folder = Repository.path("Tests/Fixtures/hostile")

    static let expectations: [String: Expectation] = {
        let url = URL(fileURLWithPath: "\(folder)/expected.json")
        return (try? JSONDecoder().decode([String: Expectation].self, from: Data(contentsOf: url))) ?? [:]
    }()

    /// Case names: file names without `.yaml`, and folder names.
    static let names: [String] = {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.filter { $0 != "expected.json" }.map { $0.hasSuffix(".yaml") ? String($0.dropLast(5)) : $0 }
            .sorted()
    }()

    static let rejected = names.filter { expectations[$0]?.outcome == "rejected" }
    static let accepted = names.filter { expectations[$0]?.outcome == "accepted" }

    /// Copies a case into `work/case/` and returns that folder.
    static func prepare(_ name: String, in work: URL) throws -> URL {
        let fm = FileManager.default
        let target = work.appendingPathComponent("case")
        let source = "\(folder)/\(name)"
        if fm.fileExists(atPath: source + ".yaml") {
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            try fm.copyItem(atPath: source + ".yaml", toPath: target.appendingPathComponent("stack.yaml").path)
            return target
        }
        try fm.copyItem(atPath: source, toPath: target.path)
        let links = target.appendingPathComponent("links.txt")
        for line in try String(contentsOf: links, encoding: .utf8).split(separator: "\n") {
            let parts = line.components(separatedBy: " -> ")
            let link = target.appendingPathComponent(parts[0])
            try fm.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: link.path, withDestinationPath: parts[1])
        }
        try fm.removeItem(at: links)
        return target
    }

    static func render(_ stack: URL, into out: URL) throws -> Processes.Result {
        try Shipshape.run(["render", stack.path, "--env", "production", "--out", out.path])
    }

    @Test func theCorpusHasAnOutcomeForEveryCase() {
        print(
            "hostile corpus: \(Self.names.count) cases, \(Self.rejected.count) rejected, \(Self.accepted.count) "
                + "accepted"
        )
        #expect(Self.names.count >= 100)
        #expect(Set(Self.names) == Set(Self.expectations.keys), "cases without an outcome, or outcomes without a case")
        #expect(Self.rejected.count + Self.accepted.count == Self.names.count)
    }

    @Test(arguments: rejected)
    func rejectedInputExitsTwoWithALocatedMessageAndWritesNothing(_ name: String) throws {
        let expectation = try #require(Self.expectations[name])
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let stack = try Self.prepare(name, in: work)
        let out = work.appendingPathComponent("out")
        let result = try Self.render(stack, into: out)
        #expect(!result.signaled, "\(name): ended by a signal\n\(result.stderr)")
        #expect(result.exitCode == 2, "\(name): exit \(result.exitCode)\n\(result.stderr)")
        let located = "\(stack.path)/\(expectation.at ?? "?"): error: \(expectation.message ?? "?")"
        #expect(result.stderr.contains(located), "\(name): expected '\(located)' in:\n\(result.stderr.prefix(2000))")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: out.path), "\(name): wrote an output folder")
    }

    @Test func acceptedInputRendersTheValuesIntactAndPassesTheJudges() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let judged = work.appendingPathComponent("judged")
        for name in Self.accepted {
            let caseFolder = work.appendingPathComponent("cases/\(name)")
            let stack = try Self.prepare(name, in: caseFolder)
            let out = judged.appendingPathComponent(name)
            let result = try Self.render(stack, into: out)
            #expect(!result.signaled && result.exitCode == 0, "\(name): exit \(result.exitCode)\n\(result.stderr)")
            let files = try RenderedText.read(out)
            #expect(!files.isEmpty, "\(name): rendered nothing")
            for (path, text) in files {
                #expect(!text.contains("\r"), "\(name): \(path) holds a carriage return")
            }
            let readable = files.flatMap { RenderedText.values(path: $0.key, text: $0.value) }
            for value in Self.expectations[name]?.intact ?? [] {
                #expect(
                    readable.contains { $0.contains(value) },
                    "\(name): '\(value.prefix(80))' is not intact in any rendered file")
            }
        }
        try Judges.requireOrSkip()
        // inject-nginx-cert-path names a certificate whose path holds '; ssl_verify_client off':
        // nginx -t must load it from exactly that path, one token.
        let certificates = URL(fileURLWithPath: "/tmp/shipshape-hostile-certs")
        try FileManager.default.createDirectory(at: certificates, withIntermediateDirectories: true)
        let pair = try NginxInjectionTests.makeCertificate(in: certificates)
        try pair.certificate.write(to: certificates.appendingPathComponent("a.pem; ssl_verify_client off"))
        try pair.key.write(to: certificates.appendingPathComponent("a.key"))
        let verdict = try Judges.run(judged.path, environment: ["JUDGE_SKIP": "checkov"])
        print(
            "hostile corpus: judges over \(Self.accepted.count) accepted cases: \(verdict.passed) passed, "
                + "\(verdict.failed) failed"
        )
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.passed > Self.accepted.count)
    }

    /// Inputs too large to commit, generated here: each fails fast with a located message.
    @Test(arguments: [
        ("ten-megabyte-value", "stack.yaml:5:16: error: a value of 10240 KiB"),
        ("hundred-thousand-services", "stack.yaml:3:1: error: 100000 services"),
        ("thousand-deep-mappings", "stack.yaml:5:798: error: nesting deeper than 200 levels"),
        ("thousand-deep-lists", "stack.yaml:2:203: error: nesting deeper than 200 levels"),
    ])
    func hugeInputFailsFastWithALocatedMessage(_ name: String, _ expected: String) throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        var text = "stack: demo\n"
        switch name {
        case "ten-megabyte-value":
            text +=
                "services:\n  api:\n    image: demo/api:1.4.2\n    env: {BIG: "
                + String(repeating: "y", count: 10 * 1_048_576) + "}\n"
        case "hundred-thousand-services":
            text +=
                "targets: [kubernetes]\nservices:\n"
                + (0..<100_000).map { "  s\($0): {image: demo/api:1.4.2}\n" }.joined()
        case "thousand-deep-mappings":
            text +=
                "services:\n  api:\n    image: x:1\n    env: " + String(repeating: "{a: ", count: 1000) + "x"
                + String(repeating: "}", count: 1000) + "\n"
        default:
            text += "x: " + String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000) + "\n"
        }
        try text.write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("out")
        let started = Date()
        let result = try Self.render(work, into: out)
        print(
            "hostile \(name): exit \(result.exitCode) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
        )
        #expect(!result.signaled)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("\(work.path)/\(expected)"), "\(result.stderr.prefix(500))")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
