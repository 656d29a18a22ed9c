import Foundation
import ShipshapeCLI
import Testing
import TestSupport

/// What `scripts/release --image` leaves in dist/: the tarball, its checksum, the staged folder
/// (static binary, completions, man page, licences, SHA256SUMS) and the image
/// localhost/shipshape:<version>. `.ci/run` builds them before the tests; elsewhere these tests are
/// skipped, and say which command builds what they check.
@Suite struct ReleaseTests {
    static let version = ShipshapeCommand.configuration.version
    static var name: String {
        var system = utsname()
        uname(&system)
        let arch = withUnsafeBytes(of: &system.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "shipshape-\(version)-linux-\(arch == "arm64" ? "aarch64" : arch)"
    }
    static let stage = Repository.path("dist/\(name)")
    static let built = FileManager.default.fileExists(atPath: Repository.path("dist/\(name).tar.gz"))
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: built || inCI, "no release built: run scripts/release --image"))
    func tarballHoldsWhatItsSumsSay() throws {
        try #require(Self.built, "CI must run scripts/release --image before the tests")
        let sum = try Processes.run("sha256sum", ["-c", "\(Self.name).tar.gz.sha256"], in: Repository.path("dist"))
        #expect(sum.exitCode == 0, "\(sum.stdout)\(sum.stderr)")
        let inner = try Processes.run("sha256sum", ["-c", "SHA256SUMS"], in: Self.stage)
        #expect(inner.exitCode == 0, "\(inner.stdout)\(inner.stderr)")
        let listed = try String(contentsOfFile: Self.stage + "/SHA256SUMS", encoding: .utf8)
        for file in [
            "bin/shipshape", "completions/shipshape.bash", "completions/_shipshape", "completions/shipshape.fish",
            "man/man1/shipshape.1.gz", "README.md", "LICENSE", "licenses/Yams.txt",
            "licenses/swift-argument-parser.txt", "licenses/swift-collections.txt",
        ] {
            #expect(listed.contains("  \(file)\n"), "\(file) is not in the tarball")
        }
        let tar = try Processes.run("tar", ["-tzf", Repository.path("dist/\(Self.name).tar.gz")])
        #expect(tar.stdout.contains("\(Self.name)/bin/shipshape\n"))
    }

    @Test(.enabled(if: built || inCI, "no release built: run scripts/release --image"))
    func binaryLinksNoSwiftRuntime() throws {
        try #require(Self.built, "CI must run scripts/release --image before the tests")
        let ldd = try Processes.run("ldd", [Self.stage + "/bin/shipshape"])
        #expect(ldd.exitCode == 0)
        #expect(!ldd.stdout.contains("libswift") && !ldd.stdout.contains("libFoundation"), "\(ldd.stdout)")
        let version = try Processes.run(Self.stage + "/bin/shipshape", ["--version"])
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Self.version)
    }

    /// The image has no Swift toolchain; the binary renders, validates and lints in it.
    @Test(.enabled(if: built || inCI, "no release image built: run scripts/release --image"))
    func imageRunsWithoutSwift() throws {
        try #require(Self.built, "CI must run scripts/release --image before the tests")
        let image = "localhost/shipshape:\(Self.version)"
        let examples = Repository.path("examples")
        let swift = try Processes.run("podman", [
            "run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", image, "-c",
            "command -v swift || ls /usr/lib/swift || echo no-swift",
        ])
        #expect(swift.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "no-swift", "\(swift.stdout)")
        let validate = try Processes.run("podman", [
            "run", "--rm", "--network", "none", "-v", "\(examples):/src:ro", image,
            "validate", "/src/openlearn", "--env", "production", "--format", "json", "--fail-on", "never",
        ])
        #expect(validate.exitCode == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("\"rule\""), "validate printed no findings report")
        let render = try Processes.run("podman", [
            "run", "--rm", "--network", "none", "-v", "\(examples):/src:ro", image,
            "render", "/src/openlearn", "--check",
        ])
        #expect(render.exitCode == 0 && render.stdout == "up to date\n", "\(render.stdout)\(render.stderr)")
        let lint = try Processes.run("podman", [
            "run", "--rm", "--network", "none", "-v", "\(examples):/src:ro", image,
            "lint", "/src/openlearn/rendered/production/nginx", "--format", "json", "--fail-on", "error",
        ])
        #expect(lint.exitCode == 0, "\(lint.stdout)\(lint.stderr)")
    }
}
