import ShipshapeModel
import ShipshapePolicy

struct SystemdSandboxingLint: LintRule {
    static let required = ["NoNewPrivileges", "PrivateTmp", "ProtectSystem", "ProtectHome"]
    static let off: Set<String> = ["no", "false", "0", "off", ""]

    let info = LintRuleInfo(
        id: "systemd-sandboxing", format: .systemd,
        triggering: [
            LintExample("api.service", """
            ↓[Service]
            User=api
            ExecStart=/usr/bin/api
            """),
            LintExample("api.service", """
            [Service]
            User=api
            ↓NoNewPrivileges=no
            PrivateTmp=yes
            ProtectSystem=strict
            ProtectHome=yes
            """),
        ],
        nonTriggering: [LintExample("api.service", """
            [Service]
            User=api
            NoNewPrivileges=yes
            PrivateTmp=yes
            ProtectSystem=strict
            ProtectHome=yes
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.services.flatMap { unit -> [Finding] in
            let missing = Self.required.filter { unit.setting("Service", $0) == nil }
            let disabled = Self.required.filter { key in
                unit.setting("Service", key).map { Self.off.contains($0.text.lowercased()) } == true
            }
            var findings: [Finding] = []
            if !missing.isEmpty {
                findings.append(context.finding("unit '\(unit.name)' lacks " + missing.joined(separator: ", "),
                                                in: unit, key: nil))
            }
            for key in disabled {
                findings.append(context.finding("unit '\(unit.name)' turns \(key) off", in: unit, key: key))
            }
            return findings
        }
    }
}
