import ShipshapeModel
import ShipshapePolicy

struct DropCapabilitiesLint: LintRule {
    let info = LintRuleInfo(
        id: "drop-capabilities", format: .kubernetes,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext: {capabilities: {drop: ↓[NET_RAW]}}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "nginx:1.27", securityContext: {capabilities: {drop: [all]}}}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings { object, container in
            let path = container.path + [.key("securityContext"), .key("capabilities"), .key("drop")]
            let dropped = object.value(path)?.items.compactMap(\.text).map { $0.uppercased() } ?? []
            return dropped.contains("ALL") ? nil
                : ("container '\(container.name)' keeps the default capabilities", path)
        }
    }
}
