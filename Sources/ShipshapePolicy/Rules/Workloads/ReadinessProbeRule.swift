import ShipshapeModel

struct ReadinessProbeRule: Rule {
    let description = RuleDescription(
        id: "readiness-probe", category: .workloads,
        summary: "Services that serve ports declare a readiness probe; "
            + "on Kubernetes, every long-running workload does.",
        rationale: "Without one, traffic reaches a replica before it can answer, "
            + "and during every rollout some requests fail. "
            + "On Kubernetes readiness is also what a rolling update waits for: "
            + "a worker without a probe counts as available "
            + "the moment it starts, "
            + "so a rollout of a broken worker replaces every healthy one before the first crash.",
        remediation: "Add `probes.readiness` that passes only when the service can serve (dependencies reachable).",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: no-readiness-probe", "Polaris: readinessProbeMissing", "kube-score: pod-probes",
                      "checkov: CKV_K8S_9"],
        triggering: [
            Example(ExampleStack.api(["probes": "↓probes: {liveness: {http: /live}}"])),
            Example(ExampleStack.api(["ports": nil, "probes": "↓probes: {liveness: {exec: [worker, --ping]}}"])),
        ],
        nonTriggering: [
            Example(ExampleStack.api()),
            Example(ExampleStack.api(["ports": nil, "probes": "probes: {liveness: {exec: [worker, --ping]}}"],
                                     targets: "[compose]")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.compactMap { service in
            guard !service.ports.isEmpty || context.renders(.kubernetes), service.probes.readiness == nil else {
                return nil
            }
            let what = service.ports.isEmpty ? "runs on Kubernetes" : "serves ports"
            return context.finding("service '\(service.name)' \(what) but has no readiness probe",
                                   at: context.serviceLocation(service, Key.Service.probes),
                                   service: service, artifact: context.artifact(service, "readinessProbe"))
        }
    }
}
