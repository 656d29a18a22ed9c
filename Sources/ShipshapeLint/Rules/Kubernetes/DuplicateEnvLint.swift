import ShipshapeModel
import ShipshapePolicy

struct DuplicateEnvLint: LintRule {
    let info = LintRuleInfo(
        id: "no-duplicate-env", format: .kubernetes,
        equivalents: ["kube-linter: duplicate-env-var"],
        summary: "A container sets each environment variable once.",
        remediation: "Remove the repeated entry: Kubernetes keeps the last one, which hides the first.",
        severity: .error,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  env:
                    - {name: PORT, value: "80"}
                    - ↓{name: PORT, value: "8080"}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "nginx:1.27", env: [{name: PORT, value: "80"}, {name: HOST, value: "::"}]}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container -> [Finding] in
                var seen: Set<String> = []
                let env = container.node.member("env")?.items ?? []
                return env.enumerated().compactMap { index, entry -> Finding? in
                    guard let name = entry.member("name")?.text else { return nil }
                    guard !seen.insert(name).inserted else { return nil }
                    return context.finding("container '\(container.name)' sets \(name) more than once", in: object,
                                           at: container.path + [.key("env"), .index(index)],
                                           containers: containers)
                }
            }
        }
    }
}
