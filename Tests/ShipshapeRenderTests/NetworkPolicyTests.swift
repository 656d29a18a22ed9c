import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport
import Yams

/// Who may call whom is its own declaration (`allowFrom`), apart from start order: two services
/// that call each other render, a Prometheus in another namespace may scrape one port, and a
/// stack may leave network policy to the cluster.
@Suite struct NetworkPolicyTests {
    static let stack = """
        stack: shop
        services:
          api:
            image: shop/api:1.0.0
            ports: [{name: http, port: 8080}, {name: metrics, port: 9100}]
            dependsOn: [worker]
            allowFrom:
              - worker
              - {namespace: monitoring, pods: {app.kubernetes.io/name: prometheus}, ports: [metrics]}
              - {namespaceLabels: {team: payments}}
          worker:
            image: shop/worker:1.0.0
            ports: [{name: grpc, port: 9000}]
            allowFrom: [api]

        """

    static func policies(_ yaml: String) throws -> [[String: Any]] {
        let files = try Rendering.files(yaml: yaml)
        let file = try #require(files.first { $0.path.hasSuffix("kubernetes/network-policies.yaml") }).contents
        return try Yams.load_all(yaml: file).compactMap { $0 as? [String: Any] }
    }

    static func policy(_ all: [[String: Any]], _ name: String) throws -> [String: Any] {
        try #require(all.first { dig($0, "metadata", "name") as? String == name })
    }

    @Test func servicesThatCallEachOtherRenderAndEachRuleNamesItsPorts() throws {
        let all = try Self.policies(Self.stack)
        let api = try Self.policy(all, "api-ingress")
        let rules = try #require(dig(api, "spec", "ingress") as? [[String: Any]])
        #expect(rules.count == 2)
        let everyPort = try #require(rules[0]["from"] as? [[String: Any]])
        #expect(dig(everyPort[0], "podSelector", "matchLabels", "app.kubernetes.io/name") as? String == "worker")
        #expect(dig(everyPort[1], "namespaceSelector", "matchLabels", "team") as? String == "payments")
        #expect(dig(everyPort[1], "podSelector") == nil)
        #expect((rules[0]["ports"] as? [[String: Any]])?.compactMap { $0["port"] as? String } == ["http", "metrics"])
        let scrape = try #require(dig(rules[1], "from", 0) as? [String: Any])
        #expect(dig(scrape, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") as? String
                    == "monitoring")
        #expect(dig(scrape, "podSelector", "matchLabels", "app.kubernetes.io/name") as? String == "prometheus")
        #expect((rules[1]["ports"] as? [[String: Any]])?.compactMap { $0["port"] as? String } == ["metrics"])
        // api is a dependent of worker and in its allowFrom: one peer, not two.
        let worker = try Self.policy(all, "worker-ingress")
        #expect((dig(worker, "spec", "ingress", 0, "from") as? [Any])?.count == 1)
    }

    @Test func theStackCanLeaveNetworkPolicyToTheCluster() throws {
        let files = try Rendering.files(yaml: Self.stack + "kubernetes: {networkPolicies: false}\n")
        #expect(!files.contains { $0.path.hasSuffix("network-policies.yaml") })
        #expect(files.contains { $0.path.hasSuffix("kubernetes/api.yaml") })
    }

    @Test func aDependencyCycleStaysAnErrorWhileAllowFromMayGoBothWays() throws {
        let cycle = Self.stack.replacingOccurrences(of: "allowFrom: [api]", with: "dependsOn: [api]")
        #expect(throws: DiagnosticError.self) { try Rendering.files(yaml: cycle) }
        #expect(try !Self.policies(Self.stack).isEmpty)
    }

    @Test func everyMistakeIsLocated() throws {
        let yaml = """
            stack: shop
            services:
              api:
                image: shop/api:1.0.0
                ports: [{name: http, port: 8080}]
                allowFrom:
                  - wrker
                  - api
                  - {namespace: Monitoring}
                  - {service: worker, pods: {a: b}}
                  - {ports: [http]}
                  - {namespace: mon, namespaceLabels: {a: b}}
                  - {pods: {app: x}, ports: [metrics]}
              worker:
                image: shop/worker:1.0.0

            """
        do {
            _ = try Rendering.files(yaml: yaml)
            Issue.record("rendered")
        } catch let error as DiagnosticError {
            let found = error.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" }
            #expect(found == [
                "7:9 service 'api' allows calls from 'wrker', which is not a service of this stack",
                "8:9 service 'api' allows calls from itself",
                "9:21 'Monitoring' is not valid here",
                "10:27 'pods' chooses pods, but this entry names service 'worker'",
                "11:9 this entry names no caller",
                "12:26 'namespaceLabels' and 'namespace' both choose the namespace",
                "13:9 service 'api' has no port 'metrics'",
            ], "\(found)")
            #expect(error.diagnostics.first?.hint == "did you mean 'worker'?")
        }
    }

    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func kubernetesValidateAcceptsThePolicies() throws {
        try Judges.require()
        let files = try Rendering.files(yaml: Self.stack).filter { $0.path.contains("kubernetes/") }
        let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.lines.contains { $0.hasPrefix("PASS") && $0.contains("network-policies.yaml") })
    }
}
