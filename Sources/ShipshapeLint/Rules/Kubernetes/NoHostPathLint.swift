import ShipshapeModel
import ShipshapePolicy

struct NoHostPathLint: LintRule {
    let info = LintRuleInfo(
        id: "no-host-path", format: .kubernetes,
        equivalents: ["kube-linter: host-path / sensitive-host-mounts", "Polaris: hostPathSet"],
        summary: "Pods do not mount folders of the node (hostPath).",
        remediation: "Use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead of a hostPath volume.",
        severity: .error,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
              volumes:
                - name: docker
                  hostPath: ↓{path: /var/run/docker.sock}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
              volumes: [{name: tmp, emptyDir: {}}]
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object -> [Finding] in
            guard let spec = object.podSpecPath else { return [] }
            let volumes = object.value(spec + [.key("volumes")])?.items ?? []
            return volumes.enumerated().compactMap { index, volume -> Finding? in
                guard let hostPath = volume.member("hostPath") else { return nil }
                let name = volume.member("name")?.text ?? "#\(index)"
                let what = hostPath.member("path")?.text.map { "the node's " + quoted($0) } ?? "a folder of the node"
                return context.finding("volume '\(name)' mounts \(what)", in: object,
                                       at: spec + [.key("volumes"), .index(index), .key("hostPath")])
            }
        }
    }
}
