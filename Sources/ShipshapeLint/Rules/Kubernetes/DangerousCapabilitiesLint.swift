import ShipshapeModel
import ShipshapePolicy

struct DangerousCapabilitiesLint: LintRule {
    let info = LintRuleInfo(
        id: "dangerous-capabilities", format: .kubernetes,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext: {capabilities: {add: [NET_BIND_SERVICE, ↓SYS_ADMIN]}}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "nginx:1.27", securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container -> [Finding] in
                let path = container.path + [.key("securityContext"), .key("capabilities"), .key("add")]
                return (object.value(path)?.items ?? []).enumerated().compactMap { index, item -> Finding? in
                    let name = Capabilities.bare((item.text ?? "").uppercased())
                    guard Capabilities.dangerous.contains(name) else { return nil }
                    return context.finding("container '\(container.name)' adds capability \(name)", in: object,
                                           at: path + [.index(index)], containers: containers)
                }
            }
        }
    }
}
