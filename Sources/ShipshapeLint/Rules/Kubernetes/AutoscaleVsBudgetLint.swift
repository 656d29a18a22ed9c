import ShipshapeModel
import ShipshapePolicy

struct AutoscaleVsBudgetLint: LintRule {
    let info = LintRuleInfo(
        id: "autoscale-vs-budget", format: .kubernetes,
        triggering: [LintExample("hpa.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: ↓8
              template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              minReplicas: 3
              maxReplicas: ↓3
            """)],
        nonTriggering: [LintExample("hpa.yaml", """
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
              maxReplicas: 6
            """)])

    func check(_ context: LintContext) -> [Finding] {
        let objects = context.set.objectsByKey
        return context.set.objects.filter { $0.kind == "HorizontalPodAutoscaler" }.flatMap { hpa -> [Finding] in
            let low = hpa.value([.key("spec"), .key("minReplicas")])?.number ?? 1
            guard let high = hpa.value([.key("spec"), .key("maxReplicas")])?.number else { return [] }
            var out: [Finding] = []
            let kind = hpa.value([.key("spec"), .key("scaleTargetRef"), .key("kind")])?.text ?? ""
            let name = hpa.value([.key("spec"), .key("scaleTargetRef"), .key("name")])?.text ?? ""
            if let target = objects[ObjectKey(namespace: hpa.namespace, kind: kind, name: name)],
               let replicas = target.value([.key("spec"), .key("replicas")])?.number,
               !(low...max(low, high)).contains(replicas) {
                out.append(context.finding("\(kind) '\(name)' sets \(replicas) replicas, which the autoscaler "
                                               + "(\(low)-\(high)) overrides", in: target,
                                           at: [.key("spec"), .key("replicas")]))
            }
            if high <= low {
                out.append(context.finding("HorizontalPodAutoscaler '\(hpa.name)' cannot scale (min \(low), "
                                               + "max \(high))", in: hpa, at: [.key("spec"), .key("maxReplicas")]))
            }
            return out
        }
    }
}
