import ShipshapeModel
import ShipshapePolicy

struct SecretAsEnvironmentLint: LintRule {
    let info = LintRuleInfo(
        id: "secret-as-environment", format: .kubernetes,
        equivalents: ["checkov: CKV_K8S_35"],
        triggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  env:
                    - name: DATABASE_URL
                      valueFrom: {secretKeyRef: ↓{name: app, key: database-url}}
            """),
            LintExample("deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
                      envFrom: [{secretRef: ↓{name: app}}]
            """),
        ],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  env:
                    - {name: DATABASE_URL_FILE, value: /run/secrets/app/database-url}
                    - name: CONFIG
                      valueFrom: {configMapKeyRef: {name: app, key: config}}
                  volumeMounts: [{name: app, mountPath: /run/secrets/app, readOnly: true}]
              volumes: [{name: app, secret: {secretName: app}}]
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container -> [Finding] in
                let env = (container.node.member("env")?.items ?? []).enumerated().compactMap { index, entry in
                    entry.member("valueFrom")?.member("secretKeyRef").map { ref -> Finding in
                        let secret = ref.member("name")?.text ?? "?"
                        let name = entry.member("name")?.text ?? "?"
                        return context.finding(
                            "container '\(container.name)' reads secret '\(secret)' into \(name), where child "
                                + "processes, crash reports and /proc/<pid>/environ see it", in: object,
                            at: container.path + [.key("env"), .index(index), .key("valueFrom"), .key("secretKeyRef")],
                            containers: containers)
                    }
                }
                let all = (container.node.member("envFrom")?.items ?? []).enumerated().compactMap { index, entry in
                    entry.member("secretRef").map { ref -> Finding in
                        context.finding(
                            "container '\(container.name)' loads every key of secret "
                                + "'\(ref.member("name")?.text ?? "?")' into its environment", in: object,
                            at: container.path + [.key("envFrom"), .index(index), .key("secretRef")],
                            containers: containers)
                    }
                }
                return env + all
            }
        }
    }
}
