import ShipshapeModel

/// Renders one target for one resolved environment: a pure function from the resolved stack to
/// files (paths relative to `<env>/<target>/`). No I/O.
public protocol TargetRenderer: Sendable {
    var target: Target { get }
    func render(_ stack: ResolvedStack, context: RenderContext) throws -> [RenderedFile]
}

/// Where the rendered files will live relative to the stack, for files that point back at it
/// (compose secret files and mounted configs).
public struct RenderContext: Sendable, Hashable {
    /// The stack's folder, relative to the folder a target's files are written to
    /// (`OUT/<env>/<target>/`). `../../..` when OUT is `rendered/` beside the stack.
    public var stackFolder: String

    public init(stackFolder: String) {
        self.stackFolder = stackFolder
    }

    public static let standard = RenderContext(stackFolder: "../../..")

    /// `path` (relative to the stack folder) as seen from the target folder.
    public func fromTarget(_ path: String) -> String {
        stackFolder == "." ? path : "\(stackFolder)/\(path)"
    }
}

/// The renderers shipshape has, by target.
public enum Renderers {
    public static let all: [any TargetRenderer] = [KubernetesRenderer(), ComposeRenderer(), NginxRenderer(), SystemdRenderer()]

    public static func renderer(for target: Target) -> (any TargetRenderer)? {
        all.first { $0.target == target }
    }
}

/// How Kubernetes files are laid out.
public enum Layout: String, CaseIterable, Sendable {
    /// `<env>/kubernetes/*.yaml`, like every other target.
    case flat
    /// `kubernetes/base/` and `kubernetes/overlays/<env>/` with kustomization.yaml files.
    case kustomize
}

/// What one `render` run produces: every file, and the folders it owns (replaced as a whole).
public struct RenderOutput: Sendable {
    public var files: [RenderedFile] = []
    public var ownedFolders: [String] = []
    /// Targets asked for that have no renderer yet.
    public var unavailable: [Target] = []
    public var layout: Layout
    private var kustomized: [(environment: String, namespace: String, objects: [KubernetesObject])] = []

    public init(layout: Layout = .flat) {
        self.layout = layout
    }

    /// Renders the environment's targets (only those among `targets`, when given).
    public mutating func add(_ stack: ResolvedStack, targets: [Target]?, context: RenderContext = .standard,
                             renderers: [any TargetRenderer] = Renderers.all) throws {
        let wanted = stack.targets.filter { targets?.contains($0) ?? true }
        for target in wanted.sorted() {
            if layout == .kustomize, target == .kubernetes {
                kustomized.append((stack.environment, stack.kubernetes.namespace, KubernetesRenderer().objects(stack).flatMap(\.objects)))
                continue
            }
            guard let renderer = renderers.first(where: { $0.target == target }) else {
                if !unavailable.contains(target) { unavailable.append(target) }
                continue
            }
            let folder = "\(stack.environment)/\(target.rawValue)"
            ownedFolders.append(folder)
            for file in try renderer.render(stack, context: context).sorted(by: { $0.path < $1.path }) {
                try OutputWriter.checkPath(file.path)
                files.append(RenderedFile(path: "\(folder)/\(file.path)", contents: file.contents))
            }
        }
    }

    /// Appends what another output rendered (another environment), in order.
    public mutating func append(_ other: RenderOutput) {
        files += other.files
        ownedFolders += other.ownedFolders
        unavailable += other.unavailable.filter { !unavailable.contains($0) }
        kustomized += other.kustomized
    }

    /// Adds what is laid out across environments (the kustomize tree). Call once, after `add`.
    public mutating func finish() {
        guard !kustomized.isEmpty else { return }
        files += KustomizeLayout.files(kustomized)
        ownedFolders.append("kubernetes")
        kustomized = []
    }
}
