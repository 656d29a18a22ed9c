import OrderedCollections
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

    /// The last service's labels: every object of a service asks, one service after another.
    private let last = LastLabels()

    func all(_ service: Service) -> [(String, String)] {
        if let hit = last.labels(of: service) { return hit }
        let labels = build(service)
        last.keep(labels, of: service)
        return labels
    }

    private func build(_ service: Service) -> [(String, String)] {
        var labels: [(String, String)] = []
        labels.reserveCapacity(5 + service.labels.count)
        labels.append(("app.kubernetes.io/name", service.name))
        labels.append(("app.kubernetes.io/instance", instance))
        if let version = Self.version(of: service.image) { labels.append(("app.kubernetes.io/version", version)) }
        labels.append(("app.kubernetes.io/part-of", stack.name))
        labels.append(("app.kubernetes.io/managed-by", "shipshape"))
        for (key, value) in service.labels where !labels.contains(where: { $0.0 == key }) {
            labels.append((key, value))
        }
        return labels
    }

    /// Labels for stack-wide objects (Namespace, Ingress, NetworkPolicy).
    var stackWide: [(String, String)] {
        [
            ("app.kubernetes.io/instance", instance), ("app.kubernetes.io/part-of", stack.name),
            ("app.kubernetes.io/managed-by", "shipshape"),
        ]
    }

    /// The image tag when it is a valid label value (`1.0.0` from `openlearn/api:1.0.0`): what
    /// follows the last `:` of the name before any `@digest`, unless a `/` follows it (a registry
    /// port). Read on the bytes: every object of every service asks.
    static func version(of image: String) -> String? {
        let bytes = image.utf8
        let at = UInt8(ascii: "@")
        // The first piece between `@`s that is not empty (as `split(separator: "@")` gives it).
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == at { start = bytes.index(after: start) }
        let end = bytes[start...].firstIndex(of: at) ?? bytes.endIndex
        let name = start == end ? bytes[...] : bytes[start..<end]
        guard let colon = name.lastIndex(of: UInt8(ascii: ":")),
              !name[colon...].contains(UInt8(ascii: "/")) else { return nil }
        let tag = String(Substring(name[name.index(after: colon)...]))
        return Names.isLabelValue(tag) && !tag.isEmpty ? tag : nil
    }

    static func selectorNode(_ labels: [(String, String)]) -> DocNode {
        .map([("matchLabels", .map(labels.map { ($0.0, DocNode.string($0.1)) }))])
    }
}

/// The labels of the service asked last, with what they were built from (a renderer renders one
/// service's objects after another, on one thread).
private final class LastLabels {
    private var service: (name: String, image: String, labels: OrderedDictionary<String, String>)?
    private var built: [(String, String)] = []

    func labels(of service: Service) -> [(String, String)]? {
        guard let last = self.service, last.name == service.name, last.image == service.image,
              last.labels == service.labels else { return nil }
        return built
    }

    func keep(_ labels: [(String, String)], of service: Service) {
        self.service = (service.name, service.image, service.labels)
        built = labels
    }
}
