import ShipshapeModel
import ShipshapePolicy

struct AutoscaleNeedsRequestsLint: LintRule {
    let info = LintRuleInfo(
        id: "autoscale-needs-requests", format: .kubernetes,
        triggering: [
            LintExample("hpa.yaml", """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              minReplicas: 2
              maxReplicas: 4
              metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: ↓70}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              template:
                spec:
                  containers:
                    - {name: api, image: "shop/api:1.0", resources: {requests: {memory: 128Mi}}}
            """),
            LintExample("hpa.yaml", """
            apiVersion: autoscaling/v1
            kind: HorizontalPodAutoscaler
            metadata: {name: api}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              maxReplicas: 4
              targetCPUUtilizationPercentage: ↓70
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec: {template: {spec: {containers: [{name: api, image: "shop/api:1.0"}]}}}
            """),
        ],
        nonTriggering: [LintExample("hpa.yaml", """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
              maxReplicas: 4
              metrics:
                - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}
                - {type: Resource, resource: {name: memory, target: {type: AverageValue, averageValue: 200Mi}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              template:
                spec:
                  containers:
                    - {name: api, image: "shop/api:1.0", resources: {requests: {cpu: 100m}}}
            """)])

    /// The resources the autoscaler scales on by utilization (`cpu`, `memory`), with where each is set;
    /// a `ContainerResource` metric names its one container.
    static func utilizationMetrics(_ hpa: KubeObject) -> [(resource: String, container: String?, path: DocPath)] {
        let spec: DocPath = [.key("spec")]
        if let percent = hpa.value(spec + [.key("targetCPUUtilizationPercentage")]), percent.text != nil {
            return [("cpu", nil, spec + [.key("targetCPUUtilizationPercentage")])]
        }
        let metrics = hpa.value(spec + [.key("metrics")])?.items ?? []
        return metrics.enumerated().compactMap { index, metric in
            let type = metric.member("type")?.text ?? ""
            let key = type == "ContainerResource" ? "containerResource" : "resource"
            guard type == "Resource" || type == "ContainerResource", let source = metric.member(key),
                  let resource = source.member("name")?.text else { return nil }
            let target = source.member("target")
            let path = spec + [.key("metrics"), .index(index), .key(key), .key("target")]
            if let value = target?.member("averageUtilization"), value.text != nil {
                return (resource, source.member("container")?.text, path + [.key("averageUtilization")])
            }
            guard target?.member("type")?.text == "Utilization" else { return nil }
            return (resource, source.member("container")?.text, path + [.key("type")])
        }
    }

    func check(_ context: LintContext) -> [Finding] {
        let objects = context.set.objectsByKey
        return context.set.objects.filter { $0.kind == "HorizontalPodAutoscaler" }.flatMap { hpa -> [Finding] in
            let ref: DocPath = [.key("spec"), .key("scaleTargetRef")]
            let kind = hpa.value(ref + [.key("kind")])?.text ?? ""
            let name = hpa.value(ref + [.key("name")])?.text ?? ""
            guard let target = objects[ObjectKey(namespace: hpa.namespace, kind: kind, name: name)],
                  target.podSpec != nil else { return [] }
            let containers = target.containers()
            return Self.utilizationMetrics(hpa).compactMap { metric -> Finding? in
                let lacking = containers.filter { container in
                    (metric.container == nil || metric.container == container.name)
                        && container.node.member("resources")?.member("requests")?.member(metric.resource) == nil
                }
                guard !lacking.isEmpty else { return nil }
                let names = lacking.map { "'\($0.name)'" }.joined(separator: ", ")
                let label = metric.resource == "cpu" ? "CPU" : metric.resource
                let who = lacking.count == 1 ? "container \(names) requests" : "containers \(names) request"
                return context.finding("HorizontalPodAutoscaler '\(hpa.name)' scales \(kind) '\(name)' on "
                                           + "\(label) utilization, but \(who) no \(label)", in: hpa,
                                       at: metric.path)
            }
        }
    }
}
