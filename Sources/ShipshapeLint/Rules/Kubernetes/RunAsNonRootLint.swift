import ShipshapeModel
import ShipshapePolicy

struct RunAsNonRootLint: LintRule {
    let info = LintRuleInfo(
        id: "run-as-non-root", format: .kubernetes,
        triggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - ↓name: web
                  image: nginx:1.27
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: ↓false}
              containers: [{name: web, image: "nginx:1.27"}]
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: true, runAsGroup: ↓0}
              containers: [{name: web, image: "nginx:1.27"}]
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              ↓- containers:
              - {name: web, image: "nginx:1.27"}
            """),
        ],
        nonTriggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: true}
              containers: [{name: web, image: "nginx:1.27"}]
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: web, image: "nginx:1.27", securityContext: {runAsUser: 1000}}]
            """),
        ])

    func check(_ context: LintContext) -> [Finding] {
        unreadable(context) + context.containerFindings { object, container in
            let nonRoot = object.effective("runAsNonRoot", container)
            let user = object.effective("runAsUser", container)
            if let group = object.effective("runAsGroup", container), group.value.number == 0 {
                return ("container '\(container.name)' runs with the root group (runAsGroup 0)", group.path)
            }
            if nonRoot?.value.flag == true || (user?.value.number ?? 0) > 0 { return nil }
            return ("container '\(container.name)' may run as root", nonRoot?.path ?? user?.path ?? container.path)
        }
    }

    /// A workload whose pod spec is not a mapping says nothing that keeps it from running as root.
    func unreadable(_ context: LintContext) -> [Finding] {
        context.set.objects.compactMap { object -> Finding? in
            guard let path = object.podSpecPath, let spec = object.value(path), !spec.isMap else { return nil }
            return context.finding("\(object.kind) '\(object.name)' has a pod spec that is not a mapping, so nothing "
                                       + "keeps it from running as root", in: object, at: path)
        }
    }
}
