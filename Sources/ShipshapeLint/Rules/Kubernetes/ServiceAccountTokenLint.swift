import ShipshapeModel
import ShipshapePolicy

struct ServiceAccountTokenLint: LintRule {
    let info = LintRuleInfo(
        id: "no-service-account-token", format: .kubernetes,
        equivalents: ["checkov: CKV_K8S_38", "kube-score: pod-service-account-token"],
        summary: "Pods do not mount a Kubernetes API token they do not use.",
        remediation: "Set `automountServiceAccountToken: false` on the pod spec or its ServiceAccount.",
        severity: .warning,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              automountServiceAccountToken: ↓true
              containers: [{name: web, image: "nginx:1.27"}]
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: web}
            automountServiceAccountToken: false
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              serviceAccountName: web
              containers: [{name: web, image: "nginx:1.27"}]
            """)])

    func check(_ context: LintContext) -> [Finding] {
        var accounts: [ObjectKey: KubeObject] = [:]
        for account in context.set.objects where account.kind == "ServiceAccount" {
            accounts[ObjectKey(account)] = accounts[ObjectKey(account)] ?? account
        }
        return context.workloads.compactMap { object -> Finding? in
            guard let spec = object.podSpecPath else { return nil }
            let path = spec + [.key("automountServiceAccountToken")]
            if let own = object.value(path)?.flag {
                if !own { return nil }
            } else {
                let name = object.value(spec + [.key("serviceAccountName")])?.text ?? "default"
                let account = accounts[ObjectKey(namespace: object.namespace, kind: "ServiceAccount", name: name)]
                if account?.value([.key("automountServiceAccountToken")])?.flag == false { return nil }
            }
            return context.finding("\(object.kind) '\(object.name)' mounts a service account token", in: object,
                                   at: path)
        }
    }
}
