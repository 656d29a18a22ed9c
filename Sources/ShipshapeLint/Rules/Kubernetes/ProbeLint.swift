import ShipshapeModel
import ShipshapePolicy

/// `liveness-probe` and `readiness-probe`: every long-running container has the probe. One
/// rule type for both, as the two differ only in the probe's name.
struct ProbeLint: LintRule {
    enum Probe: String {
        case liveness, readiness
    }

    let probe: Probe
    let info: LintRuleInfo

    init(_ probe: Probe) {
        self.probe = probe
        info = LintRuleInfo(
            id: "\(probe.rawValue)-probe", format: .kubernetes,
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
                          \(probe.rawValue)Probe: {httpGet: {path: /health, port: 8000}}
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
    }

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings(includeInit: false, includeBatch: false) { _, container in
            container.node.member("\(probe.rawValue)Probe") != nil ? nil
                : ("container '\(container.name)' has no \(probe.rawValue) probe", container.path)
        }
    }
}
