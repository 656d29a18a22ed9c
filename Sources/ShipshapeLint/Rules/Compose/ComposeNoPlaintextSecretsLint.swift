import ShipshapeModel
import ShipshapePolicy

struct ComposeNoPlaintextSecretsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-plaintext-secrets", format: .compose,
        remediation: "Use compose `secrets:` (files under /run/secrets) and read `VAR_FILE`, or an env file kept "
            + "out of the repository.",
        triggering: [LintExample("docker-compose.yml", """
            services:
              api:
                image: shop/api:1.0
                environment:
                  LOG_LEVEL: info
                  SECRET_KEY: ↓s3cr3t-s3cr3t
              worker:
                image: shop/api:1.0
                environment: [↓"DATABASE_URL=postgres://app:pa55word@db/app"]
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              api:
                image: shop/api:1.0
                environment: {SECRET_KEY_FILE: /run/secrets/secret-key, DATABASE_PASSWORD: "${DB_PASSWORD}"}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.flatMap { service -> [Finding] in
            guard let environment = service.node.member("environment") else { return [] }
            let entries: [(String, String, DocPath)] = environment.isMap
                ? environment.pairs.map { ($0.key, $0.value.text ?? "", [.key("environment"), .key($0.key)]) }
                : environment.items.enumerated().compactMap { index, item in
                    guard let text = item.text, let equals = text.firstIndex(of: "=") else { return nil }
                    return (String(text[..<equals]), String(text[text.index(after: equals)...]),
                            [.key("environment"), .index(index)])
                }
            return entries.compactMap { name, value, path in
                PlaintextSecret.reason(name: name, value: value).map { reason in
                    context.finding("\(name) of service '\(service.name)' \(reason)", in: service, at: path)
                }
            }
        }
    }
}
