import Foundation
@testable import ShipshapeLoader
import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender
import Testing
import TestSupport

/// `optOut`: a service declines one default of its environment's profile, with a reason. The
/// field keeps what the stack says; the rules that judge it report the finding as exempted, at the
/// opt-out, with the reason; every other default still applies.
@Suite struct OptOutTests {
    static let stack = """
        stack: mail
        services:
          smtp:
            image: example/postfix:3.8.1
            command: [/usr/sbin/postfix, start-fg]
            ports: [{name: smtp, port: 25}]
            replicas: 2
            resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
            probes:
              liveness: {tcp: true, port: smtp}
              readiness: {tcp: true, port: smtp}
            optOut:
              - field: security.readOnlyRootFilesystem
                reason: postfix writes its queue and pid files under /var/spool at start
              - field: security.capabilities
                reason: binds port 25 as root and drops to the postfix user itself
              - field: systemd.hardening.MemoryDenyWriteExecute
                reason: the milter is a JIT-compiled filter that maps executable memory
              - field: security.runAsNonRoot
                reason: the master process starts as root and drops to the postfix user
            ignore:
              - rule: systemd-non-root-user
                reason: the master process starts as root and drops to the postfix user
        environments:
          production:
            targets: [kubernetes, systemd]

        """

    static func load(_ yaml: String) throws -> Project {
        let folder = Repository.temporaryFolder()
        try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        return try Project.load(folder.path)
    }

    @Test func theDeclinedDefaultsAreNotAppliedAndTheOthersAre() throws {
        let stack = try Self.load(Self.stack).resolve("production")
        let smtp = try #require(stack.service(named: "smtp"))
        #expect(!smtp.security.readOnlyRootFilesystem)
        #expect(smtp.security.capabilities.drop.isEmpty)
        // Not declined: the profile's values.
        #expect(!smtp.security.runAsNonRoot && !smtp.security.allowPrivilegeEscalation)
        #expect(smtp.systemd.hardening["MemoryDenyWriteExecute"] == nil)
        #expect(smtp.systemd.hardening["ProtectSystem"] == "strict")
        let files = try Rendering.files(stack)
        let unit = try #require(files.first { $0.path.hasSuffix("mail-smtp.service") }).contents
        #expect(!unit.contains("MemoryDenyWriteExecute") && unit.contains("ProtectSystem=strict"), "\(unit)")
        let deployment = try #require(files.first { $0.path.hasSuffix("kubernetes/smtp.yaml") }).contents
        #expect(deployment.contains("readOnlyRootFilesystem: false") && !deployment.contains("- ALL"), "\(deployment)")
    }

    @Test func findingsOfTheRulesThatJudgeADeclinedFieldAreExemptedAtTheOptOut() throws {
        let stack = try Self.load(Self.stack).resolve("production")
        let findings = try PolicyEngine(today: "2026-11-28").validate(stack)
        let exempted = Dictionary(findings.compactMap { f in f.suppression.map { (f.rule, (f, $0)) } },
                                  uniquingKeysWith: { first, _ in first })
        let readOnly = try #require(exempted["read-only-root-filesystem"])
        #expect(readOnly.1.hasPrefix("declines the profile's security.readOnlyRootFilesystem: postfix writes"))
        #expect(readOnly.0.location?.line == 13, "\(readOnly.0.location?.description ?? "")")
        // `security.capabilities` covers the rule's `security.capabilities.drop`.
        #expect(exempted["drop-capabilities"]?.0.location?.line == 15)
        // One directive less is not the whole sandbox: that rule is not exempted (and passes).
        #expect(exempted["systemd-sandboxing"] == nil)
        let errors = findings.filter { $0.suppression == nil && $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.rule): \($0.message)" })")
        // Without the opt-outs, the same service fails those rules.
        let strict = try Self.load(Self.stack.components(separatedBy: "    optOut:")[0]
            + "environments:\n  production:\n    targets: [kubernetes, systemd]\n").resolve("production")
        let smtp = try #require(strict.service(named: "smtp"))
        #expect(smtp.security.readOnlyRootFilesystem && smtp.security.capabilities.drop == ["ALL"])
        #expect(smtp.security.runAsNonRoot && smtp.systemd.hardening["MemoryDenyWriteExecute"] == "yes")
    }

    /// A field no service has, a path through a value, a reason too short: located errors from
    /// render and validate alike.
    @Test func badOptOutsAreLocatedErrors() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            stack: mail
            targets: [kubernetes]
            services:
              smtp:
                image: example/postfix:3.8.1
                optOut:
                  - {field: security.readOnlyRootFilesytem, reason: writes its queue at start}
                  - {field: image.tag, reason: the image decides its own tag here}
                  - {field: security.runAsNonRoot, reason: root}

            """.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let render = try Shipshape.run(["render", folder.path, "--env", "production", "--out", out])
        #expect(render.exitCode == 2)
        let expected = [
            ":7:17: error: 'security.readOnlyRootFilesytem' is not a field of a service",
            "did you mean 'security.readOnlyRootFilesystem'?",
            ":8:17: error: 'image.tag' is not a field of a service, expected a field that ends at 'image'",
            ":9:48: error: the reason for declining 'security.runAsNonRoot' is too short",
        ]
        for message in expected {
            #expect(render.stderr.contains(message), "\(message)\n\(render.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        let validate = try Shipshape.run(["validate", folder.path, "--env", "production"])
        #expect(validate.exitCode == 2)
        #expect(validate.stderr == render.stderr, "render:\n\(render.stderr)\nvalidate:\n\(validate.stderr)")
    }

    static func problem(_ text: String) -> (expected: String, hint: String?)? {
        OptOutDecoder.problem(text.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                              in: SpecSchema.service)
    }

    @Test func pathsAreCheckedAgainstTheServiceSchema() {
        for good in ["security.readOnlyRootFilesystem", "security.capabilities.drop", "restart",
                     "systemd.hardening.ProtectHome", "labels.team"] {
            #expect(Self.problem(good) == nil, "\(good)")
        }
        for bad in ["", "securty", "security.", "image.tag", "systemd.hardening.", "resources.limits.cpu.x"] {
            #expect(Self.problem(bad) != nil, "\(bad)")
        }
    }
}
