import ShipshapeModel

/// A description of one Kubernetes object as rendered: its identity (apiVersion, kind,
/// namespace, name), metadata, and the fields after `metadata` in the order they print. For
/// example a `Service` named `api` in `openlearn-production` with a `spec`.
public struct KubernetesObject: Sendable, Hashable {
    /// The fields live in one copy-on-write box: an object is copied into its artifact, the
    /// environment's list and the layout's, and a copy then costs one reference count instead
    /// of one per field.
    private final class Box: @unchecked Sendable {
        // Written only through the accessors below, after `unique()`: a shared box is never
        // written.
        var parts: Parts
        init(_ parts: Parts) { self.parts = parts }
    }

    private struct Parts {
        var apiVersion: String
        var kind: String
        var name: String
        var namespace: String?
        var labels: [(String, String)]
        var annotations: [(String, String)]
        var fields: [(key: String, value: DocNode)]
    }

    private var box: Box

    /// The box, copied first when another object shares it.
    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.parts) }
        return box
    }

    public var apiVersion: String {
        get { box.parts.apiVersion }
        _modify { yield &unique().parts.apiVersion }
    }
    public var kind: String {
        get { box.parts.kind }
        _modify { yield &unique().parts.kind }
    }
    public var name: String {
        get { box.parts.name }
        _modify { yield &unique().parts.name }
    }
    /// nil for cluster-scoped objects (Namespace).
    public var namespace: String? {
        get { box.parts.namespace }
        _modify { yield &unique().parts.namespace }
    }
    public var labels: [(String, String)] {
        get { box.parts.labels }
        _modify { yield &unique().parts.labels }
    }
    public var annotations: [(String, String)] {
        get { box.parts.annotations }
        _modify { yield &unique().parts.annotations }
    }
    /// `spec`, `data`, ... in print order.
    public var fields: [(key: String, value: DocNode)] {
        get { box.parts.fields }
        _modify { yield &unique().parts.fields }
    }

    public init(apiVersion: String, kind: String, name: String, namespace: String?, labels: [(String, String)] = [],
                annotations: [(String, String)] = [], fields: [(key: String, value: DocNode)]) {
        box = Box(Parts(apiVersion: apiVersion, kind: kind, name: name, namespace: namespace, labels: labels,
                        annotations: annotations, fields: fields))
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
