import Foundation
import ShipshapeLint
import ShipshapeModel
import ShipshapePolicy
import Testing

@Suite struct LintExemptionTests {
    static func lint(_ path: String, _ text: String) throws -> [Finding] {
        try Linter().lint([LintSource(path: path, text: text)]).findings
    }

    @Test func aKubernetesAnnotationExemptsItsObjectOnly() throws {
        let text = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: a
          annotations:
            shipshape.dev/ignore-privileged-container: "The CNI agent configures the node's network."
        spec:
          containers: [{name: a, image: "cni:1.0", securityContext: {privileged: true}}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: b}
        spec:
          containers: [{name: b, image: "cni:1.0", securityContext: {privileged: true}}]
        """
        let found = try Self.lint("pods.yaml", text).filter { $0.rule == "privileged-container" }
        #expect(found.map(\.service) == ["Pod/a", "Pod/b"])
        #expect(found[0].suppression == "The CNI agent configures the node's network.")
        #expect(found[1].suppression == nil)
    }

    @Test func aComposeKeyExemptsItsService() throws {
        let text = """
        services:
          db:
            image: postgres:16
            x-shipshape-ignore:
              replicas-minimum: One primary; failover by the platform.
          api: {image: "shop/api:1.0"}
        """
        let found = try Self.lint("docker-compose.yml", text).filter { $0.rule == "replicas-minimum" }
        #expect(found.map(\.service) == ["services.db", "services.api"])
        #expect(found.map { $0.suppression != nil } == [true, false])
    }

    @Test func aCommentDirectiveExemptsItsNginxOrSystemdFile() throws {
        let site = "# shipshape:ignore hide-server-version The edge proxy strips the Server header.\n"
            + "server {\n    listen 80;\n}\n"
        let nginx = try Self.lint("site.conf", site).filter { $0.rule == "hide-server-version" }
        #expect(nginx.count == 1 && nginx[0].suppression == "The edge proxy strips the Server header.")
        let unit = "[Service]\n; shipshape:ignore systemd-non-root-user Binds port 53 before dropping root.\n"
            + "ExecStart=/usr/sbin/dns\n"
        let systemd = try Self.lint("dns.service", unit).filter { $0.rule == "systemd-non-root-user" }
        #expect(systemd.count == 1 && systemd[0].suppression == "Binds port 53 before dropping root.")
    }

    @Test func anExemptionWithoutAReasonOrWithAnUnknownRuleIsBadInput() throws {
        let empty = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: a
          annotations: {shipshape.dev/ignore-privileged-container: ""}
        spec: {containers: [{name: a, image: "cni:1.0"}]}
        """
        do {
            _ = try Self.lint("pod.yaml", empty)
            Issue.record("no error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.message.contains("gives no reason") == true)
            #expect(error.diagnostics.first?.location?.line == 5)
        }
        do {
            _ = try Self.lint("site.conf", "# shipshape:ignore hide-server-versoin typo\nserver { listen 80; }\n")
            Issue.record("no error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.message.contains("unknown rule 'hide-server-versoin'") == true)
            #expect(error.diagnostics.first?.location?.line == 1)
        }
    }

    @Test func exemptionsAreSARIFSuppressions() throws {
        let site = "# shipshape:ignore hide-server-version The edge proxy strips the Server header.\n"
            + "server {\n    listen 80;\n}\n"
        let findings = try Self.lint("site.conf", site)
        let sarif = Reporters.render(findings, format: .sarif, rules: Linter().describedRules)
        #expect(sarif.contains("\"justification\": \"The edge proxy strips the Server header.\""))
        #expect(sarif.contains("\"kind\": \"inSource\""))
        #expect(!LintFailOn.error.fails(findings.filter { $0.rule == "hide-server-version" }))
    }
}

@Suite struct LintExemptionExpiryTests {
    static let pods = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: a
      annotations:
        shipshape.dev/ignore-privileged-container: "Node agent, until the CNI moves. (expires 2026-06-30)"
    spec:
      containers: [{name: a, image: "cni:1.0", securityContext: {privileged: true}}]
    """

    @Test func anExemptionHoldsUntilItsDate() throws {
        let before = try Linter(today: "2026-06-30").lint([LintSource(path: "pod.yaml", text: Self.pods)]).findings
        let exempted = before.filter { $0.rule == "privileged-container" }
        #expect(exempted.count == 1 && exempted[0].suppression == "Node agent, until the CNI moves.")
        #expect(!LintFailOn.error.fails(before.filter { $0.rule == "privileged-container" }))
    }

    @Test func anExpiredExemptionSuppressesNothingAndIsReported() throws {
        let after = try Linter(today: "2026-07-01").lint([LintSource(path: "pod.yaml", text: Self.pods)]).findings
        let found = after.filter { $0.rule == "privileged-container" }
        #expect(found.map(\.suppression) == [nil, nil])
        #expect(found.contains { $0.message == "the exemption from 'privileged-container' expired on 2026-06-30" })
        #expect(found.first { $0.message.contains("expired") }?.location?.line == 6)
        #expect(LintFailOn.error.fails(after))
    }
}
