import ShipshapeModel

/// Renders one target for one resolved environment: a pure function from the resolved stack to
/// typed, identified artifacts. No I/O, no paths: a `Layout` places the artifacts. A problem
/// is reported to `diagnostics` and rendering goes on, so one run reports all of them.
public protocol TargetRenderer: Sendable {
    var target: Target { get }
    func artifacts(_ stack: ResolvedStack, context: RenderContext, diagnostics: DiagnosticCollector) -> [Artifact]
    /// `artifacts`, handed to `body` as they are rendered: a renderer that builds them a part at a
    /// time (Kubernetes: a service's objects) lets the caller be done with each before the next.
    func forEachArtifact(_ stack: ResolvedStack, context: RenderContext, diagnostics: DiagnosticCollector,
                         _ body: (Artifact) -> Void)
}

extension TargetRenderer {
    public func forEachArtifact(_ stack: ResolvedStack, context: RenderContext, diagnostics: DiagnosticCollector,
                                _ body: (Artifact) -> Void) {
        artifacts(stack, context: context, diagnostics: diagnostics).forEach(body)
    }
}

/// What a renderer needs to know about where files end up, asked of the layout by the pipeline:
/// the stack's folder (compose secret files and mounted configs point back at it) and the nginx
/// site the compose proxy service mounts.
public struct RenderContext: Sendable, Hashable {
    /// The stack's folder, relative to the folder a target's files are written to
    /// (`OUT/<env>/<target>/`). `../../..` when OUT is `rendered/` beside the stack.
    public var stackFolder: String
    /// The nginx site as the compose file mounts it, relative to the compose file's folder.
    public var nginxSite: String
    /// Whether a service's Kubernetes objects and NetworkPolicies get their fields and labels,
    /// and compose files their services (the other stack-wide objects are built either way).
    /// Without (`validate`), an artifact is who it is and what rendering it reported: all that
    /// the policy rules and the layout's paths read. nginx and systemd bodies are built either way,
    /// since their writers' checks (`Artifact.problems`) read them.
    public var bodies: Bool

    public init(stackFolder: String, nginxSite: String = "", bodies: Bool = true) {
        self.stackFolder = stackFolder
        self.nginxSite = nginxSite
        self.bodies = bodies
    }

    public static let standard = RenderContext(stackFolder: "../../..")

    /// This context, with the nginx site placed as the flat layout places it when unset.
    public func completed(for stack: ResolvedStack) -> RenderContext {
        var copy = self
        if copy.nginxSite.isEmpty { copy.nginxSite = Layout.flat.nginxSite(for: stack) }
        return copy
    }

    /// `path` (relative to the stack folder) as seen from the target folder.
    public func fromTarget(_ path: String) -> String {
        stackFolder == "." ? path : "\(stackFolder)/\(path)"
    }
}

/// The renderers shipshape has, by target, and the artifacts of one environment.
public enum Renderers {
    public static let all: [any TargetRenderer] = [
        KubernetesRenderer(), ComposeRenderer(), NginxRenderer(), SystemdRenderer(),
    ]

    public static func renderer(for target: Target) -> any TargetRenderer {
        all.first { $0.target == target }!
    }

    /// The identity of the nginx site an environment's compose proxy service mounts: the nginx
    /// target's site where the environment renders nginx, else a copy the compose output
    /// carries itself (so a development environment that renders compose only still starts).
    public static func composeSite(_ stack: ResolvedStack) -> ArtifactID {
        let owner: Target = stack.targets.contains(.nginx) ? .nginx : .compose
        return ArtifactID(environment: stack.environment, target: owner, kind: ArtifactID.nginxSite, name: stack.name)
    }

    /// Every artifact of `targets` (the environment's own when nil — a target asked for by name
    /// is rendered even where the environment does not declare it), in target order, with every
    /// problem found on the way: the pipeline's render stage.
    public static func artifacts(_ stack: ResolvedStack, targets: [Target]?, context: RenderContext)
        -> (artifacts: [Artifact], diagnostics: [Diagnostic]) {
        join((targets ?? stack.targets).sorted().map { artifacts(stack, target: $0, context: context) })
    }

    /// One target's part of `artifacts(_:targets:context:)`, so that the pipeline can render every
    /// (environment, target) pair on its own core: its artifacts, what rendering them reported,
    /// and the problems their writers find.
    public struct TargetPart: Sendable {
        public var artifacts: [Artifact]
        public var diagnostics: [Diagnostic]
        public var problems: [Diagnostic]
    }

    public static func artifacts(_ stack: ResolvedStack, target: Target, context: RenderContext) -> TargetPart {
        var artifacts: [Artifact] = []
        var part = render(stack, target: target, context: context) { artifacts.append($0) }
        part.artifacts = artifacts
        return part
    }

    /// One target's artifacts handed to `body` as they are rendered (see
    /// `TargetRenderer.forEachArtifact`); the part returned holds everything else.
    public static func render(_ stack: ResolvedStack, target: Target, context: RenderContext,
                              _ body: (Artifact) -> Void) -> TargetPart {
        let diagnostics = DiagnosticCollector()
        let context = context.completed(for: stack)
        var problems: [Diagnostic] = []
        func each(_ artifact: Artifact) {
            problems += artifact.problems
            body(artifact)
        }
        renderer(for: target).forEachArtifact(stack, context: context, diagnostics: diagnostics, each)
        if target == .compose, composeSite(stack).target == .compose {
            NginxRenderer().site(stack, owner: .compose, diagnostics: diagnostics).forEach(each)
        }
        return TargetPart(artifacts: [], diagnostics: diagnostics.diagnostics, problems: problems)
    }

    /// The parts of one environment's targets (in target order) joined as `artifacts` returns
    /// them: every renderer's diagnostics first, then the writers' problems.
    public static func join(_ parts: [TargetPart]) -> (artifacts: [Artifact], diagnostics: [Diagnostic]) {
        (parts.flatMap(\.artifacts), parts.flatMap(\.diagnostics) + parts.flatMap(\.problems))
    }
}

extension TargetRenderer {
    /// This target's files for one environment, paths relative to the target's folder
    /// (`api.yaml`), as the flat layout writes them. Throws every problem found.
    public func render(_ stack: ResolvedStack, context: RenderContext = .standard) throws -> [RenderedFile] {
        let context = context.completed(for: stack)
        let diagnostics = DiagnosticCollector()
        let artifacts = self.artifacts(stack, context: context, diagnostics: diagnostics)
        for artifact in artifacts { artifact.problems.forEach(diagnostics.report) }
        try diagnostics.throwIfErrors()
        let prefix = "\(stack.environment)/\(target.rawValue)/"
        return try Layout.flat.files([EnvironmentArtifacts(stack: stack, targets: [target], artifacts: artifacts)])
            .files.map { RenderedFile(path: String($0.path.dropFirst(prefix.count)), contents: $0.contents) }
    }
}
