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
        context.containerFindings { object, container in
            let path = container.path + [.key("securityContext"), .key("allowPrivilegeEscalation")]
            return object.value(path)?.flag == false ? nil
                : ("container '\(container.name)' allows privilege escalation", path)
        }
    }
}
