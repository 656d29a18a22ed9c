import ShipshapeModel

struct SecretAsEnvironmentRule: Rule {
    static let secrets = "secrets:\n  app: {keys: [database-url, api-key]}"

    let description = RuleDescription(
        id: "secret-as-environment", category: .secrets,
        summary: "Secrets reach processes as files rather than environment variables.",
        rationale: "A variable is inherited by every child process, printed by crash reporters and debug pages, and "
            + "readable in `/proc/<pid>/environ`; a file under `/run/secrets` is read only where the program asks "
            + "for it. Many programs read secrets only from their environment, so `as: env` exists: this rule makes "
            + "the trade-off visible to reviewers instead of forbidding it.",
        remediation: "Deliver the secret as a file (`VAR: secret/key`, the program reads `VAR_FILE`, or "
            + "`{secret, key, as: file, file: NAME}` for a program that reads a fixed file), or exempt the service "
            + "with a reason (`ignore: [{rule: secret-as-environment, reason: ...}]`).",
        severity: .warning,
        equivalents: ["checkov: CKV_K8S_35 (secrets as files)", "kube-linter: (none)", "Polaris: (none)",
                      "kube-score: (none)"],
        triggering: [
            Example(ExampleStack.api(extra: "secrets: {DATABASE_URL: {secret: app, key: database-url, as: ↓env}}",
                                     stack: secrets)),
            Example(ExampleStack.api(extra: "secrets:\n  DATABASE_URL: app/database-url\n"
                                         + "  API_KEY: {secret: app, key: api-key, as: ↓env}",
                                     stack: secrets, targets: "[compose]")),
        ],
        nonTriggering: [
            Example(ExampleStack.api(extra: "secrets: {DATABASE_URL: app/database-url}", stack: secrets)),
            Example(ExampleStack.api(extra: "secrets: {API_KEY: {secret: app, key: api-key, as: file, file: api.key}}",
                                     stack: secrets)),
            Example(ExampleStack.api(
                extra: "secrets: {DATABASE_URL: {secret: app, key: database-url, as: env}}\n"
                    + "ignore: [{rule: secret-as-environment, reason: The ORM reads DATABASE_URL only.}]",
                stack: secrets)),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.flatMap { service in
            service.secrets.filter { $0.delivery == .env }.map { ref in
                context.finding("\(ref.variable) of service '\(service.name)' holds secret "
                                    + "'\(ref.secret)/\(ref.key)' in its environment, where child processes, crash "
                                    + "reports and /proc/<pid>/environ see it",
                                at: context.serviceLocation(service, Key.Service.secrets, ref.variable,
                                                            Key.SecretReference.as),
                                service: service, artifact: context.artifact(service, "env[\(ref.variable)]"))
            }
        }
    }
}
