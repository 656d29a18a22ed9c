import ShipshapeModel
import ShipshapePolicy

struct ResourcesRequestsLint: LintRule {
    let info = LintRuleInfo(
        id: "resources-requests", format: .kubernetes,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  resources:
                    requests: ↓{cpu: 100m}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "nginx:1.27", resources: {requests: {cpu: 100m, memory: 64Mi}}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings(includeInit: false) { object, container in
            let path = container.path + [.key("resources"), .key("requests")]
            let requests = object.value(path)
            let missing = ["cpu", "memory"].filter { requests?.member($0)?.text == nil }
            return missing.isEmpty ? nil
                : ("container '\(container.name)' requests no " + missing.joined(separator: " or "), path)
        }
    }
}
