import ShipshapeModel
import ShipshapePolicy

struct AutoscalerTargetExistsLint: LintRule {
    let info = LintRuleInfo(
        id: "hpa-target-exists", format: .kubernetes,
        equivalents: ["kube-linter: dangling-horizontalpodautoscaler"],
        summary: "Every HorizontalPodAutoscaler scales a workload in the same files.",
        remediation: "Fix `scaleTargetRef` (kind and name), or lint the workload's file together with the autoscaler.",
        severity: .warning,
        triggering: [LintExample("hpa.yaml", """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api}
            spec:
              scaleTargetRef: ↓{apiVersion: apps/v1, kind: Deployment, name: api}
              maxReplicas: 4
            """)],
        nonTriggering: [LintExample("hpa.yaml", """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              maxReplicas: 4
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec: {template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        let present = Set(context.set.objects.map(ObjectKey.init))
        return context.set.objects.filter { $0.kind == "HorizontalPodAutoscaler" }.compactMap { hpa -> Finding? in
            let path: DocPath = [.key("spec"), .key("scaleTargetRef")]
            let kind = hpa.value(path + [.key("kind")])?.text ?? ""
            let name = hpa.value(path + [.key("name")])?.text ?? ""
            if present.contains(ObjectKey(namespace: hpa.namespace, kind: kind, name: name)) { return nil }
            return context.finding("HorizontalPodAutoscaler '\(hpa.name)' scales \(kind) '\(name)', which the linted "
                                       + "files do not hold", in: hpa, at: path)
        }
    }
}
