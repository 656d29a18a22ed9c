import ShipshapeModel

/// Lays the Kubernetes objects of several environments out for Kustomize:
/// `kubernetes/base/` holds every object that is the same in all of them (without namespace),
/// `kubernetes/overlays/<env>/` holds the objects that differ, whole, and a `kustomization.yaml`
/// that sets the namespace. `kubectl kustomize kubernetes/overlays/<env>` yields exactly the
/// objects of the flat render of that environment.
public enum KustomizeLayout {
    public static func lay(_ environments: [EnvironmentArtifacts]) -> LaidOut {
        func neutral(_ object: KubernetesObject) -> KubernetesObject {
            var copy = object
            copy.namespace = nil
            return copy
        }
        func identity(_ object: KubernetesObject) -> String { "\(object.apiVersion)/\(object.kind)/\(object.name)" }
        let objects = environments.map { $0.artifacts.compactMap { a in a.object.map { (a.id, $0) } } }

        // Objects present and identical (namespace aside) in every environment form the base.
        // The other environments' objects are found by identity (a scan per object was
        // quadratic: a 5,000-service stack took minutes).
        let others = objects.dropFirst().map { env in
            Dictionary(grouping: env.indices, by: { identity(env[$0].1) })
        }
        var shared: [KubernetesObject] = []
        if let first = objects.first {
            for (_, object) in first where object.namespace != nil {
                let candidate = neutral(object)
                let key = identity(object)
                let everywhere = zip(objects.dropFirst(), others).allSatisfy { env, index in
                    index[key]?.contains { neutral(env[$0].1) == candidate } ?? false
                }
                if everywhere { shared.append(candidate) }
            }
        }
        let sharedIDs = Set(shared.map(identity))

        var out = LaidOut()
        let baseNames = shared.map(fileName)
        for (object, name) in zip(shared, baseNames) {
            out.files.append(RenderedFile(path: "kubernetes/base/\(name)", contents: YAMLEmitter.emit(object.document)))
        }
        out.files.append(RenderedFile(path: "kubernetes/base/kustomization.yaml", contents: YAMLEmitter.emit(
            kustomization(namespace: nil, resources: baseNames.sorted()))))
        for (env, objects) in zip(environments, objects) {
            let folder = "kubernetes/overlays/\(env.environment)"
            var names: [String] = []
            for (id, object) in objects {
                let name = fileName(object)
                guard sharedIDs.contains(identity(object)), object.namespace != nil else {
                    names.append(name)
                    out.paths[id] = "\(folder)/\(name)"
                    out.files.append(RenderedFile(path: "\(folder)/\(name)",
                                                  contents: YAMLEmitter.emit(object.document)))
                    continue
                }
                out.paths[id] = "kubernetes/base/\(name)"
            }
            out.files.append(RenderedFile(path: "\(folder)/kustomization.yaml", contents: YAMLEmitter.emit(
                kustomization(namespace: env.namespace, resources: ["../../base"] + names.sorted()))))
        }
        return out
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
