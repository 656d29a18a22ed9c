import ShipshapeModel

/// Who an artifact is, in every environment alike: the environment, the target whose output
/// holds it, its kind and its name. For example (production, kubernetes, Deployment, api) or
/// (development, compose, nginx-site, shop) — an nginx site that the compose file of an
/// environment without the nginx target carries itself.
public struct ArtifactID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var environment: String
    public var target: Target
    /// A Kubernetes kind (`Deployment`), or one of the kinds below.
    public var kind: String
    public var name: String

    public static let composeFile = "compose-file"
    public static let nginxSite = "nginx-site"
    public static let nginxMain = "nginx-main"
    public static let systemdUnit = "unit"

    public init(environment: String, target: Target, kind: String, name: String) {
        self.environment = environment
        self.target = target
        self.kind = kind
        self.name = name
    }

    public static func < (a: ArtifactID, b: ArtifactID) -> Bool {
        (a.environment, a.target, a.kind, a.name) < (b.environment, b.target, b.kind, b.name)
    }

    public var description: String { "\(environment)/\(target.rawValue)/\(kind)/\(name)" }
}

/// What an artifact holds, typed by format.
public enum ArtifactBody: Sendable, Hashable {
    case kubernetes(KubernetesObject)
    case compose(DocNode)
    case nginx([NginxNode])
    case systemd(SystemdUnit)
}

/// One rendered thing, identified: a Kubernetes object, a compose file, an nginx config or a
/// systemd unit. Layouts decide where it is written; writers print it.
public struct Artifact: Sendable, Hashable {
    public var id: ArtifactID
    public var body: ArtifactBody
    /// What it belongs with: the service whose objects share a Kubernetes file (`api`), or a
    /// stack-wide group (`namespace`, `ingress`, `network-policies`, `external-secrets`).
    public var group: String

    public init(id: ArtifactID, body: ArtifactBody, group: String = "") {
        self.id = id
        self.body = body
        self.group = group
    }

    /// The Kubernetes object, when it is one.
    public var object: KubernetesObject? {
        if case let .kubernetes(object) = body { return object }
        return nil
    }

    /// The artifact as a document (Kubernetes objects and compose files), for the diff.
    public var document: DocNode? {
        switch body {
        case let .kubernetes(object): object.document
        case let .compose(document): document
        case .nginx, .systemd: nil
        }
    }

    /// Values a writer cannot print intact, as located errors (checked before anything is
    /// printed, so `validate` reports them too).
    public var problems: [Diagnostic] {
        switch body {
        case let .nginx(nodes): NginxWriter.problems(nodes)
        case let .systemd(unit): SystemdWriter.problems(unit)
        case .kubernetes, .compose: []
        }
    }

    /// The printed text of an artifact that is a file of its own (not a Kubernetes object,
    /// which a layout prints together with the others of its file). Call after `problems`.
    public func text() throws -> String {
        switch body {
        case let .kubernetes(object): YAMLEmitter.emit(object.document)
        case let .compose(document): YAMLEmitter.emit(document)
        case let .nginx(nodes): try NginxWriter.write(nodes)
        case let .systemd(unit): try SystemdWriter.write(unit)
        }
    }
}

/// The artifacts of one environment and where a layout puts them: what policy rules point at.
public struct ArtifactIndex: Sendable {
    public var artifacts: [Artifact]
    /// Each artifact's file, relative to the environment's folder for per-environment files
    /// (`kubernetes/api.yaml`) and to the output folder for shared ones
    /// (`kubernetes/base/api-deployment.yaml`).
    public var paths: [ArtifactID: String]

    public init(artifacts: [Artifact] = [], paths: [ArtifactID: String] = [:]) {
        self.artifacts = artifacts
        self.paths = paths
    }

    public func first(where predicate: (Artifact) -> Bool) -> Artifact? {
        artifacts.first(where: predicate)
    }

    public func path(_ id: ArtifactID) -> String? { paths[id] }
}
