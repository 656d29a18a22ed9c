import ShipshapeModel

struct NoWildcardCorsRule: Rule {
    let description = RuleDescription(
        id: "no-wildcard-cors", category: .secrets,
        summary: "CORS allows named origins, not `*`.",
        rationale: "A wildcard origin lets any website call the API from a visitor's browser.",
        remediation: "List the origins that may call the API (`https://app.example.com`).",
        severity: .error,
        equivalents: ["kube-linter: (none)", "Polaris: (none)", "checkov: (none)"],
        triggering: [Example(ExampleStack.api(extra: "env:\n  CORS_ORIGINS: ↓\"*\""))],
        nonTriggering: [Example(ExampleStack.api(extra: "env:\n  CORS_ORIGINS: https://app.example.com"))])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.flatMap { service in
            service.env.compactMap { name, value -> Finding? in
                // A `*` first: few values have one, and the name's test costs more.
                guard Bytes.contains(UInt8(ascii: "*"), in: value) else { return nil }
                let upper = name.uppercased()
                guard upper.contains("CORS") || upper.contains("ALLOWED_ORIGINS") || upper.contains("ALLOW_ORIGIN"),
                      value.split(whereSeparator: { ", []\"'".contains($0) }).contains("*") else { return nil }
                return context.finding("\(name) of service '\(service.name)' allows every origin",
                                       at: context.serviceLocation(service, Key.Service.env, name),
                                       service: service, artifact: context.artifact(service, "env[\(name)]"))
            }
        }
    }
}
