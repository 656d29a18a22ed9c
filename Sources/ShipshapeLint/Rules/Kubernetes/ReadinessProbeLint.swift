import ShipshapeModel
import ShipshapePolicy

struct ReadinessProbeLint: LintRule {
    let info = LintRuleInfo(
        id: "readiness-probe", format: .kubernetes,
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
                      readinessProbe: {httpGet: {path: /health, port: 8000}}
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
        context.containerFindings(includeInit: false, includeBatch: false) { _, container in
            container.node.member("readinessProbe") != nil ? nil
                : ("container '\(container.name)' has no readiness probe", container.path)
        }
    }
}
