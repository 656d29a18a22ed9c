import ShipshapeModel
import ShipshapePolicy

struct ReadOnlyRootFilesystemLint: LintRule {
    let info = LintRuleInfo(
        id: "read-only-root-filesystem", format: .kubernetes,
        triggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: shop/api:1.0
                      securityContext: {readOnlyRootFilesystem: ↓false}
            """)],
        nonTriggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                    - {name: api, image: "shop/api:1.0", securityContext: {readOnlyRootFilesystem: true}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.compactMap { container -> Finding? in
                let path = container.path + [.key("securityContext"), .key("readOnlyRootFilesystem")]
                guard object.value(path)?.flag != true else { return nil }
                return context.finding("container '\(container.name)' can write to its root filesystem",
                                       in: object, at: path, containers: containers)
            }
        }
    }
}
