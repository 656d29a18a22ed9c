import ShipshapeModel
import ShipshapePolicy

struct LivenessProbeLint: LintRule {
    let info = LintRuleInfo(
        id: "liveness-probe", format: .kubernetes,
        triggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              template:
                spec:
                  containers:
                    - ↓name: api
                      image: shop/api:1.0
            """)],
        nonTriggering: [
            LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: shop/api:1.0
                      livenessProbe: {httpGet: {path: /health, port: 8000}}
            """),
            LintExample("job.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              template:
                spec:
                  containers: [{name: migrate, image: "shop/api:1.0"}]
            """),
        ])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.filter { !$0.isBatch }.flatMap { object in
            let containers = object.containers()
            return containers.compactMap { container -> Finding? in
                guard container.node.member("livenessProbe") == nil else { return nil }
                return context.finding("container '\(container.name)' has no liveness probe", in: object,
                                       at: container.path, containers: containers)
            }
        }
    }
}
