import ShipshapeModel

struct LivenessProbeRule: Rule {
    let description = RuleDescription(
        id: "liveness-probe", category: .workloads,
        summary: "Long-running services declare a liveness probe.",
        rationale: "A deadlocked process keeps running without one; nothing restarts it.",
        remediation: "Add `probes.liveness` "
            + "(an HTTP path, a TCP port or a command that fails when the process is stuck).",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: no-liveness-probe", "Polaris: livenessProbeMissing", "kube-score: pod-probes",
                      "checkov: CKV_K8S_8"],
        triggering: [Example(ExampleStack.api(["probes": "↓probes: {readiness: {http: /ready}}"]))],
        nonTriggering: [Example(ExampleStack.api()),
                        Example(ExampleStack.api(["probes": nil, "ports": nil, "replicas": nil],
                                                 extra: "schedule: {cron: \"0 2 * * *\"}"))])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.compactMap { service in
            guard service.probes.liveness == nil else { return nil }
            return context.finding("service '\(service.name)' has no liveness probe",
                                   at: context.serviceLocation(service, Key.Service.probes),
                                   service: service, artifact: context.artifact(service, "livenessProbe"))
        }
    }
}
