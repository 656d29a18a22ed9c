import ShipshapeModel
import ShipshapePolicy

struct RunAsNonRootUserLint: LintRule {
    let info = LintRuleInfo(
        id: "run-as-non-root-user", format: .kubernetes,
        triggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: ↓true}
              containers: [{name: web, image: "nginx:1.27"}]
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: true}
              containers: [{name: web, image: "nginx:1.27", securityContext: {runAsUser: ↓0}}]
            """),
        ],
        nonTriggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 10001}
              containers: [{name: web, image: "nginx:1.27"}]
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
            """),
        ])

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings { object, container in
            guard let nonRoot = object.effective("runAsNonRoot", container), nonRoot.value.flag == true else {
                return nil
            }
            guard let user = object.effective("runAsUser", container) else {
                return ("container '\(container.name)' sets runAsNonRoot without a numeric user: the kubelet "
                            + "refuses the image unless its USER is a numeric id other than 0", nonRoot.path)
            }
            guard user.value.number == 0 else { return nil }
            return ("container '\(container.name)' runs as user 0 with runAsNonRoot: the kubelet refuses to start it",
                    user.path)
        }
    }
}
