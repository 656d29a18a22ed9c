import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

/// The systemd escape hatch: `systemd.directives` adds directives the spec does not model,
/// checked against systemd's own index and escaped; what replaces the spec, grants privileges
/// or leaves the sandbox is a located error, from `validate` as from `render`.
@Suite struct SystemdDirectiveTests {
    static func stack(_ directives: String) -> String {
        """
        stack: sd
        targets: [systemd]
        services:
          api:
            image: acme/api:1.0
            command: [/usr/bin/api, serve]
            systemd:
              user: api
              directives: \(directives)

        """
    }

    static let good = stack("""
        {Unit: {After: data.mount, StartLimitBurst: "5"}, \
        Service: {TimeoutStartSec: 2min, ExecStartPre: [/usr/bin/api migrate, -/usr/bin/api warm 100%]}, \
        Install: {Alias: api-alias.service}}
        """)

    @Test func directivesLandInTheirSectionsEscaped() throws {
        let unit = try Rendering.file(Rendering.files(yaml: Self.good), "systemd/sd-api.service")
        let sections = unit.components(separatedBy: "\n[")
        #expect(sections[0].contains("\nAfter=data.mount\nStartLimitBurst=5"), "\(unit)")
        #expect(sections[1].contains("TimeoutStartSec=2min\nExecStartPre=/usr/bin/api migrate\n"
                                         + "ExecStartPre=-/usr/bin/api warm 100%%\n"), "\(unit)")
        #expect(sections[2].hasPrefix("Install]\nWantedBy=multi-user.target\nAlias=api-alias.service"), "\(unit)")
    }

    @Test(arguments: [
        ("{Unit: {StartLimitBurts: \"5\"}}", "'StartLimitBurts' is not a directive of [Unit]"),
        ("{Service: {User: root}}", "User= is written from the spec"),
        ("{Service: {AmbientCapabilities: CAP_NET_ADMIN}}", "AmbientCapabilities= grants"),
        ("{Service: {ProtectSystem: \"no\"}}", "ProtectSystem= is a sandboxing setting"),
        ("{Service: {LimitNOFILE: \"65536\"}}", "LimitNOFILE= is written from the spec"),
        ("{Service: {ExecStartPre: \"+/bin/sh -c id\"}}", "runs the command privileged"),
        ("{Service: {ExecStartPre: \"/bin/true ; +/bin/sh\"}}", "';' starts a second command"),
        ("{Service: {TimeoutStartSec: \"2min\\nUser=root\"}}", "holds a line break"),
        ("{Timer: {OnCalendar: daily}}", "a service unit has no [Timer] section here"),
    ])
    func aRefusedDirectiveIsALocatedError(_ directives: String, _ message: String) throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.stack(directives).write(to: folder.appendingPathComponent("stack.yaml"), atomically: true,
                                        encoding: .utf8)
        for command in [["validate", folder.path, "--env", "production"],
                        ["render", folder.path, "--env", "production", "--out", folder.path + "/out"]] {
            let result = try Shipshape.run(command)
            #expect(result.exitCode == 2, "\(command[0]): \(result.stdout)")
            #expect(result.stderr.contains("stack.yaml:9:"), "\(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func systemdAnalyzeAcceptsTheUnit() throws {
        try Judges.require()
        let files = try Rendering.files(yaml: Self.good)
        let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov",
                                                                "JUDGE_SYSTEMD_EXTRA_UNITS": "data.mount"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.lines.contains { $0.hasPrefix("PASS") && $0.contains("sd-api.service") })
    }
}
