import ShipshapeModel
import ShipshapePolicy

struct RunAsHighUIDLint: LintRule {
    let info = LintRuleInfo(
        id: "run-as-high-uid", format: .kubernetes,
        triggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: ↓1000}
              containers: [{name: web, image: "nginx:1.27"}]
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: true}
              containers:
                - ↓name: web
                  image: nginx:1.27
            """),
        ],
        nonTriggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsUser: 10001, runAsGroup: 10001}
              containers: [{name: web, image: "nginx:1.27"}]
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsUser: 1000}
              containers: [{name: web, image: "nginx:1.27", securityContext: {runAsUser: 10001}}]
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              hostUsers: false
              containers: [{name: web, image: "nginx:1.27"}]
            """),
        ])

    /// The `min` parameter's default of the `validate` rule (a lint run has no stack policy to set it).
    static let minimum: Int = Rules.rule("run-as-high-uid")?.description.parameters
        .first { $0.name == "min" }.flatMap { Int($0.defaultValue) } ?? 10000

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings { object, container in
            // `hostUsers: false` maps the pod's ids to unprivileged ones of its own user namespace on the node.
            if let spec = object.podSpecPath, object.value(spec + [.key("hostUsers")])?.flag == false { return nil }
            guard let user = object.effective("runAsUser", container) else {
                return ("container '\(container.name)' has no numeric user id (runAsUser); the image decides",
                        container.path)
            }
            guard let uid = user.value.number else {
                return ("container '\(container.name)' has no numeric user id (runAsUser "
                            + "\(user.value.text.map(quoted) ?? "is not a number")); the image decides", user.path)
            }
            if uid >= Self.minimum { return nil }
            return ("container '\(container.name)' runs as user \(uid), below \(Self.minimum)", user.path)
        }
    }
}
