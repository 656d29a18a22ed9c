import ShipshapeModel

/// Lays the Kubernetes objects of several environments out for Kustomize:
/// `kubernetes/base/` holds every object that is the same in all of them (without namespace),
/// `kubernetes/overlays/<env>/` holds the objects that differ, whole, and a `kustomization.yaml`
/// that sets the namespace. `kubectl kustomize kubernetes/overlays/<env>` yields exactly the
/// objects of the flat render of that environment.
public enum KustomizeLayout {
    public static func files(_ environments: [(environment: String, namespace: String, objects: [KubernetesObject])]) -> [RenderedFile] {
        func neutral(_ object: KubernetesObject) -> KubernetesObject {
            var copy = object
            copy.namespace = nil
            return copy
        }
        func identity(_ object: KubernetesObject) -> String { "\(object.apiVersion)/\(object.kind)/\(object.name)" }

        // Objects present and identical (namespace aside) in every environment form the base.
        var shared: [KubernetesObject] = []
        if let first = environments.first {
            for object in first.objects where object.namespace != nil {
                let candidate = neutral(object)
                let everywhere = environments.dropFirst().allSatisfy { env in
                    env.objects.contains { identity($0) == identity(object) && neutral($0) == candidate }
                }
                if everywhere { shared.append(candidate) }
            }
        }
        let sharedIDs = Set(shared.map(identity))

        var files: [RenderedFile] = []
        let baseNames = shared.map(fileName)
        for (object, name) in zip(shared, baseNames) {
            files.append(RenderedFile(path: "kubernetes/base/\(name)", contents: YAMLEmitter.emit(object.document)))
        }
        files.append(RenderedFile(path: "kubernetes/base/kustomization.yaml", contents: YAMLEmitter.emit(kustomization(
            namespace: nil, resources: baseNames.sorted()))))
        for env in environments {
            let own = env.objects.filter { !sharedIDs.contains(identity($0)) || $0.namespace == nil }
            let names = own.map(fileName)
            for (object, name) in zip(own, names) {
                files.append(RenderedFile(path: "kubernetes/overlays/\(env.environment)/\(name)", contents: YAMLEmitter.emit(object.document)))
            }
            files.append(RenderedFile(path: "kubernetes/overlays/\(env.environment)/kustomization.yaml", contents: YAMLEmitter.emit(
                kustomization(namespace: env.namespace, resources: ["../../base"] + names.sorted()))))
        }
        return files
    }

    static func fileName(_ object: KubernetesObject) -> String {
        "\(object.name)-\(object.kind.lowercased()).yaml"
    }

    static func kustomization(namespace: String?, resources: [String]) -> DocNode {
        var m = DocMap()
        m.set("apiVersion", "kustomize.config.k8s.io/v1beta1")
        m.set("kind", "Kustomization")
        m.set("namespace", namespace)
        m.set("resources", DocNode.list(resources.map(DocNode.string)))
        return m.node
    }
}
