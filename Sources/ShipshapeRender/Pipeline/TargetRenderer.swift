import ShipshapeModel

/// Renders one target for one resolved environment: a pure function from the resolved stack to
/// files (paths relative to `<env>/<target>/`). No I/O.
public protocol TargetRenderer: Sendable {
    var target: Target { get }
    func render(_ stack: ResolvedStack) throws -> [RenderedFile]
}

/// The renderers shipshape has, by target.
public enum Renderers {
    public static let all: [any TargetRenderer] = [KubernetesRenderer()]

    public static func renderer(for target: Target) -> (any TargetRenderer)? {
        all.first { $0.target == target }
    }
}

/// What one `render` run produces: every file under `<env>/<target>/`, and the folders it owns.
public struct RenderOutput: Sendable {
    public var files: [RenderedFile] = []
    public var ownedFolders: [String] = []
    /// Targets asked for that have no renderer yet.
    public var unavailable: [Target] = []

    public init() {}

    /// Renders `targets` (or the stack's own) of one resolved environment and adds the files.
    public mutating func add(_ stack: ResolvedStack, targets: [Target]?, renderers: [any TargetRenderer] = Renderers.all) throws {
        let wanted = (targets ?? stack.targets).filter { stack.targets.contains($0) || targets != nil }
        for target in wanted.sorted() {
            guard let renderer = renderers.first(where: { $0.target == target }) else {
                if !unavailable.contains(target) { unavailable.append(target) }
                continue
            }
            let folder = "\(stack.environment)/\(target.rawValue)"
            ownedFolders.append(folder)
            for file in try renderer.render(stack).sorted(by: { $0.path < $1.path }) {
                try OutputWriter.checkPath(file.path)
                files.append(RenderedFile(path: "\(folder)/\(file.path)", contents: file.contents))
            }
        }
    }
}
