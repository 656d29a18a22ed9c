import ShipshapeModel
import ShipshapeRender

public typealias DocPath = [DocReader.PathComponent]

/// A Kubernetes object read from a YAML file (one document, or one item of a `List`).
public struct KubeObject: Sendable {
    public var file: String
    public var document: DocReader.Document
    /// Where the object sits in its document: `[]`, or `items[i]` of a `List`.
    public var prefix: DocPath
    public var root: DocNode
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String

    /// `Deployment/shop/api`, or `Namespace/shop` for an object without a namespace.
    public var label: String { namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)" }

    public func value(_ path: DocPath) -> DocNode? { root.value(at: path) }

    /// Where the value at `path` starts; where it is absent, the nearest value around it.
    public func location(_ path: DocPath) -> SourceLocation {
        var current = prefix + path
        while !current.isEmpty {
            if let location = document.location(of: current) { return location }
            current.removeLast()
        }
        return document.location ?? .start(of: file)
    }

    public var annotations: [String: String] { value([.key("metadata"), .key("annotations")])?.strings ?? [:] }
    public var labels: [String: String] { value([.key("metadata"), .key("labels")])?.strings ?? [:] }

    /// The pod template's spec of a workload (or a Pod's spec): its path, nil for other kinds.
    public var podSpecPath: DocPath? {
        switch kind {
        case "Pod": [.key("spec")]
        case "CronJob": [.key("spec"), .key("jobTemplate"), .key("spec"), .key("template"), .key("spec")]
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController",
             "DeploymentConfig":
            [.key("spec"), .key("template"), .key("spec")]
        default: nil
        }
    }

    public var podSpec: DocNode? { podSpecPath.flatMap { value($0) }.flatMap { $0.isMap ? $0 : nil } }

    /// The labels of the pod template (a Pod's own labels).
    public var podLabels: [String: String] {
        guard let spec = podSpecPath else { return [:] }
        if kind == "Pod" { return labels }
        return value(Array(spec.dropLast()) + [.key("metadata"), .key("labels")])?.strings ?? [:]
    }

    /// One container of the pod spec, with its path from the object.
    public struct Container: Sendable {
        public var name: String
        public var path: DocPath
        public var node: DocNode
        public var isInit: Bool
    }

    /// The containers (`initContainers` when `includeInit`) of the pod spec, in order.
    public func containers(includeInit: Bool = false) -> [Container] {
        guard let spec = podSpecPath, let podSpec else { return [] }
        let groups = includeInit ? ["initContainers", "containers"] : ["containers"]
        return groups.flatMap { group in
            (podSpec.member(group)?.items ?? []).enumerated().compactMap { index, node -> Container? in
                guard node.isMap else { return nil }
                return Container(name: node.member("name")?.text ?? "#\(index)",
                                 path: spec + [.key(group), .index(index)], node: node,
                                 isInit: group == "initContainers")
            }
        }
    }

    /// `spec.template.spec.containers[api]`, how findings name a place in the object.
    public static func describe(_ path: DocPath, containers: [Container] = []) -> String {
        var out = ""
        for (offset, step) in path.enumerated() {
            switch step {
            case let .key(key): out += out.isEmpty ? key : ".\(key)"
            case let .index(index):
                let prefix = Array(path.prefix(offset + 1))
                if let container = containers.first(where: { $0.path == prefix }) {
                    out += "[\(container.name)]"
                } else {
                    out += "[\(index)]"
                }
            }
        }
        return out
    }
}

/// One service of a compose file.
public struct ComposeService: Sendable {
    public var file: String
    public var document: DocReader.Document
    public var name: String
    public var node: DocNode

    public var label: String { "services.\(name)" }

    public func location(_ path: DocPath) -> SourceLocation {
        var current: DocPath = [.key("services"), .key(name)] + path
        while !current.isEmpty {
            if let location = document.location(of: current) { return location }
            current.removeLast()
        }
        return document.location ?? .start(of: file)
    }
}

/// An nginx configuration file, whole or a site.
public struct NginxFile: Sendable {
    public var file: String
    public var statements: [NginxStatement]
}

/// A systemd unit file.
public struct SystemdFile: Sendable {
    public var file: String
    /// The unit's name, e.g. `api.service`.
    public var name: String
    public var sections: [SystemdReader.Section]

    public var type: String { name.split(separator: ".").last.map(String.init) ?? "" }

    /// The last value of `key` in `section` (systemd: a later assignment wins) with its setting.
    public func setting(_ section: String, _ key: String) -> SystemdReader.Setting? {
        sections.filter { $0.name == section }.flatMap(\.settings).last { $0.key == key }
    }

    public func section(_ name: String) -> SystemdReader.Section? { sections.first { $0.name == name } }
}

/// Everything read from the files given to `lint`.
public struct LintSet: Sendable {
    public var objects: [KubeObject] = []
    public var composeServices: [ComposeService] = []
    public var nginx: [NginxFile] = []
    public var systemd: [SystemdFile] = []
    /// Files (or documents) not understood, with why.
    public var unrecognised: [(location: SourceLocation, reason: String)] = []
    /// Comment directives `# shipshape:ignore <rule> <reason>` of nginx and systemd files.
    public var directives: [LintDirective] = []

    public init() {}
}

/// `# shipshape:ignore <rule> <reason>` in an nginx or systemd file: exempts the whole file.
public struct LintDirective: Sendable {
    public var file: String
    public var rule: String
    public var reason: String
    public var location: SourceLocation
}
