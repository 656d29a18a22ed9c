import ShipshapeModel
import ShipshapePolicy

/// `no-debug-in-production` as `validate` reads it: a known switch set to a value that turns debugging on.
func debugSwitchOn(name: String, value: String) -> Bool {
    DebugSwitches.all[name.uppercased()]?.contains(value.lowercased()) == true
}

struct NoDebugInProductionLint: LintRule {
    let info = LintRuleInfo(
        id: "no-debug-in-production", format: .kubernetes,
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
                      env:
                        - {name: DEBUG, value: ↓"true"}
                        - {name: NODE_ENV, value: ↓development}
            """)],
        nonTriggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: shop/api:1.0
                      env: [{name: DEBUG, value: "false"}, {name: NODE_ENV, value: production}]
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container in
                (container.node.member("env")?.items ?? []).enumerated().compactMap { index, entry -> Finding? in
                    guard let name = entry.member("name")?.text, let value = entry.member("value")?.text,
                          debugSwitchOn(name: name, value: value) else { return nil }
                    return context.finding("\(name)=\(value) in container '\(container.name)'", in: object,
                                           at: container.path + [.key("env"), .index(index), .key("value")],
                                           containers: containers)
                }
            }
        }
    }
}
