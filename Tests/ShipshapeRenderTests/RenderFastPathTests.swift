import Foundation
@testable import ShipshapeRender
import ShipshapeLoader
import ShipshapeModel
import Testing
import TestSupport

/// The shortcuts rendering takes (labels kept from the service asked last, byte checks before
/// character ones) give what the long way gives.
@Suite struct RenderFastPathTests {
    @Test func labelsAreTheServiceOwnWhateverWasAskedBefore() throws {
        let stack = try Rendering.example("openlearn", "production")
        let labels = Labels(stack: stack)
        var first = try #require(stack.services.first)
        var second = try #require(stack.services.dropFirst().first)
        second.labels["team"] = "search"
        let a = labels.all(first), b = labels.all(second)
        #expect(b.contains { $0 == ("team", "search") })
        #expect(!a.contains { $0.0 == "team" })
        #expect(labels.all(first).elementsEqual(a) { $0 == $1 })
        // Same name, other labels or image: built again, not the kept ones.
        first.labels["tier"] = "web"
        first.image = "example/other:9.9"
        let changed = labels.all(first)
        #expect(changed.contains { $0 == ("tier", "web") })
        #expect(changed.contains { $0 == ("app.kubernetes.io/version", "9.9") })
        #expect(!a.contains { $0.0 == "tier" })
    }

    /// Without bodies (`validate`), every target yields the same artifacts, groups and problems
    /// as with them, for every example and environment, and for a stack whose patches name a kind
    /// the service renders and one it does not; a service's Kubernetes objects and compose files are
    /// empty.
    @Test func artifactsWithoutBodiesAreWhoTheyAreAndWhatRenderingFound() throws {
        var stacks = try Repository.examples.flatMap { name in
            let project = try Project.load(Repository.path("examples/\(name)"))
            return try project.environments.map { try project.resolve($0) }
        }
        stacks.append(try Project.parse(Data("""
            stack: shop
            services:
              api:
                image: shop/api:1.0.0
                ports: [{name: http, port: 8080}]
                volumes: [{name: data, path: /data, size: 1Gi}]
                serviceType: NodePort
                kubernetes:
                  patches:
                    StatefulSet: {spec: {revisionHistoryLimit: 3}}
                    Deployment: {spec: {revisionHistoryLimit: 3}}
            """.utf8), file: "stack.yaml").resolve("production"))
        // A NetworkPolicy for each way a service may be reached (a client, the ingress controller,
        // a caller on all ports or on some, pods elsewhere), and none for one nobody reaches.
        stacks.append(try Project.parse(Data("""
            stack: mesh
            services:
              db: {image: mesh/db:1.0.0, ports: [{name: pg, port: 5432}]}
              api:
                image: mesh/api:1.0.0
                ports: [{name: http, port: 8080}, {name: metrics, port: 9090}]
                dependsOn: [db]
              worker:
                image: mesh/worker:1.0.0
                ports: [{name: http, port: 8081}]
                allowFrom: [{service: api, ports: [http]}]
              cache:
                image: mesh/cache:1.0.0
                ports: [{name: redis, port: 6379}]
                allowFrom: [api, {namespace: monitoring}]
              metrics:
                image: mesh/metrics:1.0.0
                ports: [{name: http, port: 9100}]
                allowFrom: [{pods: {app: scraper}}]
              lonely: {image: mesh/lonely:1.0.0, ports: [{name: http, port: 8082}]}
            proxy:
              hosts: [mesh.example.com]
              routes: [{path: /, service: api}]
            """.utf8), file: "stack.yaml").resolve("staging"))
        var problems = 0, empty = 0, policies = 0
        for stack in stacks {
            for target in Target.allCases {
                let full = Renderers.artifacts(stack, targets: [target], context: .standard)
                let bare = Renderers.artifacts(stack, targets: [target], context: RenderContext(
                    stackFolder: RenderContext.standard.stackFolder, bodies: false))
                #expect(bare.artifacts.map(\.id) == full.artifacts.map(\.id), "\(stack.name) \(target)")
                #expect(bare.artifacts.map(\.group) == full.artifacts.map(\.group), "\(stack.name) \(target)")
                #expect(bare.diagnostics == full.diagnostics, "\(stack.name) \(target)")
                problems += full.diagnostics.count
                let services = Set(stack.services.map(\.name))
                for artifact in bare.artifacts {
                    switch artifact.body {
                    case let .kubernetes(object) where services.contains(artifact.group):
                        #expect(object.fields.isEmpty)
                        empty += 1
                    case let .kubernetes(object) where artifact.id.kind == "NetworkPolicy"
                        && artifact.id.name != "default-deny-ingress":
                        #expect(object.fields.isEmpty)
                        policies += 1
                    case let .compose(document): #expect(document == .null); empty += 1
                    case .kubernetes, .nginx, .systemd: break
                    }
                }
            }
        }
        #expect(problems >= 2)  // the patch of a kind not rendered; the NodePort with a volume
        #expect(empty > 100)
        let mesh = try #require(stacks.last)
        let named = Renderers.artifacts(mesh, targets: [.kubernetes], context: .standard).artifacts
            .filter { $0.id.kind == "NetworkPolicy" }.map(\.id.name)
        #expect(named == ["default-deny-ingress", "db-ingress", "api-ingress", "worker-ingress", "cache-ingress",
                          "metrics-ingress"])
        #expect(policies > 20)
    }

    /// The index finds what a scan in order finds: by (target, kind, name), by kind, and by
    /// Kubernetes group, for every example and environment, and with the objects of groups
    /// interleaved (the index gathers a group from its runs of neighbours). An index answers its
    /// first lookups by a scan and the rest from its tables: a list of more than a few dozen
    /// artifacts checks both ways.
    @Test func theArtifactIndexFindsWhatAScanFinds() throws {
        var lists: [[Artifact]] = []
        for name in Repository.examples {
            let project = try Project.load(Repository.path("examples/\(name)"))
            for environment in project.environments {
                let stack = try project.resolve(environment)
                lists.append(Renderers.artifacts(stack, targets: Target.allCases, context: .standard).artifacts)
            }
        }
        lists += lists.map { artifacts in  // every other artifact moved to the end
            artifacts.indices.filter { $0 % 2 == 0 }.map { artifacts[$0] }
                + artifacts.indices.filter { $0 % 2 == 1 }.map { artifacts[$0] }
        }
        var groups = 0
        for artifacts in lists {
            let index = ArtifactIndex(artifacts: artifacts)
            for artifact in artifacts {
                let id = artifact.id
                let same = artifacts.first {
                    $0.id.target == id.target && $0.id.kind == id.kind && $0.id.name == id.name
                }
                #expect(index.first(id.target, kind: id.kind, name: id.name)?.id == same?.id)
                #expect(index.first(kind: id.kind)?.id == artifacts.first { $0.id.kind == id.kind }?.id)
                guard id.target == .kubernetes else { continue }
                for kinds in [["Deployment", "StatefulSet"], ["CronJob"], [id.kind]] {
                    let scanned = artifacts.first {
                        $0.id.target == .kubernetes && $0.group == artifact.group && kinds.contains($0.id.kind)
                    }
                    #expect(index.first(kubernetesGroup: artifact.group, kinds: kinds)?.id == scanned?.id)
                    groups += scanned == nil ? 0 : 1
                }
            }
        }
        #expect(groups > 100)
        #expect(lists.contains { $0.count > 50 })
    }

    @Test func systemdDoublesPercentAndDollarOnlyWhereTheyStandAlone() {
        #expect(SystemdWriter.doubling("%", in: "100%") == "100%%")
        #expect(SystemdWriter.doubling("$", in: "$HOME/$USER") == "$$HOME/$$USER")
        #expect(SystemdWriter.doubling("%", in: "no percent") == "no percent")
        // A combining mark makes `%` part of another character: left as the character search sees it.
        #expect(SystemdWriter.doubling("%", in: "%\u{301}") == "%\u{301}")
        #expect(SystemdWriter.doubling("%", in: "é 5%") == "é 5%%")
    }

    @Test func aManifestListsTheSameFilesSplitOnBytesOrCharacters() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(OutputWriter.manifestName)
        let names = (0..<2_000).map { "kubernetes/svc-\($0).yaml" } + ["nginx/é.conf"]
        for text in [OutputWriter.manifest(Array(names.dropLast())), OutputWriter.manifest(names)] {
            try text.write(to: file, atomically: true, encoding: .utf8)
            let expected = Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
            #expect(OutputWriter.listed(in: folder.path) == expected)
            #expect(expected.count == (text.contains("é") ? 2_001 : 2_000))
        }
    }
}
