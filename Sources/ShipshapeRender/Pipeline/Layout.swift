import ShipshapeModel

/// The artifacts one environment rendered, for a layout to place.
public struct EnvironmentArtifacts: Sendable {
    public var environment: String
    public var stackName: String
    public var namespace: String
    /// The targets rendered (each owns its folder, even when it produced nothing).
    public var targets: [Target]
    public var artifacts: [Artifact]

    public init(stack: ResolvedStack, targets: [Target], artifacts: [Artifact]) {
        self.environment = stack.environment
        self.stackName = stack.name
        self.namespace = stack.kubernetes.namespace
        self.targets = targets
        self.artifacts = artifacts
    }
}

/// What a layout made of the artifacts: the files, the folders they replace as a whole, and
/// the file of every artifact laid out otherwise than flat (Kustomize's).
public struct LaidOut: Sendable {
    public var files: [RenderedFile] = []
    public var ownedFolders: [String] = []
    /// The file of each artifact not at its `Layout.flatPath`, relative to the output folder.
    public var paths: [ArtifactID: String] = [:]

    /// The paths of one environment's artifacts as findings name them: relative to the
    /// environment's folder where the file is the environment's own.
    public func index(_ environment: EnvironmentArtifacts) -> ArtifactIndex {
        let prefix = environment.environment + "/"
        var own: [ArtifactID: String] = [:]
        for artifact in environment.artifacts {
            let placed = paths[artifact.id]
                ?? (environment.targets.contains(artifact.id.target) ? Layout.flatPath(artifact) : nil)
            guard let path = placed else { continue }
            own[artifact.id] = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
        return ArtifactIndex(artifacts: environment.artifacts, paths: own)
    }
}

/// Where files go. The only place output paths are spelled.
public enum Layout: String, CaseIterable, Sendable {
    /// `<env>/<target>/...` for every target.
    case flat
    /// `kubernetes/base/` and `kubernetes/overlays/<env>/` with kustomization.yaml files;
    /// the other targets as in `flat`.
    case kustomize

    /// The folder of one environment's target, relative to the output folder.
    public static func folder(_ environment: String, _ target: Target) -> String {
        "\(environment)/\(target.rawValue)"
    }

    /// The file of an artifact laid out per environment, relative to the output folder.
    public static func flatPath(_ artifact: Artifact) -> String {
        let id = artifact.id
        let folder = folder(id.environment, id.target)
        switch id.kind {
        case ArtifactID.composeFile: return "\(folder)/docker-compose.yml"
        case ArtifactID.nginxSite:
            return id.target == .nginx ? "\(folder)/\(id.name).conf" : "\(folder)/nginx/\(id.name).conf"
        case ArtifactID.nginxMain: return "\(folder)/nginx.conf"
        case ArtifactID.systemdUnit: return "\(folder)/\(id.name)"
        default: return "\(folder)/\(artifact.group).yaml"
        }
    }

    /// Whether an artifact of this kind is written to its group's file (`flatPath`'s last case).
    static func sharesGroupFile(_ kind: String) -> Bool {
        switch kind {
        case ArtifactID.composeFile, ArtifactID.nginxSite, ArtifactID.nginxMain, ArtifactID.systemdUnit: false
        default: true
        }
    }

    /// The nginx site as the compose file of `stack`'s environment mounts it (relative to the
    /// compose file's folder). Kubernetes paths aside, every layout places files alike.
    public func nginxSite(for stack: ResolvedStack) -> String {
        let site = Artifact(id: Renderers.composeSite(stack), body: .nginx([]))
        let compose = Artifact(id: ArtifactID(environment: stack.environment, target: .compose,
                                              kind: ArtifactID.composeFile, name: stack.name), body: .compose(.null))
        return Self.relative(Self.flatPath(site), from: Self.flatPath(compose))
    }

    /// `path` as seen from the folder of the file `from` (both relative to one folder).
    static func relative(_ path: String, from file: String) -> String {
        let a = file.split(separator: "/").dropLast(), b = path.split(separator: "/")
        var common = 0
        while common < a.count, common < b.count - 1, a[a.startIndex + common] == b[common] { common += 1 }
        let up = Array(repeating: "..", count: a.count - common)
        return (up.isEmpty ? ["."] : up).joined(separator: "/") + "/" + b[common...].joined(separator: "/")
    }

    /// Places and prints every artifact of the environments (in order), files printed on every
    /// core. Throws only for what the pipeline's checks let through (a writer's last guard).
    public func files(_ environments: [EnvironmentArtifacts]) throws -> LaidOut {
        var out = LaidOut()
        // Each file: its path and the positions of its artifacts (environment, artifact), which
        // are printed where they are, never copied.
        var groups: [(path: String, members: [(Int, Int)])] = []
        var kustomized: [EnvironmentArtifacts] = []
        for (number, environment) in environments.enumerated() {
            for target in environment.targets.sorted() {
                let mine = environment.artifacts.indices.filter { environment.artifacts[$0].id.target == target }
                if self == .kustomize, target == .kubernetes {
                    var copy = environment
                    copy.artifacts = mine.map { environment.artifacts[$0] }
                    kustomized.append(copy)
                    continue
                }
                out.ownedFolders.append(Self.folder(environment.environment, target))
                // A group's objects share its file: its path is spelled once for the run of them.
                var paths: [(path: String, index: Int)] = []
                paths.reserveCapacity(mine.count)
                var shared: (group: String, path: String)?
                for index in mine {
                    let artifact = environment.artifacts[index]
                    let sharing = Self.sharesGroupFile(artifact.id.kind)
                    if sharing, let shared, shared.group == artifact.group {
                        paths.append((shared.path, index))
                        continue
                    }
                    let path = Self.flatPath(artifact)
                    shared = sharing ? (artifact.group, path) : nil
                    paths.append((path, index))
                }
                paths.sort { $0.path < $1.path }
                // Artifacts sharing a file are next to each other, in their order (a stable sort).
                for (path, index) in paths {
                    if groups.last?.path == path {
                        groups[groups.count - 1].members.append((number, index))
                    } else {
                        try OutputWriter.checkPath(path)
                        groups.append((path, [(number, index)]))
                    }
                }
            }
        }
        // Printing is most of the work: every file on every core, in order.
        out.files = try Parallel.map(groups, reporting: { path, members in
            RenderedFile(path: path, contents: try Self.print(members.map { environments[$0.0].artifacts[$0.1] }))
        })
        if !kustomized.isEmpty {
            let laid = KustomizeLayout.lay(kustomized)
            out.files += laid.files
            out.paths.merge(laid.paths) { a, _ in a }
            out.ownedFolders.append("kubernetes")
        }
        return out
    }

    /// One environment's artifacts placed flat, for the policy rules: every path is checked as
    /// `files` checks it, so `validate` reports what `render` would, but a file's path is spelled
    /// only when a finding names it.
    public static func flatIndex(_ environment: EnvironmentArtifacts) throws -> ArtifactIndex {
        // Read in place (by position): a copy of each artifact cost more than the check.
        let artifacts = environment.artifacts
        var previous: Int?
        for index in artifacts.indices where environment.targets.contains(artifacts[index].id.target) {
            // The objects of one group follow each other and share a file: its path is checked once.
            defer { previous = index }
            if let previous, artifacts[previous].group == artifacts[index].group,
               artifacts[previous].id.target == artifacts[index].id.target,
               sharesGroupFile(artifacts[previous].id.kind), sharesGroupFile(artifacts[index].id.kind) {
                continue
            }
            try OutputWriter.checkPath(flatPath(artifacts[index]))
        }
        return ArtifactIndex(flat: environment)
    }

    /// The text of one file: its Kubernetes objects as documents, or the one artifact.
    static func print(_ artifacts: [Artifact]) throws -> String {
        if artifacts.count == 1, artifacts[0].object == nil { return try artifacts[0].text() }
        return YAMLEmitter.emit(artifacts: artifacts)
    }
}
