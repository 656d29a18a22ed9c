import ShipshapeModel
import ShipshapePolicy

struct ResourcesLimitsLint: LintRule {
    let info = LintRuleInfo(
        id: "resources-limits", format: .kubernetes,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  resources: ↓{requests: {cpu: 100m, memory: 64Mi}}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "nginx:1.27", resources: {limits: {memory: 128Mi}}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings(includeInit: false) { object, container in
            let path = container.path + [.key("resources"), .key("limits"), .key("memory")]
            return object.value(path)?.text != nil ? nil : ("container '\(container.name)' has no memory limit", path)
        }
    }
}
