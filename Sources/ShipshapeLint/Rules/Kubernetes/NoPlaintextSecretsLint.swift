import ShipshapeModel
import ShipshapePolicy

struct NoPlaintextSecretsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-plaintext-secrets", format: .kubernetes,
        remediation: "Keep the value in a Secret and read it with `valueFrom.secretKeyRef` or a mounted file.",
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: shop/web:1.0
                  env:
                    - {name: LOG_LEVEL, value: info}
                    - ↓{name: DB_PASSWORD, value: hunter2hunter2}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: shop/web:1.0
                  env:
                    - {name: DB_PASSWORD_FILE, value: /run/secrets/db-password}
                    - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container in
                (container.node.member("env")?.items ?? []).enumerated().compactMap { index, entry -> Finding? in
                    guard let name = entry.member("name")?.text, let value = entry.member("value")?.text,
                          let reason = PlaintextSecret.reason(name: name, value: value) else { return nil }
                    return context.finding("\(name) of container '\(container.name)' \(reason)", in: object,
                                           at: container.path + [.key("env"), .index(index)], containers: containers)
                }
            }
        }
    }
}
