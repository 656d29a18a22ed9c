import Foundation
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
    /// The fields live in one copy-on-write box: an artifact is copied into the environment's
    /// list, the index and the layout's files, and a copy then costs one reference count
    /// instead of one per name.
    private var parts: CopyOnWrite<Parts>

    private struct Parts: Hashable {
        var id: ArtifactID
        var body: ArtifactBody
        var group: String
    }

    public var id: ArtifactID {
        get { parts.value.id }
        _modify { yield &parts.value.id }
    }

    public var body: ArtifactBody {
        get { parts.value.body }
        _modify { yield &parts.value.body }
    }

    /// What it belongs with: the service whose objects share a Kubernetes file (`api`), or a
    /// stack-wide group (`namespace`, `ingress`, `network-policies`, `external-secrets`).
    public var group: String {
        get { parts.value.group }
        _modify { yield &parts.value.group }
    }

    public init(id: ArtifactID, body: ArtifactBody, group: String = "") {
        parts = CopyOnWrite(Parts(id: id, body: body, group: group))
    }

    public static func == (lhs: Artifact, rhs: Artifact) -> Bool {
        lhs.parts.shares(rhs.parts) || lhs.parts.value == rhs.parts.value
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(parts.value) }

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
    /// Fixed once made: the lookup tables are built from them on demand.
    public let artifacts: [Artifact]
    /// Each artifact's file, relative to the environment's folder for per-environment files
    /// (`kubernetes/api.yaml`) and to the output folder for shared ones
    /// (`kubernetes/base/api-deployment.yaml`).
    public var paths: [ArtifactID: String]
    /// For artifacts laid out flat, the targets placed: each file is then spelled only when a
    /// finding names it (`Layout.flatIndex`), not up front for every artifact.
    private var flatTargets: [Target]?

    /// The position of the first artifact of each (target, kind, name) and the positions of each
    /// Kubernetes group: rules look an artifact up per service, and a scan per service made
    /// `validate` quadratic (minutes at 5,000 services). Built once findings have named a few
    /// files: the environments of a healthy stack have few findings, each found by a scan, and
    /// hashing every artifact for them cost more than the rules.
    private let tables: Tables
    /// A few kinds in all: a list searched in order costs less than hashing each artifact's kind.
    private let firstOfKind: [(kind: String, index: Int)]

    private struct Key: Hashable {
        var target: Target
        var kind: String
        var name: String
    }

    /// The tables, built on the first lookup past `scanned` (a lock: the index is `Sendable`).
    private final class Tables: @unchecked Sendable {
        private let lock = NSLock()
        private var built: (firstOf: [Key: Int], groups: [String: [Int]])?
        private var lookups = 0
        /// Lookups answered by a scan before the tables are built.
        private static let scanned = 16

        /// The tables once `scanned` lookups have been made, else nil (the caller scans).
        func get(_ artifacts: [Artifact]) -> (firstOf: [Key: Int], groups: [String: [Int]])? {
            lock.withLock {
                if let built { return built }
                lookups += 1
                guard lookups > Self.scanned else { return nil }
                let tables = Self.build(artifacts)
                built = tables
                return tables
            }
        }

        private static func build(_ artifacts: [Artifact]) -> (firstOf: [Key: Int], groups: [String: [Int]]) {
            var firstOf: [Key: Int] = [:]
            firstOf.reserveCapacity(artifacts.count)
            var groups: [String: [Int]] = [:]
            // The objects of a group follow each other: gathered as a run, hashed once per group.
            var run: (group: String, members: [Int])?
            func close() {
                if let run { groups[run.group, default: []].append(contentsOf: run.members) }
            }
            for index in artifacts.indices {
                let id = artifacts[index].id
                // Hashed once: (target, kind, name) is nearly unique, so an earlier position taken
                // back is rare.
                let key = Key(target: id.target, kind: id.kind, name: id.name)
                if let earlier = firstOf.updateValue(index, forKey: key) { firstOf[key] = earlier }
                guard id.target == .kubernetes else { continue }
                let group = artifacts[index].group
                if run?.group == group {
                    run?.members.append(index)
                } else {
                    close()
                    run = (group, [index])
                }
            }
            close()
            return (firstOf, groups)
        }
    }

    public init(artifacts: [Artifact] = [], paths: [ArtifactID: String] = [:]) {
        self.artifacts = artifacts
        self.paths = paths
        var firstOfKind: [(kind: String, index: Int)] = []
        for index in artifacts.indices where !firstOfKind.contains(where: { $0.kind == artifacts[index].id.kind }) {
            firstOfKind.append((artifacts[index].id.kind, index))
        }
        self.firstOfKind = firstOfKind
        tables = Tables()
    }

    public func first(where predicate: (Artifact) -> Bool) -> Artifact? {
        artifacts.first(where: predicate)
    }

    /// The first artifact with this target, kind and name (as `first(where:)` would find it).
    public func first(_ target: Target, kind: String, name: String) -> Artifact? {
        guard let tables = tables.get(artifacts) else {
            return artifacts.first { $0.id.target == target && $0.id.kind == kind && $0.id.name == name }
        }
        return tables.firstOf[Key(target: target, kind: kind, name: name)].map { artifacts[$0] }
    }

    /// The first artifact of this kind, of any target (as `first(where:)` would find it).
    public func first(kind: String) -> Artifact? {
        firstOfKind.first { $0.kind == kind }.map { artifacts[$0.index] }
    }

    /// The first Kubernetes artifact of `group` whose kind is one of `kinds`.
    public func first(kubernetesGroup group: String, kinds: [String]) -> Artifact? {
        guard let tables = tables.get(artifacts) else {
            return artifacts.first { $0.id.target == .kubernetes && $0.group == group && kinds.contains($0.id.kind) }
        }
        return tables.groups[group]?.lazy.map { artifacts[$0] }.first { kinds.contains($0.id.kind) }
    }

    public func path(_ id: ArtifactID) -> String? {
        guard let flatTargets else { return paths[id] }
        guard flatTargets.contains(id.target), let artifact = first(id.target, kind: id.kind, name: id.name) else {
            return nil
        }
        return String(Layout.flatPath(artifact).dropFirst(id.environment.utf8.count + 1))
    }

    /// The index of one environment's artifacts laid out flat (see `Layout.flatIndex`).
    init(flat environment: EnvironmentArtifacts) {
        self.init(artifacts: environment.artifacts)
        flatTargets = environment.targets
    }
}
