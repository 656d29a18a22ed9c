import ShipshapeModel

struct RunAsHighUIDRule: Rule {
    let description = RuleDescription(
        id: "run-as-high-uid", category: .workloads,
        summary: "Pods run as a numeric user id of at least `min`.",
        rationale: "Ids below 10000 are those of the node's own accounts: "
            + "a process that escapes its container as uid 1000 "
            + "is a real user on the host, with that user's files. A high id belongs to nobody there. "
            + "Without a numeric "
            + "id the image decides, and many images run as root or as a low id.",
        remediation: "Set `security.user` to an id of at least 10000 (e.g. `\"10001\"`) "
            + "where the stack runs on Kubernetes, and "
            + "`security.group` to the group the image's files belong to (the pod's `fsGroup` makes persistent volumes "
            + "writable for it; images built for arbitrary ids, such as Elasticsearch's, use group 0).",
        severity: .warning, targets: [.kubernetes],
        parameters: [Parameter("min", .integer(0...2_147_483_647), default: "10000",
                               "Lowest user id a pod may run as.")],
        equivalents: ["kube-score: container-security-context-user-group-id", "checkov: CKV_K8S_40",
                      "kube-linter: (none)", "Polaris: (none)"],
        triggering: [
            Example(ExampleStack.api(extra: "security: {user: ↓\"1000\", group: \"10001\"}")),
            Example(ExampleStack.api(extra: "↓security: {runAsNonRoot: true}")),
        ],
        nonTriggering: [
            Example(ExampleStack.api(extra: "security: {user: \"10001\", group: \"10001\"}")),
            Example(ExampleStack.api(extra: "security: {user: \"10001\", group: \"0\"}")),
            Example(ExampleStack.api(extra: "security: {user: \"1000\"}", targets: "[compose]")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let minimum = context.int("min")
        return context.stack.services.compactMap { service in
            let user = service.security.user
            if let uid = user.flatMap(Int.init), uid >= minimum { return nil }
            let problem = user.map { "runs as user \($0), below \(minimum)" }
                ?? "has no numeric user id; the image decides"
            return context.finding("service '\(service.name)' " + problem,
                                   at: context.serviceLocation(service, Key.Service.security,
                                                               Key.Security.user), service: service,
                                   artifact: context.artifact(service, "securityContext.runAsUser"))
        }
    }
}
