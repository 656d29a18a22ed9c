import Foundation
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport
import Yams

@Suite struct KustomizeLayoutTests {
    /// Objects as canonical JSON (sorted keys), so key order and document order do not matter.
    static func canonical(_ yaml: String) throws -> [String] {
        try Yams.load_all(yaml: yaml).compactMap { $0 }.map { object in
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.sorted()
    }

    static func kubectl(_ arguments: [String]) throws -> (Int32, String, String) {
        let result = try Processes.run("kubectl", arguments)
        return (result.exitCode, result.stdout, result.stderr)
    }

    static var hasKubectl: Bool {
        ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(arguments: ["openlearn", "doc-scraper"])
    func kustomizeBuildEqualsTheFlatRender(example: String) throws {
        guard Self.hasKubectl else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("kubectl is missing")
            } else {
                print("notice: kubectl not installed; skipping")
            }
            return
        }
        let flat = try Rendering.files(example, target: .kubernetes)
        let layered = try Rendering.files(example, target: .kubernetes, layout: .kustomize)
        #expect(layered.contains { $0.path == "kubernetes/base/kustomization.yaml" })
        let folder = try Rendering.write(layered)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environments = Set(flat.map { String($0.path.split(separator: "/")[0]) })
        #expect(!environments.isEmpty)
        for environment in environments.sorted() {
            let expected = try flat.filter { $0.path.hasPrefix("\(environment)/") }.flatMap {
                try Self.canonical($0.contents)
            }.sorted()
            let (status, output, errors) = try Self.kubectl([
                "kustomize", folder.appendingPathComponent("kubernetes/overlays/\(environment)").path,
            ])
            #expect(status == 0, "\(errors)")
            let built = try Self.canonical(output)
            #expect(built.count == expected.count, "\(example)/\(environment)")
            #expect(built == expected, "\(example)/\(environment): kustomize build differs from the flat render")
        }
    }

    @Test func sharedObjectsGoToTheBaseWithoutNamespace() throws {
        let layered = try Rendering.files("openlearn", target: .kubernetes, layout: .kustomize)
        let base = layered.filter { $0.path.hasPrefix("kubernetes/base/") && !$0.path.hasSuffix("kustomization.yaml") }
        #expect(!base.isEmpty)
        #expect(base.allSatisfy { !$0.contents.contains("namespace:") })
        // The production overlay carries what differs from staging, e.g. the api Deployment.
        #expect(layered.contains { $0.path == "kubernetes/overlays/production/api-deployment.yaml" })
        #expect(
            layered.contains {
                $0.path == "kubernetes/overlays/production/kustomization.yaml"
                    && $0.contents.contains("namespace: openlearn-production")
            })
    }
}
