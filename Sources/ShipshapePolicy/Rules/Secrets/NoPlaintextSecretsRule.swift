import Foundation
import ShipshapeModel

struct NoPlaintextSecretsRule: Rule {
    let description = RuleDescription(
        id: "no-plaintext-secrets", category: .secrets,
        summary: "No secret sits in a plain environment variable.",
        rationale: "Plain variables end up in rendered files, git history, `kubectl describe` and logs; "
            + "secrets belong in secret stores.",
        remediation: "Declare the value under `secrets:` and reference it from the service (`VAR: secret-name/key`).",
        severity: .error,
        equivalents: ["kube-linter: env-var-secret", "checkov: CKV_K8S_35 (secrets as files), CKV_SECRET_*",
                      "Polaris: (none)"],
        triggering: [
            Example(ExampleStack.api(extra: "env:\n  S3_SECRET_KEY: ↓wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
            Example(ExampleStack.api(extra: "env:\n  DATABASE_URL: ↓postgresql://user:pass@db:5432/app")),
            Example(ExampleStack.api(extra: "env:\n  AWS_ACCESS: ↓AKIAIOSFODNN7EXAMPLE")),
        ],
        nonTriggering: [
            Example(ExampleStack.api(extra: "env:\n  LOG_LEVEL: info\n  REDIS_URL: redis://redis:6379/0"
                                         + "\n  DB_PASSWORD_FILE: /run/secrets/db")),
            Example(ExampleStack.api(extra: "secrets: {DATABASE_URL: app/database-url}",
                                     stack: "secrets:\n  app: {keys: [database-url]}")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.environments.flatMap { owner in
            owner.env.compactMap { name, value -> Finding? in
                guard let reason = Self.reason(name: name, value: value) else { return nil }
                return context.finding("\(name) of \(owner.what) \(reason)",
                                       at: context.location(owner, env: name),
                                       service: owner.service, artifact: context.artifact(owner, env: name))
            }
        }
    }

    /// Why this variable holds a plaintext secret, or nil.
    static func reason(name: String, value: String) -> String? {
        // Well-known defaults are `no-default-credentials`' finding: one problem, one finding.
        let lowered = value.lowercased()
        if value.isEmpty || value.hasPrefix("/") || NoDefaultCredentialsRule.weak.contains(lowered) {
            return nil
        }
        if SecretPatterns.credentialsInURL(value) { return "holds credentials inside a URL" }
        if SecretPatterns.hasAWSKeyID(value) { return "holds an AWS access key id" }
        if SecretPatterns.isSecretName(name), lowered != "true", lowered != "false" {
            return "is named like a secret and holds a literal value"
        }
        if SecretPatterns.looksSecret(value) { return "holds what looks like a secret token" }
        return nil
    }
}
