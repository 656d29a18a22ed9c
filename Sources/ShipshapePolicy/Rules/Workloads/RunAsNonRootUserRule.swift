import ShipshapeModel

struct RunAsNonRootUserRule: Rule {
    let description = RuleDescription(
        id: "run-as-non-root-user", category: .workloads,
        summary: "A pod that must not run as root says which numeric user it runs as.",
        rationale: "With `runAsNonRoot` and no `runAsUser`, the kubelet checks the image's USER before starting "
            + "the container: it refuses an image that runs as root (most third-party images) and one that names "
            + "its user (`USER app`: a name cannot be proven non-root), with `CreateContainerConfigError`. "
            + "`runAsUser` is numeric, so a user name in the spec is not rendered and leaves the image to decide; "
            + "user 0 with `runAsNonRoot` never starts.",
        remediation: "Set `security.user` to the numeric id the image's files belong to (e.g. `\"10001\"`), or, "
            + "for an image that must run as root, `security.runAsNonRoot: false` with a reasoned exemption from "
            + "`run-as-non-root`.",
        severity: .warning, targets: [.kubernetes],
        equivalents: ["kube-score: container-security-context-user-group-id", "checkov: CKV_K8S_40",
                      "kube-linter: run-as-non-root (partly)", "Polaris: (none)"],
        triggering: [
            Example(ExampleStack.api(extra: "↓security: {readOnlyRootFilesystem: true}")),
            Example(ExampleStack.api(extra: "security: {user: ↓app}")),
            Example(ExampleStack.api(extra: "security: {user: ↓\"0\", runAsNonRoot: true}")),
        ],
        nonTriggering: [
            Example(ExampleStack.api(extra: "security: {user: \"10001\"}")),
            Example(ExampleStack.api(extra: "security: {runAsNonRoot: false}")),
            Example(ExampleStack.api(extra: "security: {user: app}", targets: "[compose]")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.compactMap { service in
            let security = service.security
            guard security.runAsNonRoot else { return nil }
            let problem: String
            switch security.user.map({ ($0, Int($0)) }) {
            case let (_, uid?)? where uid != 0:
                return nil
            case (_, _?)?:
                problem = "runs as user 0 with runAsNonRoot: the kubelet refuses to start it"
            case let (name, nil)?:
                problem = "runs as user '\(name)', a name a pod cannot carry (runAsUser is numeric): the kubelet "
                    + "then checks the image's USER and refuses a root or named one"
            case nil:
                problem = "sets runAsNonRoot without a numeric user: the kubelet refuses the image unless its USER "
                    + "is a numeric id other than 0"
            }
            return context.finding("service '\(service.name)' " + problem,
                                   at: context.serviceLocation(service, Key.Service.security,
                                                               Key.Security.user), service: service,
                                   artifact: context.artifact(service, "securityContext.runAsUser"))
        }
    }
}
