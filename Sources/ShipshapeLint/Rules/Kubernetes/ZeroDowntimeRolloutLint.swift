import ShipshapeModel
import ShipshapePolicy

struct ZeroDowntimeRolloutLint: LintRule {
    let info = LintRuleInfo(
        id: "zero-downtime-rollout", format: .kubernetes,
        triggering: [
            LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 2
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: ↓2}}
              template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}
            """),
            LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              strategy: {rollingUpdate: {maxUnavailable: ↓100%}}
              template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              minReplicas: 3
              maxReplicas: 6
            """),
        ],
        nonTriggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 3
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 50%}}
              template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        let autoscalers = context.set.autoscalersByTarget
        return context.set.objects.filter { $0.kind == "Deployment" }.compactMap { object -> Finding? in
            let path: DocPath = [.key("spec"), .key("strategy"), .key("rollingUpdate"), .key("maxUnavailable")]
            guard object.value([.key("spec"), .key("strategy"), .key("type")])?.text ?? "RollingUpdate"
                    == "RollingUpdate",
                  let setting = object.value(path)?.text else { return nil }
            let autoscaler = autoscalers[ObjectKey(object)]
            let count = autoscaler.map { $0.value([.key("spec"), .key("minReplicas")])?.number ?? 1 }
                ?? object.value([.key("spec"), .key("replicas")])?.number ?? 1
            let replicas = min(max(count, 1), 1_000_000)
            let unavailable: Int
            if setting.hasSuffix("%"), let percent = Int(setting.dropLast()) {
                unavailable = replicas * min(max(percent, 0), 100) / 100
            } else if let count = Int(setting) {
                unavailable = count
            } else {
                return nil
            }
            guard unavailable >= replicas else { return nil }
            return context.finding("a rollout of Deployment '\(object.name)' may take all \(replicas) replicas down "
                                       + "(maxUnavailable \(setting))", in: object, at: path)
        }
    }
}
