import ShipshapeModel

struct ReadinessProbeRule: Rule {
    let description = RuleDescription(
        id: "readiness-probe", category: .workloads,
        summary: "Services that serve ports declare a readiness probe.",
        rationale: "Without one, traffic reaches a replica before it can answer, and during every rollout some requests fail.",
        remediation: "Add `probes.readiness` that passes only when the service can serve (dependencies reachable).",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: no-readiness-probe", "Polaris: readinessProbeMissing", "kube-score: pod-probes", "checkov: CKV_K8S_9"],
        triggering: [Example(ExampleStack.api(["probes": "↓probes: {liveness: {http: /live}}"]))],
        nonTriggering: [Example(ExampleStack.api()),
                        Example(ExampleStack.api(["ports": nil, "probes": "probes: {liveness: {exec: [worker, --ping]}}"]))])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.compactMap { service in
            guard !service.ports.isEmpty, service.probes.readiness == nil else { return nil }
            return context.finding("service '\(service.name)' serves ports but has no readiness probe", at: context.serviceLocation(service, "probes"),
                                   service: service, artifact: context.artifact(service, "readinessProbe"))
        }
    }
}
