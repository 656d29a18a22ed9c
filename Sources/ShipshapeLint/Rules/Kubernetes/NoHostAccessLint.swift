import ShipshapeModel
import ShipshapePolicy

struct NoHostAccessLint: LintRule {
    let info = LintRuleInfo(
        id: "no-host-access", format: .kubernetes,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              hostNetwork: ↓true
              hostPID: ↓true
              containers: [{name: web, image: "nginx:1.27"}]
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              hostNetwork: false
              containers: [{name: web, image: "nginx:1.27"}]
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object -> [Finding] in
            guard let spec = object.podSpecPath else { return [] }
            return ["hostNetwork", "hostPID", "hostIPC"].compactMap { key -> Finding? in
                guard object.value(spec + [.key(key)])?.flag == true else { return nil }
                return context.finding("\(object.kind) '\(object.name)' sets \(key)", in: object,
                                       at: spec + [.key(key)])
            }
        }
    }
}
