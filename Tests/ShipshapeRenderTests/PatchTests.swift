import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport
import Yams

/// The typed escape hatch: structured YAML merged into a service's rendered objects, which can
/// add and replace fields but never change an object's identity, and whose values are escaped
/// like every other value.
@Suite struct PatchTests {
    static let stack = """
        stack: shop
        targets: [kubernetes, compose]
        services:
          api:
            image: shop/api:1.0.0
            ports: [{name: http, port: 8080}]
            env: {MODE: fast}
            kubernetes:
              patches:
                Deployment:
                  metadata: {labels: {tier: 1}, annotations: {example.com/owner: "team a"}}
                  spec:
                    revisionHistoryLimit: 3
                    template:
                      spec:
                        priorityClassName: critical
                        containers:
                          - name: api
                            stdin: true
                            env: [{name: EXTRA, value: "yes"}, {name: MODE, value: slow}]
                Service:
                  spec: {sessionAffinity: ClientIP}
            compose:
              patch:
                shm_size: 1g
                stop_signal: SIGINT
                labels: {note: "costs $5", "x: y": "a\\nb"}

        """

    static func objects(_ files: [RenderedFile]) throws -> [[String: Any]] {
        let file = try #require(files.first { $0.path.hasSuffix("kubernetes/api.yaml") }).contents
        return try Yams.load_all(yaml: file).compactMap { $0 as? [String: Any] }
    }

    @Test func aKubernetesPatchMergesIntoTheObjectOfItsKind() throws {
        let objects = try Self.objects(Rendering.files(yaml: Self.stack))
        let deployment = try #require(objects.first { $0["kind"] as? String == "Deployment" })
        #expect(dig(deployment, "metadata", "name") as? String == "api")
        #expect(dig(deployment, "metadata", "labels", "tier") as? String == "1")
        #expect(dig(deployment, "metadata", "labels", "app.kubernetes.io/name") as? String == "api")
        #expect(dig(deployment, "metadata", "annotations", "example.com/owner") as? String == "team a")
        #expect(dig(deployment, "spec", "revisionHistoryLimit") as? Int == 3)
        #expect(dig(deployment, "spec", "template", "spec", "priorityClassName") as? String == "critical")
        let containers = try #require(dig(deployment, "spec", "template", "spec", "containers") as? [[String: Any]])
        #expect(containers.count == 1)  // merged by name, not appended
        #expect(containers[0]["stdin"] as? Bool == true)
        #expect(containers[0]["image"] as? String == "shop/api:1.0.0")
        let env = try #require(containers[0]["env"] as? [[String: Any]])
        #expect(env.first { $0["name"] as? String == "MODE" }?["value"] as? String == "slow")
        #expect(env.contains { $0["name"] as? String == "EXTRA" })
        let service = try #require(objects.first { $0["kind"] as? String == "Service" })
        #expect(dig(service, "spec", "sessionAffinity") as? String == "ClientIP")
        #expect(dig(service, "spec", "ports", 0, "name") as? String == "http")
    }

    /// A service named `namespace` is checked against its own objects: its patch of a Deployment
    /// applies (the check once looked at the group of the stack's Namespace, of the same name).
    @Test func aServiceNamedLikeAStackWideGroupPatchesItsOwnObjects() throws {
        let stack = """
            stack: shop
            targets: [kubernetes]
            services:
              namespace:
                image: shop/api:1.0.0
                ports: [{name: http, port: 8080}]
                kubernetes:
                  patches:
                    Deployment:
                      spec: {revisionHistoryLimit: 3}

            """
        let files = try Rendering.files(yaml: stack)
        let file = try #require(files.first { $0.path.hasSuffix("kubernetes/namespace.yaml") })
        let objects = try Yams.load_all(yaml: file.contents).compactMap { $0 as? [String: Any] }
        let deployment = try #require(objects.first { $0["kind"] as? String == "Deployment" })
        #expect((deployment["spec"] as? [String: Any])?["revisionHistoryLimit"] as? Int == 3)
    }

    @Test func aComposePatchMergesIntoTheServiceAndItsValuesAreEscaped() throws {
        let files = try Rendering.files(yaml: Self.stack)
        let compose = try Rendering.file(files, "compose/docker-compose.yml")
        let document = try #require(try Yams.load(yaml: compose) as? [String: Any])
        let api = try #require(dig(document, "services", "api") as? [String: Any])
        #expect(api["shm_size"] as? String == "1g")
        #expect(api["stop_signal"] as? String == "SIGINT")
        #expect(dig(api, "labels", "note") as? String == "costs $$5")  // no interpolation
        #expect(dig(api, "labels", "x: y") as? String == "a\nb")  // a value cannot add structure
        #expect(api["image"] as? String == "shop/api:1.0.0")
    }

    @Test func resolveShowsThePatches() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.stack.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let result = try Shipshape.run(["resolve", folder.path, "--env", "production", "--explain"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("    kubernetes:\n      patches:\n        Deployment:"), "\(result.stdout)")
        #expect(result.stdout.contains("priorityClassName: critical"))
        #expect(result.stdout.contains("shm_size: \"1g\""))
    }

    struct Mistake: CustomStringConvertible, Sendable {
        var description: String
        var patches: String
        var message: String
        var line: Int
        var column: Int
    }

    static let mistakes: [Mistake] = [
        Mistake(description: "kind", patches: "Deployment: {kind: StatefulSet}",
                message: "a patch cannot change 'kind'", line: 8, column: 22),
        Mistake(description: "name", patches: "Deployment: {metadata: {name: other}}",
                message: "a patch cannot change 'metadata.name'", line: 8, column: 33),
        Mistake(description: "namespace", patches: "Service: {metadata: {namespace: kube-system}}",
                message: "a patch cannot change 'metadata.namespace'", line: 8, column: 30),
        Mistake(description: "a fraction", patches: "Deployment: {spec: {minReadySeconds: 0.5}}",
                message: "'0.5' is a fraction", line: 8, column: 46),
        Mistake(description: "a null", patches: "Deployment: {spec: {replicas: ~}}",
                message: "a patch cannot remove a field", line: 8, column: 39),
        Mistake(description: "a lowercase kind", patches: "deployment: {spec: {}}",
                message: "'deployment' is not a Kubernetes kind", line: 8, column: 9),
        Mistake(description: "a kind the service does not render", patches: "StatefulSet: {spec: {}}",
                message: "service 'api' has no StatefulSet to patch in production", line: 8, column: 9),
        Mistake(description: "a label value", patches: "Deployment: {metadata: {labels: {tier: \"a b\"}}}",
                message: "not a valid label value", line: 8, column: 48),
    ]

    /// Each mistake is a located error, from `validate` as from `render` (the kind check is a
    /// render-stage one).
    @Test(arguments: mistakes) func aPatchThatWouldChangeIdentityOrLoseItsTypeIsALocatedError(_ m: Mistake) throws {
        let yaml = """
            stack: shop
            services:
              api:
                image: shop/api:1.0.0
                ports: [{name: http, port: 8080}]
                kubernetes:
                  patches:
                    \(m.patches)

            """
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        for command in [["validate", folder.path, "--env", "production"],
                        ["render", folder.path, "--env", "production", "--out", folder.path + "/out"]] {
            let result = try Shipshape.run(command)
            #expect(result.exitCode == 2, "\(m): \(command[0]) \(result.stdout)")
            #expect(result.stderr.contains("\(m.message)"), "\(m): \(result.stderr)")
            if m.line > 0, m.column > 1 {
                #expect(result.stderr.contains("stack.yaml:\(m.line):\(m.column): error: \(m.message)"),
                        "\(m): \(result.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func theJudgesAcceptPatchedFiles() throws {
        try Judges.require()
        let files = try Rendering.files(yaml: Self.stack)
        let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.lines.contains { $0.hasPrefix("PASS") && $0.contains("docker-compose.yml") })
        #expect(verdict.lines.contains { $0.hasPrefix("PASS") && $0.contains("api.yaml") })
    }
}
