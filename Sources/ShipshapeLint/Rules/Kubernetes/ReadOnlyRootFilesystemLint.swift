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
        context.containerFindings { object, container in
            let path = container.path + [.key("securityContext"), .key("readOnlyRootFilesystem")]
            return object.value(path)?.flag == true ? nil
                : ("container '\(container.name)' can write to its root filesystem", path)
        }
    }
}
