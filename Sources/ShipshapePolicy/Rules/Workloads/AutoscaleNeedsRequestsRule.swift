import ShipshapeModel

struct AutoscaleNeedsRequestsRule: Rule {
    let description = RuleDescription(
        id: "autoscale-needs-requests", category: .workloads,
        summary: "Autoscaling on CPU or memory utilization has the matching request set.",
        rationale: "Utilization is measured against requests; "
            + "without one the autoscaler cannot compute it and never scales.",
        remediation: "Set `resources.requests.cpu` (or `.memory`) for the utilization targets in `autoscale`.",
        severity: .error, targets: [.kubernetes],
        equivalents: ["kube-score: horizontalpodautoscaler-has-target", "Polaris: (none)"],
        triggering: [
            Example(ExampleStack.api(["resources": "resources: {requests: {memory: 128Mi}, limits: {memory: 256Mi}}"],
                                     extra: "autoscale: {min: 2, max: 4, cpu: ↓70%}")),
        ],
        nonTriggering: [Example(ExampleStack.api(extra: "autoscale: {min: 2, max: 4, cpu: 70%, memory: 80%}"))])

    func check(_ context: RuleContext) -> [Finding] {
        context.services.flatMap { service -> [Finding] in
            guard let autoscale = service.autoscale else { return [] }
            var findings: [Finding] = []
            if autoscale.cpu != nil, service.resources.requests.cpu == nil {
                findings.append(context.finding("service '\(service.name)' scales on CPU utilization "
                                                    + "but requests no CPU",
                                                at: context.serviceLocation(service, Key.Service.autoscale,
                                                    Key.Autoscale.cpu),
                                                service: service))
            }
            if autoscale.memory != nil, service.resources.requests.memory == nil {
                findings.append(context.finding("service '\(service.name)' scales on memory utilization "
                                                    + "but requests no memory",
                                                at: context.serviceLocation(service, Key.Service.autoscale,
                                                    Key.Autoscale.memory),
                                                service: service))
            }
            return findings
        }
    }
}
