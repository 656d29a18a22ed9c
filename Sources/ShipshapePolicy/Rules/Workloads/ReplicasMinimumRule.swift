import ShipshapeModel

struct ReplicasMinimumRule: Rule {
    let description = RuleDescription(
        id: "replicas-minimum", category: .workloads,
        summary: "Long-running services run at least `min` replicas (the autoscale minimum counts when autoscaled).",
        rationale: "One replica means every deploy, node drain or crash is an outage.",
        remediation: "Raise `replicas` (or `autoscale.min`) to the threshold, "
            + "or exempt a service that must be single with a reason.",
        severity: .error, targets: [.kubernetes, .compose],
        parameters: [Parameter("min", .integer(1...1000), default: "2",
                               "Fewest replicas a long-running service may run.")],
        equivalents: ["kube-linter: minimum-three-replicas", "Polaris: deploymentMissingReplicas",
                      "kube-score: deployment-replicas"],
        triggering: [
            Example(ExampleStack.api(["replicas": "replicas: ↓1"])),
            Example(ExampleStack.api(["replicas": nil], extra: "autoscale: {min: ↓1, max: 4, cpu: 70%}")),
        ],
        nonTriggering: [
            Example(ExampleStack.api()),
            Example(ExampleStack.api(["replicas": "replicas: 1"]), environment: "development"),
            Example(ExampleStack.api(["replicas": "replicas: 1"],
                                     extra: "ignore: [{rule: replicas-minimum, "
                                         + "reason: Exactly one scheduler may run at a time.}]")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let minimum = context.int("min")
        return context.services.compactMap { service in
            let (count, path) = service.autoscale.map { ($0.min, [Key.Service.autoscale, Key.Autoscale.min]) }
                ?? (service.replicas, [Key.Service.replicas])
            guard count < minimum else { return nil }
            return context.finding("service '\(service.name)' runs \(count) replica\(count == 1 ? "" : "s"); "
                                       + "the \(context.stack.environment) minimum is \(minimum)",
                                   at: context.location([Key.Stack.services, service.name] + path), service: service,
                                   artifact: context.artifact(service, "spec.replicas"))
        }
    }
}
