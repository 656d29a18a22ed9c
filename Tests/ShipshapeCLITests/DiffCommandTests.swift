import Foundation
import Testing
import TestSupport

@Suite struct DiffCommandTests {
    @Test func diffExitCodes() throws {
        let same = try Shipshape.run(["diff", "examples/openlearn", "production", "production", "--exit-code"])
        #expect(same.exitCode == 0, "\(same.stderr)")
        #expect(same.stdout.contains("no differences"))
        let different = try Shipshape.run([
            "diff", "examples/openlearn", "staging", "production", "--exit-code", "--target", "kubernetes",
        ])
        #expect(different.exitCode == 1)
        #expect(different.stdout.contains("spec.minReplicas: 2 -> 3"))
        let bad = try Shipshape.run(["diff", "examples/openlearn", "staging"])
        #expect(bad.exitCode == 2)
        let unknown = try Shipshape.run(["diff", "examples/openlearn", "staging", "prod"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("unknown environment 'prod'"))
    }

    @Test func unexpectedOnly() throws {
        let result = try Shipshape.run([
            "diff", "examples/openlearn", "staging", "production", "--target", "kubernetes", "--unexpected-only",
        ])
        #expect(result.exitCode == 0)
        #expect(!result.stdout.contains("spec.minReplicas"))
        #expect(result.stdout.contains("topologySpreadConstraints"))
    }

    /// `render --check`: 0 on a fresh render, 1 after a file is edited, deleted or added, naming
    /// the file; it never writes.
    @Test func renderCheckFindsDrift() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let render = try Shipshape.run(["render", "examples/openlearn", "--out", out.path])
        #expect(render.exitCode == 0, "\(render.stderr)")
        let check = { try Shipshape.run(["render", "examples/openlearn", "--out", out.path, "--check"]) }
        var result = try check()
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "up to date\n")

        let deployment = out.appendingPathComponent("production/kubernetes/api.yaml")
        let original = try String(contentsOf: deployment, encoding: .utf8)
        try original.replacingOccurrences(of: "minReplicas: 3", with: "minReplicas: 5")
            .write(to: deployment, atomically: true, encoding: .utf8)
        result = try check()
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("changed: production/kubernetes/api.yaml"))
        #expect(result.stdout.contains("HorizontalPodAutoscaler/api spec.minReplicas: 5 (on disk) -> 3 (rendered)"))
        try original.write(to: deployment, atomically: true, encoding: .utf8)

        let unit = out.appendingPathComponent("production/systemd/openlearn-api.service")
        try FileManager.default.removeItem(at: unit)
        result = try check()
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("missing: production/systemd/openlearn-api.service"))
        #expect(!FileManager.default.fileExists(atPath: unit.path))  // --check writes nothing
        _ = try Shipshape.run(["render", "examples/openlearn", "--out", out.path])

        try "stray".write(
            to: out.appendingPathComponent("production/nginx/old.conf"), atomically: true, encoding: .utf8)
        result = try check()
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("extra: production/nginx/old.conf"))
    }

    @Test func diffFilesComparesFoldersShipshapeDidNotWrite() throws {
        let root = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, replicas) in [("a", 2), ("b", 4)] {
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: \(replicas)
              template:
                spec:
                  containers:
                    - {name: web, image: "shop/web:1", env: [{name: DB_PASSWORD, value: hunter\(replicas)}]}
            """.write(to: folder.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        }
        let result = try Shipshape.run([
            "diff", "--files", root.appendingPathComponent("a").path, root.appendingPathComponent("b").path,
            "--format", "json", "--exit-code",
        ])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("\"path\": \"spec.replicas\""))
        #expect(!result.stdout.contains("hunter"))
    }
}
