import ShipshapeModel

struct SystemdNoInlineSecretsRule: Rule {
    let description = RuleDescription(
        id: "systemd-no-inline-secrets", category: .systemd,
        summary: "Units carry no secret in `Environment=`.",
        rationale: "`Environment=` values are readable by every local user through `systemctl show`.",
        remediation: "Move the value to a secret (rendered as `LoadCredential=`) "
            + "or to an `EnvironmentFile=` readable by the service only.",
        severity: .error, targets: [.systemd],
        equivalents: ["systemd-analyze security (none)", "checkov: (none)"],
        triggering: [Example(SystemdExample.api(extra: "env:\n  API_TOKEN: ↓s3cr3t-t0ken-value"))],
        nonTriggering: [Example(SystemdExample.api(extra: "env:\n  LOG_LEVEL: info"))])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.filter { $0.systemd.hostUnit == nil }.flatMap { service in
            service.env.compactMap { name, value -> Finding? in
                guard NoPlaintextSecretsRule.reason(name: name, value: value) != nil else { return nil }
                return context.finding("\(name) of service '\(service.name)' would be written into Environment=",
                                       at: context.serviceLocation(service, Key.Service.env, name),
                                       service: service, artifact: "\(context.unitFile(service)): Environment=")
            }
        }
    }
}
