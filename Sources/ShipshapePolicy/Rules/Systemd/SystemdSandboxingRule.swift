import OrderedCollections
import ShipshapeModel

struct SystemdSandboxingRule: Rule {
    let description = RuleDescription(
        id: "systemd-sandboxing", category: .systemd,
        summary: "Units keep the core sandbox: NoNewPrivileges, PrivateTmp, ProtectSystem and ProtectHome.",
        rationale: "Without them a compromised service can write anywhere on the host and read every user's files.",
        remediation: "Keep the profile's hardening (production sets it); "
            + "if a service must relax one, relax that one with a reason.",
        severity: .error, targets: [.systemd],
        parameters: [Parameter("required", .list(allowed: Self.directives),
                               default: "NoNewPrivileges,PrivateTmp,ProtectSystem,ProtectHome",
                               "Settings that must be on.")],
        equivalents: ["systemd-analyze security", "lynis: BOOT-5264 (related)"],
        fields: ["systemd.hardening"],
        triggering: [
            Example(SystemdExample.api().replacingOccurrences(of: "  api:", with: "  ↓api:"),
                    environment: "development"),
            Example(SystemdExample.api("{user: demo, hardening: {ProtectSystem: ↓\"no\"}}")),
        ],
        nonTriggering: [Example(SystemdExample.api())])

    /// The sandboxing directives of systemd.exec(5) that `required` may name.
    static let directives = SystemdOptions.sandboxingDirectives

    func check(_ context: RuleContext) -> [Finding] {
        let required = context.list("required")
        let off: Set<String> = ["no", "false", "0", "off", ""]
        // Services mostly share one map (the profile's, decoded once): it is judged once.
        // (An empty map lacks every required setting and turns none off.)
        var judged = (hardening: OrderedDictionary<String, String>(), missing: required, disabled: [String]())
        return context.stack.services.filter { $0.systemd.hostUnit == nil }.flatMap { service -> [Finding] in
            let hardening = service.systemd.hardening
            if judged.hardening != hardening {
                judged = (hardening, required.filter { hardening[$0] == nil },
                          required.filter { hardening[$0].map { off.contains($0.lowercased()) } == true })
            }
            let (missing, disabled) = (judged.missing, judged.disabled)
            var findings: [Finding] = []
            // The unit's file is spelled only for a finding.
            guard !missing.isEmpty || !disabled.isEmpty else { return findings }
            let unit = context.unitFile(service)
            if !missing.isEmpty {
                findings.append(context.finding("the unit of service '\(service.name)' lacks "
                                                    + missing.joined(separator: ", "),
                                                at: context.serviceLocation(service), service: service, artifact: unit))
            }
            for key in disabled {
                findings.append(context.finding("the unit of service '\(service.name)' turns \(key) off",
                                                at: context.serviceLocation(service, Key.Service.systemd,
                                                    Key.Systemd.hardening, key),
                                                service: service, artifact: "\(unit): \(key)"))
            }
            return findings
        }
    }
}
