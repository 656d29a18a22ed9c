import ShipshapeModel
import ShipshapePolicy

struct NoDefaultCredentialsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-default-credentials", format: .kubernetes,
        triggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: grafana}
            spec:
              template:
                spec:
                  containers:
                    - name: grafana
                      image: grafana/grafana:11.2.0
                      env: [{name: GF_SECURITY_ADMIN_PASSWORD, value: ↓admin}]
            """)],
        nonTriggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: grafana}
            spec:
              template:
                spec:
                  containers:
                    - name: grafana
                      image: grafana/grafana:11.2.0
                      env:
                        - {name: GF_SECURITY_ADMIN_USER, value: admin}
                        - name: GF_SECURITY_ADMIN_PASSWORD
                          valueFrom: {secretKeyRef: {name: grafana, key: admin-password}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container in
                (container.node.member("env")?.items ?? []).enumerated().compactMap { index, entry -> Finding? in
                    guard let name = entry.member("name")?.text, let value = entry.member("value")?.text,
                          DefaultCredentials.isDefault(name: name, value: value) else { return nil }
                    return context.finding("\(name) of container '\(container.name)' is a well-known default "
                                               + quoted(value), in: object,
                                           at: container.path + [.key("env"), .index(index), .key("value")],
                                           containers: containers)
                }
            }
        }
    }
}
