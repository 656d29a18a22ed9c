import ShipshapeModel

/// A description of one Kubernetes object as rendered: its identity (apiVersion, kind,
/// namespace, name), metadata, and the fields after `metadata` in the order they print. For
/// example a `Service` named `api` in `openlearn-production` with a `spec`.
public struct KubernetesObject: Sendable, Hashable {
    /// The fields live in one copy-on-write box: an object is copied into its artifact, the
    /// environment's list and the layout's, and a copy then costs one reference count instead
    /// of one per field.
    private var parts: CopyOnWrite<Parts>

    private struct Parts {
        var apiVersion: String
        var kind: String
        var name: String
        var namespace: String?
        var labels: [(String, String)]
        var annotations: [(String, String)]
        var fields: [(key: String, value: DocNode)]
    }

    public var apiVersion: String {
        get { parts.value.apiVersion }
        _modify { yield &parts.value.apiVersion }
    }
    public var kind: String {
        get { parts.value.kind }
        _modify { yield &parts.value.kind }
    }
    public var name: String {
        get { parts.value.name }
        _modify { yield &parts.value.name }
    }
    /// nil for cluster-scoped objects (Namespace).
    public var namespace: String? {
        get { parts.value.namespace }
        _modify { yield &parts.value.namespace }
    }
    public var labels: [(String, String)] {
        get { parts.value.labels }
        _modify { yield &parts.value.labels }
    }
    public var annotations: [(String, String)] {
        get { parts.value.annotations }
        _modify { yield &parts.value.annotations }
    }
    /// `spec`, `data`, ... in print order.
    public var fields: [(key: String, value: DocNode)] {
        get { parts.value.fields }
        _modify { yield &parts.value.fields }
    }

    public init(apiVersion: String, kind: String, name: String, namespace: String?, labels: [(String, String)] = [],
                annotations: [(String, String)] = [], fields: [(key: String, value: DocNode)]) {
        parts = CopyOnWrite(Parts(apiVersion: apiVersion, kind: kind, name: name, namespace: namespace,
                                  labels: labels, annotations: annotations, fields: fields))
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
