import ShipshapeModel
import ShipshapePolicy

struct DisruptionBudgetLint: LintRule {
    let info = LintRuleInfo(
        id: "disruption-budget", format: .kubernetes,
        remediation: "Run at least two replicas (or an autoscaler with `minReplicas: 2`) and a PodDisruptionBudget "
            + "with `maxUnavailable: 1`.",
        triggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: ↓1
              template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}
            """)],
        nonTriggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 3
              template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: store}
            spec:
              replicas: 1
              template:
                spec:
                  containers: [{name: store, image: "shop/store:1.0"}]
                  volumes: [{name: data, persistentVolumeClaim: {claimName: store}}]
            """)])

    func check(_ context: LintContext) -> [Finding] {
        let autoscalers = context.set.autoscalersByTarget
        return context.set.objects.filter { $0.kind == "Deployment" }.compactMap { object -> Finding? in
            let volumes = object.podSpec?.member("volumes")?.items ?? []
            guard !volumes.contains(where: { $0.member("persistentVolumeClaim") != nil }) else { return nil }
            let autoscaler = autoscalers[ObjectKey(object)]
            let owner = autoscaler ?? object
            let path: DocPath = autoscaler == nil
                ? [.key("spec"), .key("replicas")] : [.key("spec"), .key("minReplicas")]
            guard (owner.value(path)?.number ?? 1) == 1 else { return nil }
            var finding = context.finding("\(object.kind) '\(object.name)' runs one replica, so no "
                                              + "PodDisruptionBudget can keep it up during a node drain",
                                          in: owner, at: path)
            finding.service = object.label
            return finding
        }
    }
}
