import ShipshapeModel

struct SystemdNonRootUserRule: Rule {
    let description = RuleDescription(
        id: "systemd-non-root-user", category: .systemd,
        summary: "Units run as a dedicated user, not root.",
        rationale: "A service running as root turns every bug into a host compromise.",
        remediation: "Set `systemd.user` (and `group`) to the service's own account.",
        severity: .error, targets: [.systemd],
        equivalents: ["systemd-analyze security: User=/DynamicUser="],
        triggering: [
            Example(SystemdExample.api("{execPath: /usr/bin/demo}")
                .replacingOccurrences(of: "  api:", with: "  ↓api:")),
            Example(SystemdExample.api("{user: ↓root}")),
        ],
        nonTriggering: [Example(SystemdExample.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.filter { $0.systemd.hostUnit == nil }.compactMap { service in
            let user = service.systemd.user ?? service.security.user
            guard user == nil || user == "root" || user == "0" else { return nil }
            let location = service.systemd.user != nil
                ? context.serviceLocation(service, Key.Service.systemd,
                                          Key.Systemd.user) : context.serviceLocation(service)
            return context.finding("the unit of service '\(service.name)' runs as root", at: location, service: service,
                                   artifact: "\(context.unitFile(service)): User=")
        }
    }
}
