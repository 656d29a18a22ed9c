import ShipshapeModel
import ShipshapePolicy

struct ReplicasMinimumLint: LintRule {
    static let minimum = 2

    let info = LintRuleInfo(
        id: "replicas-minimum", format: .kubernetes,
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
              template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              minReplicas: 2
              maxReplicas: 4
            """)])

    func check(_ context: LintContext) -> [Finding] {
        let autoscalers = context.set.autoscalersByTarget
        let workloads = context.set.objects.filter { $0.kind == "Deployment" || $0.kind == "StatefulSet" }
        return workloads.compactMap { object in
            let autoscaler = autoscalers[ObjectKey(object)]
            let (count, owner, path): (Int, KubeObject, DocPath) = if let autoscaler {
                (autoscaler.value([.key("spec"), .key("minReplicas")])?.number ?? 1, autoscaler,
                 [.key("spec"), .key("minReplicas")])
            } else {
                (object.value([.key("spec"), .key("replicas")])?.number ?? 1, object, [.key("spec"), .key("replicas")])
            }
            guard count < Self.minimum else { return nil }
            let replicas = "\(count) replica\(count == 1 ? "" : "s")"
            var finding = context.finding("\(object.kind) '\(object.name)' runs \(replicas); the minimum is "
                                              + "\(Self.minimum)", in: owner, at: path)
            finding.service = object.label
            return finding
        }
    }
}
