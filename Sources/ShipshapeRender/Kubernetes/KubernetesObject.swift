import ShipshapeModel

/// A description of one Kubernetes object as rendered: its identity (apiVersion, kind,
/// namespace, name), metadata, and the fields after `metadata` in the order they print. For
/// example a `Service` named `api` in `openlearn-production` with a `spec`.
public struct KubernetesObject: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    /// nil for cluster-scoped objects (Namespace).
    public var namespace: String?
    public var labels: [(String, String)]
    public var annotations: [(String, String)]
    /// `spec`, `data`, ... in print order.
    public var fields: [(key: String, value: DocNode)]

    public init(apiVersion: String, kind: String, name: String, namespace: String?, labels: [(String, String)] = [],
                annotations: [(String, String)] = [], fields: [(key: String, value: DocNode)]) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.fields = fields
    }

    /// The object as a document.
    public var document: DocNode {
        var metadata = DocMap()
        metadata.set("name", name)
        metadata.set("namespace", namespace)
        metadata.setNonEmpty("labels", .map(labels.map { ($0.0, DocNode.string($0.1)) }))
        metadata.setNonEmpty("annotations", .map(annotations.map { ($0.0, DocNode.string($0.1)) }))
        return .map([("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("metadata", metadata.node)]
                    + fields)
    }

    public static func == (lhs: KubernetesObject, rhs: KubernetesObject) -> Bool { lhs.document == rhs.document }
    public func hash(into hasher: inout Hasher) { hasher.combine(document) }
}
