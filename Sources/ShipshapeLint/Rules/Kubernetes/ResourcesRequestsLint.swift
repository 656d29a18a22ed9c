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
        context.workloads.flatMap { object in
            let containers = object.containers()
            return containers.compactMap { container -> Finding? in
                let path = container.path + [.key("resources"), .key("requests")]
                let requests = object.value(path)
                let missing = ["cpu", "memory"].filter { requests?.member($0)?.text == nil }
                guard !missing.isEmpty else { return nil }
                return context.finding("container '\(container.name)' requests no "
                                           + missing.joined(separator: " or "),
                                       in: object, at: path, containers: containers)
            }
        }
    }
}
