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

/// An object's identity within the linted files: namespace, kind and name.
struct ObjectKey: Hashable {
    var namespace: String
    var kind: String
    var name: String

    init(_ object: KubeObject) {
        self.init(namespace: object.namespace, kind: object.kind, name: object.name)
    }

    init(namespace: String, kind: String, name: String) {
        self.namespace = namespace
        self.kind = kind
        self.name = name
    }
}

/// Relations between objects, computed in one pass so that rules relating objects stay linear
/// (a search per object was quadratic: 10,000 objects took seconds).
extension LintSet {
    /// The first object of each identity.
    var objectsByKey: [ObjectKey: KubeObject] {
        var index: [ObjectKey: KubeObject] = [:]
        for object in objects where index[ObjectKey(object)] == nil { index[ObjectKey(object)] = object }
        return index
    }

    /// The first HorizontalPodAutoscaler scaling each workload, by the workload's identity.
    var autoscalersByTarget: [ObjectKey: KubeObject] {
        var index: [ObjectKey: KubeObject] = [:]
        for hpa in objects where hpa.kind == "HorizontalPodAutoscaler" {
            let target: DocPath = [.key("spec"), .key("scaleTargetRef")]
            guard let kind = hpa.value(target + [.key("kind")])?.text,
                  let name = hpa.value(target + [.key("name")])?.text else { continue }
            let key = ObjectKey(namespace: hpa.namespace, kind: kind, name: name)
            if index[key] == nil { index[key] = hpa }
        }
        return index
    }
}

/// The pod labels of every workload, looked up by one `key=value` pair in a namespace, so that
/// a selector is matched against the few workloads carrying its first label only.
struct PodLabelIndex {
    private var byLabel: [String: [[String: String]]] = [:]

    init(_ objects: [KubeObject]) {
        for object in objects where object.podSpecPath != nil {
            let labels = object.podLabels
            for (key, value) in labels {
                byLabel[Self.key(object.namespace, key, value), default: []].append(labels)
            }
        }
    }

    /// Whether some workload in `namespace` has every label of `selector`: searched among the
    /// workloads carrying the selector's rarest label (`part-of` is on all of them, `name` on one).
    func selectsSome(_ selector: [String: String], in namespace: String) -> Bool {
        let candidates = selector.map { byLabel[Self.key(namespace, $0.key, $0.value)] ?? [] }
        guard let fewest = candidates.min(by: { $0.count < $1.count }) else { return false }
        return fewest.contains { selects(selector, $0) }
    }

    private static func key(_ namespace: String, _ key: String, _ value: String) -> String {
        "\(namespace)\u{0}\(key)\u{0}\(value)"
    }
}
