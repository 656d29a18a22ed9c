import ShipshapeModel
import ShipshapeRender

/// Security-context reading shared by the Kubernetes rules.
extension KubeObject {
    /// The container's `securityContext.<key>`, else the pod's (for the keys a pod may set).
    func effective(_ key: String, _ container: Container) -> (value: DocNode, path: DocPath)? {
        let own = container.path + [.key("securityContext"), .key(key)]
        if let value = value(own) { return (value, own) }
        guard let spec = podSpecPath else { return nil }
        let pod = spec + [.key("securityContext"), .key(key)]
        return value(pod).map { ($0, pod) }
    }

    /// Whether the object is a batch workload (Job, CronJob): no probes, no replicas.
    var isBatch: Bool { kind == "Job" || kind == "CronJob" }

    /// Long-running workloads whose replicas a controller keeps.
    var isReplicated: Bool { ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"].contains(kind) }
}

/// `apps/v1` `Deployment` as kube objects name their references.
func sameNamespace(_ a: KubeObject, _ b: KubeObject) -> Bool { a.namespace == b.namespace }

/// Whether `selector` (all its labels) is a subset of `labels`.
func selects(_ selector: [String: String], _ labels: [String: String]) -> Bool {
    !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
}
