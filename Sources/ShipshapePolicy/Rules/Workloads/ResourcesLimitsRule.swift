import ShipshapeModel

struct ResourcesLimitsRule: Rule {
    let description = RuleDescription(
        id: "resources-limits", category: .workloads,
        summary: "Services, their init containers and sidecars set a memory limit.",
        rationale: "A leak in one service without a memory limit takes the whole node (or host) down with it.",
        remediation: "Set `resources.limits.memory` (a CPU limit is optional: it throttles rather than kills).",
        severity: .error, targets: [.kubernetes, .compose, .systemd],
        equivalents: ["kube-linter: unset-memory-requirements", "Polaris: memoryLimitsMissing",
                      "kube-score: container-resources", "checkov: CKV_K8S_13"],
        triggering: [
            Example(ExampleStack.api(["resources": "↓resources: {requests: {cpu: 100m, memory: 128Mi}}"])),
            Example(ExampleStack.api(extra: """
                initContainers:
                  - name: migrate
                    command: [/app/migrate]
                    ↓resources: {requests: {cpu: 10m, memory: 32Mi}}
                """)),
        ],
        nonTriggering: [Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.compactMap { service in
            guard service.resources.limits.memory == nil else { return nil }
            return context.finding("service '\(service.name)' has no memory limit",
                                   at: context.serviceLocation(service, Key.Service.resources),
                                   service: service, artifact: context.artifact(service, "resources.limits.memory"))
        } + context.companions.compactMap { c in
            guard c.container.resources.limits.memory == nil else { return nil }
            return context.finding("\(c.what) has no memory limit", at: context.location(c, "resources"),
                                   service: c.service, artifact: context.artifact(c, "resources.limits.memory"))
        }
    }
}
