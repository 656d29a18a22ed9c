import ShipshapeModel

/// The recommended `app.kubernetes.io/*` labels. Selectors use only name and instance, which
/// never change between releases.
struct Labels {
    let stack: ResolvedStack

    /// The stack name: environments are told apart by their namespace, so objects stay
    /// identical across environments where nothing else differs (a shared kustomize base).
    var instance: String { stack.name }

    func selector(_ service: Service) -> [(String, String)] {
        [("app.kubernetes.io/name", service.name), ("app.kubernetes.io/instance", instance)]
    }

    func all(_ service: Service) -> [(String, String)] {
        var labels = selector(service)
        if let version = Self.version(of: service.image) { labels.append(("app.kubernetes.io/version", version)) }
        labels += [("app.kubernetes.io/part-of", stack.name), ("app.kubernetes.io/managed-by", "shipshape")]
        labels += service.labels.filter { key, _ in !labels.contains { $0.0 == key } }.map { ($0.key, $0.value) }
        return labels
    }

    /// Labels for stack-wide objects (Namespace, Ingress, NetworkPolicy).
    var stackWide: [(String, String)] {
        [
            ("app.kubernetes.io/instance", instance), ("app.kubernetes.io/part-of", stack.name),
            ("app.kubernetes.io/managed-by", "shipshape"),
        ]
    }

    /// The image tag when it is a valid label value (`1.0.0` from `openlearn/api:1.0.0`).
    static func version(of image: String) -> String? {
        let name = image.split(separator: "@").first.map(String.init) ?? image
        guard let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") else { return nil }
        let tag = String(name[name.index(after: colon)...])
        return Names.isLabelValue(tag) && !tag.isEmpty ? tag : nil
    }

    static func selectorNode(_ labels: [(String, String)]) -> DocNode {
        .map([("matchLabels", .map(labels.map { ($0.0, DocNode.string($0.1)) }))])
    }
}
