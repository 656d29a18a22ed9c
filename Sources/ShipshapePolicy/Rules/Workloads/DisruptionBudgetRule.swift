import ShipshapeModel

struct DisruptionBudgetRule: Rule {
    let description = RuleDescription(
        id: "disruption-budget", category: .workloads,
        summary: "Stateless Kubernetes workloads run enough replicas for a PodDisruptionBudget to protect them.",
        rationale: "shipshape gives every replicated workload a PodDisruptionBudget keeping all but one replica up; "
            + "with a single replica no budget can keep it up through a node drain.",
        remediation: "Run at least two replicas (or `autoscale.min: 2`); "
            + "a stateful singleton (persistent volume) is exempt.",
        severity: .error, targets: [.kubernetes],
        equivalents: ["Polaris: missingPodDisruptionBudget", "kube-score: deployment-has-poddisruptionbudget"],
        triggering: [Example(ExampleStack.api(["replicas": "replicas: ↓1"]))],
        nonTriggering: [Example(ExampleStack.api()),
                        Example(ExampleStack.api(["replicas": "replicas: 1"],
                                                 extra: "volumes: [{name: data, path: /data, size: 1Gi}]"))])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.compactMap { service in
            guard !service.volumes.contains(where: \.isPersistent) else { return nil }
            let replicas = service.autoscale.map(\.min) ?? service.replicas
            guard replicas == 1 else { return nil }
            let key = service.autoscale == nil ? "replicas" : "autoscale"
            return context.finding("service '\(service.name)' runs one replica, "
                                       + "so no PodDisruptionBudget can keep it up during a node drain",
                                   at: context.location([Key.Stack.services, service.name, key]),
                                   service: service,
                                   artifact: context.object("PodDisruptionBudget", service.name, of: service)
                                       + " (none)")
        }
    }
}
