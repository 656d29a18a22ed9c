import ShipshapeModel
import ShipshapePolicy

/// `validate` reports a privileged service under `no-host-access`; a Kubernetes file gets its own id.
struct PrivilegedContainerLint: LintRule {
    let info = LintRuleInfo(
        id: "privileged-container", format: .kubernetes,
        equivalents: ["kube-linter: privileged-container", "Polaris: privilegeEscalationAllowed",
                      "checkov: CKV_K8S_16"],
        summary: "Containers do not run privileged.",
        remediation: "Remove `securityContext.privileged: true`; add the one capability the process needs instead.",
        severity: .error,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "nginx:1.27", securityContext: {privileged: ↓true}}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "nginx:1.27", securityContext: {privileged: false}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings { object, container in
            let path = container.path + [.key("securityContext"), .key("privileged")]
            return object.value(path)?.flag == true ? ("container '\(container.name)' runs privileged", path) : nil
        }
    }
}
