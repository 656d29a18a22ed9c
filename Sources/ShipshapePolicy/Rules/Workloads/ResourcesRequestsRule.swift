import ShipshapeModel

struct ResourcesRequestsRule: Rule {
    let description = RuleDescription(
        id: "resources-requests", category: .workloads,
        summary: "Services, their init containers and sidecars request CPU and memory.",
        rationale: "Without requests the scheduler packs pods blindly, "
            + "and autoscaling on utilization has nothing to measure against.",
        remediation: "Set `resources.requests.cpu` and `resources.requests.memory` "
            + "to what the service needs at steady load.",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: unset-cpu-requirements, unset-memory-requirements",
                      "Polaris: cpuRequestsMissing, memoryRequestsMissing",
                      "kube-score: container-resources", "checkov: CKV_K8S_10, CKV_K8S_12"],
        triggering: [
            Example(ExampleStack.api(["resources": "↓resources: {limits: {memory: 256Mi}}"])),
            Example(ExampleStack.api(["resources": nil]).replacingOccurrences(of: "  api:", with: "  ↓api:")),
        ],
        nonTriggering: [Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.compactMap { service in
            let requests = service.resources.requests
            let missing = [("cpu", requests.cpu == nil), ("memory", requests.memory == nil)].filter(\.1).map(\.0)
            guard !missing.isEmpty else { return nil }
            return context.finding("service '\(service.name)' requests no \(missing.joined(separator: " or "))",
                                   at: context.serviceLocation(service, Key.Service.resources), service: service,
                                   artifact: context.artifact(service, "resources.requests"))
        } + context.companions.compactMap { c in
            let requests = c.container.resources.requests
            let missing = [("cpu", requests.cpu == nil), ("memory", requests.memory == nil)].filter(\.1).map(\.0)
            guard !missing.isEmpty else { return nil }
            return context.finding("\(c.what) requests no \(missing.joined(separator: " or "))",
                                   at: context.location(c, "resources"), service: c.service,
                                   artifact: context.artifact(c, "resources.requests"))
        }
    }
}
