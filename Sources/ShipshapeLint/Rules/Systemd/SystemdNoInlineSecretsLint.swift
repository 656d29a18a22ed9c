import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

struct SystemdNoInlineSecretsLint: LintRule {
    let info = LintRuleInfo(
        id: "systemd-no-inline-secrets", format: .systemd,
        remediation: "Pass the value with `LoadCredential=` (read from `$CREDENTIALS_DIRECTORY`) or an "
            + "`EnvironmentFile=` readable by the service only.",
        triggering: [LintExample("api.service", """
            [Service]
            User=api
            Environment="LOG_LEVEL=info"
            ↓Environment="API_TOKEN=ghp_0123456789abcdefABCDEF0123456789abcd"
            """)],
        nonTriggering: [LintExample("api.service", """
            [Service]
            User=api
            Environment="API_TOKEN_FILE=%d/api-token"
            LoadCredential=api-token:/etc/api/token
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.systemd.flatMap { unit in
            unit.sections.filter { $0.name == "Service" }.flatMap(\.settings).filter { $0.key == "Environment" }
                .compactMap { setting -> Finding? in
                    let pairs: [(String, String)]
                    if case let .assignments(assignments) = setting.value {
                        pairs = assignments
                    } else {
                        pairs = (SystemdReader.words(setting.text) ?? []).compactMap { word in
                            word.firstIndex(of: "=").map {
                                (String(word[..<$0]), String(word[word.index(after: $0)...]))
                            }
                        }
                    }
                    guard let (name, reason) = pairs.lazy.compactMap({ name, value in
                        PlaintextSecret.reason(name: name, value: value).map { (name, $0) }
                    }).first else { return nil }
                    return context.finding("\(name) of unit '\(unit.name)' \(reason) in Environment=",
                                           at: setting.location, object: unit.name, place: "Environment=")
                }
        }
    }
}
