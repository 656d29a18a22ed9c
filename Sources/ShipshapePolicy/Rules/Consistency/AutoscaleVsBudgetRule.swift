import ShipshapeModel

struct AutoscaleVsBudgetRule: Rule {
    let description = RuleDescription(
        id: "autoscale-vs-budget", category: .consistency,
        summary: "Replicas, autoscaling bounds and the disruption budget agree.",
        rationale: "Replicas outside the autoscale bounds are silently overridden by the autoscaler; "
            + "bounds with no room to move autoscale nothing.",
        remediation: "Keep `replicas` within `autoscale.min`..`max` (or drop it), and give `max` room above `min`.",
        severity: .warning, targets: [.kubernetes],
        equivalents: ["kube-linter: hpa-minimum-three-replicas (related)"],
        triggering: [
            Example(ExampleStack.api(["replicas": "replicas: ↓12"], extra: "autoscale: {min: 2, max: 6, cpu: 70%}")),
            Example(ExampleStack.api(["replicas": "replicas: 3"], extra: "autoscale: {min: 3, max: ↓3, cpu: 70%}")),
        ],
        nonTriggering: [
            Example(ExampleStack.api(["replicas": "replicas: 3"], extra: "autoscale: {min: 2, max: 6, cpu: 70%}")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.flatMap { service -> [Finding] in
            guard let autoscale = service.autoscale else { return [] }
            var findings: [Finding] = []
            // Whether the stack sets `replicas` (not the built-in default) is looked up in the
            // spec tree only for replicas outside the bounds.
            if !(autoscale.min...max(autoscale.min, autoscale.max)).contains(service.replicas),
               context.stack.source.node(at: [Key.Stack.services, service.name, Key.Service.replicas])?
                   .origin.layer != .builtin {
                findings.append(context.finding("service '\(service.name)' sets \(service.replicas) replicas, "
                                                    + "which the autoscaler (\(autoscale.min)-\(autoscale.max)) "
                                                    + "overrides",
                                                at: context.serviceLocation(service, Key.Service.replicas),
                                                service: service,
                                                artifact: context.artifact(service, "spec.replicas")))
            }
            if autoscale.max <= autoscale.min {
                findings.append(context.finding("the autoscaler of service '\(service.name)' cannot scale "
                                                    + "(min \(autoscale.min), max \(autoscale.max))",
                                                at: context.serviceLocation(service, Key.Service.autoscale,
                                                    Key.Autoscale.max),
                                                service: service,
                                                artifact: context.object("HorizontalPodAutoscaler", service.name,
                                                                         of: service)))
            }
            return findings
        }
    }
}
