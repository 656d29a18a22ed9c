import ShipshapeModel
import ShipshapePolicy

struct ComposeNoDefaultCredentialsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-default-credentials", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              db:
                image: postgres:15.4
                environment:
                  POSTGRES_PASSWORD: ↓postgres
              minio:
                image: minio/minio:RELEASE.2024-10-13T13-34-11Z
                environment: [↓"MINIO_ROOT_PASSWORD=minioadmin"]
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              db:
                image: postgres:15.4
                environment: {POSTGRES_USER: postgres, POSTGRES_PASSWORD_FILE: /run/secrets/db-password}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.flatMap { service -> [Finding] in
            service.environment.compactMap { name, value, path in
                guard DefaultCredentials.isDefault(name: name, value: value) else { return nil }
                return context.finding("\(name) of service '\(service.name)' is a well-known default "
                                           + quoted(value), in: service, at: path)
            }
        }
    }
}
