import ShipshapeModel

struct ZeroDowntimeRolloutRule: Rule {
    let description = RuleDescription(
        id: "zero-downtime-rollout", category: .workloads,
        summary: "A rolling update never takes every replica down at once.",
        rationale: "With `maxUnavailable` at or above the replica count, "
            + "an update stops all replicas before new ones are ready.",
        remediation: "Set `rollout.maxUnavailable` below the replica count (0 with `maxSurge: 1` for zero downtime).",
        severity: .error, targets: [.kubernetes],
        equivalents: ["kube-score: deployment-strategy", "Polaris: (none)"],
        triggering: [Example(ExampleStack.api(extra: "rollout: {maxSurge: 0, maxUnavailable: ↓2}")),
                     Example(ExampleStack.api(extra: "rollout: {maxSurge: 1, maxUnavailable: ↓100%}"))],
        nonTriggering: [Example(ExampleStack.api(extra: "rollout: {maxSurge: 1, maxUnavailable: 0}")),
                        Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.compactMap { service in
            guard let rollout = service.rollout else { return nil }
            let replicas = max(service.autoscale?.min ?? service.replicas, 1)
            let unavailable: Int
            switch rollout.maxUnavailable {
            case let .count(n): unavailable = n
            case let .percent(p): unavailable = replicas * p / 100
            }
            guard unavailable >= replicas else { return nil }
            return context.finding("a rollout of service '\(service.name)' may take all \(replicas) replicas down "
                                       + "(maxUnavailable \(rollout.maxUnavailable))",
                                   at: context.serviceLocation(service, Key.Service.rollout,
                                                               Key.Rollout.maxUnavailable), service: service,
                                   artifact: context.artifact(service, "spec.strategy.rollingUpdate.maxUnavailable"))
        }
    }
}
