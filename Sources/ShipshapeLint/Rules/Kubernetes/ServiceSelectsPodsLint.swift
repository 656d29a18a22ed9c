import ShipshapeModel
import ShipshapePolicy

struct ServiceSelectsPodsLint: LintRule {
    let info = LintRuleInfo(
        id: "service-selects-pods", format: .kubernetes,
        equivalents: ["kube-linter: dangling-service", "kube-score: service-targets-pod"],
        summary: "Every Service's selector matches the pods of a workload in the same files.",
        remediation: "Fix the Service's selector (or the pod template's labels) so that it selects the workload.",
        severity: .warning,
        triggering: [LintExample("app.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              selector: ↓{app: api}
              ports: [{port: 80}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              template:
                metadata: {labels: {app: apl}}
                spec: {containers: [{name: api, image: "shop/api:1.0"}]}
            """)],
        nonTriggering: [LintExample("app.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              selector: {app: api}
              ports: [{port: 80}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              template:
                metadata: {labels: {app: api, tier: web}}
                spec: {containers: [{name: api, image: "shop/api:1.0"}]}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        // A workload's kind is enough: a template with labels and no spec still has pods to select.
        let pods = PodLabelIndex(context.set.objects)
        return context.set.objects.filter { $0.kind == "Service" }.compactMap { service -> Finding? in
            let path: DocPath = [.key("spec"), .key("selector")]
            let selector = service.value(path)?.strings ?? [:]
            guard !selector.isEmpty else { return nil }  // no selector: endpoints are managed by hand
            if pods.selectsSome(selector, in: service.namespace) { return nil }
            return context.finding("Service '\(service.name)' selects no pods of the linted workloads", in: service,
                                   at: path)
        }
    }
}
