import ShipshapeRender

/// `Differ.diff` of two environments' rendered artifacts, fed one artifact at a time: the old
/// side's items are held (Kubernetes objects as rendered), each new item is compared
/// with its old pair as it comes and only the differences are kept. The report is the one
/// `Differ.diff(artifacts(rendered: old), artifacts(rendered: new), environments:)` gives;
/// holding every diff value of both sides was most of the memory of a large diff.
public struct PairedDiff {
    /// One diff item; a Kubernetes object stays as rendered until it is compared.
    struct Item {
        enum Body {
            /// A Kubernetes object (normalized), printed as a document only when compared: the
            /// object holds its labels and annotations more compactly than their document.
            case object(KubernetesObject)
            case value(DiffValue)
            /// A systemd unit read back only when it is compared (see `deferredUnitName`).
            case unit(ShipshapeRender.Artifact, environment: String?)
        }

        var target: String
        var identity: String
        var body: Body

        var key: String { "\(target)\u{0}\(identity)" }

        var value: DiffValue {
            switch body {
            case let .object(object): DiffValue(object.document)
            case let .value(value): value
            case let .unit(artifact, environment):
                // One item, by `deferredUnitName`; `try!`: the pipeline checked the unit prints.
                (try! PairedDiff.converted(artifact, environment: environment)).first?.value ?? .map([:])
            }
        }
    }

    let environments: (String, String)
    /// The old side's items by key (the first of a key wins, as in `Differ.diff`). Paired ones
    /// stay: freeing them one by one cost more than holding them, and they are at most what the
    /// old side held before the new one was compared.
    private var old: [String: Item] = [:]
    /// The new side's keys seen so far (a later item of a key seen is ignored).
    private var seen: Set<String> = []
    private var changes: [(key: String, change: DiffReport.ObjectChange)] = []

    /// `environments`: the names of the old and new environment (see `Differ.diff`).
    public init(environments: (String, String)) {
        self.environments = environments
    }

    /// Holds an artifact of the old environment.
    public mutating func add(old artifact: ShipshapeRender.Artifact) throws {
        for item in try Self.items(artifact, environment: environments.0, other: environments.1) {
            let key = item.key
            if old[key] == nil { old[key] = item }
        }
    }

    /// Compares an artifact of the new environment with its old pair, if any.
    public mutating func compare(new artifact: ShipshapeRender.Artifact) throws {
        for item in try Self.items(artifact, environment: environments.1, other: environments.0) {
            let key = item.key
            guard seen.insert(key).inserted else { continue }
            guard let pair = old[key] else {
                changes.append((key, .init(target: item.target, identity: item.identity, kind: .added, fields: [])))
                continue
            }
            var fields: [DiffReport.FieldChange] = []
            let secret = pair.identity.hasPrefix("Secret/")
            if case let .object(a) = pair.body, case let .object(b) = item.body {
                Differ.compare(objects: a, b, secret: secret, into: &fields)
            } else {
                Differ.compare(pair.value, item.value, path: "", secret: secret, into: &fields)
            }
            if !fields.isEmpty {
                changes.append((key, .init(target: pair.target, identity: pair.identity, kind: .changed,
                                           fields: fields)))
            }
        }
    }

    /// The report: every change in the order of their keys, old items never paired as removed.
    public func report() -> DiffReport {
        let removed = old.compactMap { key, item in
            seen.contains(key) ? nil
                : (key, DiffReport.ObjectChange(target: item.target, identity: item.identity, kind: .removed,
                                                fields: []))
        }
        return DiffReport(changes: (changes + removed).sorted { $0.key < $1.key }.map(\.change))
    }

    /// The diff items of one artifact of `environment`, normalized as `Differ.diff` does when
    /// the environments differ. A Kubernetes object's identity and namespace are read from the
    /// object; anything else goes through `ArtifactReader`.
    static func items(_ artifact: ShipshapeRender.Artifact, environment: String, other: String) throws -> [Item] {
        let normalize = environment != other
        if case var .kubernetes(object) = artifact.body {
            let identity = "\(object.kind)/\(object.name)"
            guard normalize else {
                return [Item(target: "kubernetes", identity: identity, body: .object(object))]
            }
            object.name = Differ.normalized(object.name, environment)
            object.namespace = object.namespace.map { Differ.normalized($0, environment) }
            return [Item(target: "kubernetes", identity: Differ.normalized(identity, environment),
                         body: .object(object))]
        }
        if let name = deferredUnitName(artifact) {
            return [Item(target: "systemd", identity: normalize ? Differ.normalized(name, environment) : name,
                         body: .unit(artifact, environment: normalize ? environment : nil))]
        }
        return try converted(artifact, environment: normalize ? environment : nil).map { item in
            Item(target: item.target, identity: item.identity, body: .value(item.value))
        }
    }

    /// `ArtifactReader`'s items of an artifact, normalized for `environment` when given.
    static func converted(_ artifact: ShipshapeRender.Artifact, environment: String?) throws -> [Artifact] {
        let items = try ArtifactReader.artifacts(rendered: [artifact])
        guard let environment else { return items }
        return items.map { Differ.normalize($0, environment) }
    }
}
