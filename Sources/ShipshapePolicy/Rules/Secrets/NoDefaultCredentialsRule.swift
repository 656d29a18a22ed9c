import ShipshapeModel

struct NoDefaultCredentialsRule: Rule {
    let description = RuleDescription(
        id: "no-default-credentials", category: .secrets,
        summary: "No credential is a well-known default (admin, password, changeme, an image's factory password).",
        rationale: "Default credentials are the first thing scanners try; Grafana's `admin`/`admin` has opened "
            + "many dashboards to the internet.",
        remediation: "Generate the credential, store it as a secret and reference it "
            + "(`GF_SECURITY_ADMIN_PASSWORD: grafana/admin-password`).",
        severity: .error,
        equivalents: ["checkov: CKV_SECRET_6 (partly)", "kube-linter: (none)", "Polaris: (none)"],
        triggering: [
            Example(ExampleStack.api(extra: "env:\n  GF_SECURITY_ADMIN_PASSWORD: ↓admin")),
            Example(ExampleStack.api(extra: "env:\n  MINIO_ROOT_PASSWORD: ↓minioadmin")),
        ],
        nonTriggering: [
            Example(ExampleStack.api(extra: "env:\n  GF_USERS_ALLOW_SIGN_UP: \"false\""
                                         + "\n  ADMIN_EMAIL: ops@example.com")),
        ])

    static let weak: Set<String> = [
        "admin", "administrator", "password", "passw0rd", "changeme", "change-me", "secret", "root", "default",
        "123456", "12345678", "test", "guest", "postgres", "mysql", "minioadmin", "letmein", "qwerty", "pass",
    ]

    func check(_ context: RuleContext) -> [Finding] {
        context.environments.flatMap { owner in
            owner.env.compactMap { name, value -> Finding? in
                guard DefaultCredentials.isDefault(name: name, value: value) else { return nil }
                return context.finding("\(name) of \(owner.what) is the well-known default '\(value)'",
                                       at: context.location(owner, env: name), service: owner.service,
                                       artifact: context.artifact(owner, env: name))
            }
        }
    }
}

/// `no-default-credentials` as `validate` reads an environment variable, for `lint`.
public enum DefaultCredentials {
    /// Whether `name` names a credential and `value` is a well-known default.
    public static func isDefault(name: String, value: String) -> Bool {
        // The value first: it is rarely a default, and the name's test costs more.
        guard value.utf8.count <= longestWeak, NoDefaultCredentialsRule.weak.contains(value.lowercased()) else {
            return false
        }
        let lowered = name.lowercased()
        return (lowered.contains("pass") || lowered.contains("secret") || lowered.contains("token")
                || lowered.contains("key"))
            && !lowered.hasSuffix("_file")
    }

    private static let longestWeak = NoDefaultCredentialsRule.weak.map(\.utf8.count).max() ?? 0
}
