import ShipshapeModel
import ShipshapePolicy

struct NoPrivilegeEscalationLint: LintRule {
    let info = LintRuleInfo(
        id: "no-privilege-escalation", format: .kubernetes,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext: {allowPrivilegeEscalation: ↓true}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "nginx:1.27", securityContext: {allowPrivilegeEscalation: false}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.compactMap { container -> Finding? in
                let path = container.path + [.key("securityContext"), .key("allowPrivilegeEscalation")]
                guard object.value(path)?.flag != false else { return nil }
                return context.finding("container '\(container.name)' allows privilege escalation",
                                       in: object, at: path, containers: containers)
            }
        }
    }
}
