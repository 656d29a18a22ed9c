import Foundation
import ShipshapeDiff
import ShipshapeLoader
import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

/// The one path from spec files to deployment files. Every command (`render`, `render --check`,
/// `validate`, `diff`), the fuzz target and the tests take it:
///
/// ```
/// stack.yaml, profiles, blueprints ─load─▶ Project (located trees, shapes checked)
///   ─resolve(env)─▶ ResolvedStack           one per environment, on every core
///   ─render(targets)─▶ [Artifact]           typed and identified (target, kind, name, env);
///                                            every problem of every environment collected
///   ─Layout (flat | kustomize)─▶ files      the only place output paths are spelled
///   ─OutputWriter─▶ OUT/                    all or nothing
/// ```
///
/// Nothing is written unless every environment resolved and rendered without an error, and
/// then every error is reported at once (`file:line:column`). `validate` takes the same path
/// through the artifacts of every target an environment declares, so it reports every error
/// `render` would, then runs the policy rules over the resolved stack and its artifacts (with
/// the layout's file names); `diff` compares two environments' artifacts, rendering and comparing
/// one target at a time (`Pipeline+Diff.swift`); `check` compares the laid-out files with a folder
/// on disk.
public struct Pipeline: Sendable {
    public let project: Project
    public var layout: Layout
    /// Where the files go (default: `rendered/` beside the stack).
    public let outputFolder: String

    public init(project: Project, layout: Layout = .flat, outputFolder: String? = nil) {
        self.project = project
        self.layout = layout
        let stackFolder = (project.stackFile as NSString).deletingLastPathComponent
        self.outputFolder = outputFolder ?? (stackFolder as NSString).appendingPathComponent("rendered")
    }

    /// Loads the stack at `path` (a file, or a folder holding `stack.yaml`) with its profiles
    /// and blueprints.
    public static func load(_ path: String, environmentsFolder: String? = nil, templatesFolder: String? = nil,
                            layout: Layout = .flat, outputFolder: String? = nil) throws -> Pipeline {
        let project = try Project.load(path, environmentsFolder: environmentsFolder, templatesFolder: templatesFolder)
        return Pipeline(project: project, layout: layout, outputFolder: outputFolder)
    }

    /// The environments to work on: those named, else all the stack declares.
    public func environments(_ named: [String]) -> [String] {
        named.isEmpty ? project.environments : named
    }

    /// What a renderer needs to know about where the files go (`bodies`: see
    /// `RenderContext.bodies`).
    func context(_ stack: ResolvedStack, bodies: Bool = true) -> RenderContext {
        let stackFolder = (project.stackFile as NSString).deletingLastPathComponent
        let targetFolder = "\(outputFolder)/\(Layout.folder(stack.environment, .compose))"
        let folder = stackFolder.isEmpty ? "." : stackFolder
        return RenderContext(stackFolder: Self.relative(from: targetFolder, to: folder),
                             nginxSite: layout.nginxSite(for: stack), bodies: bodies)
    }

    // MARK: stages

    /// One environment, resolved and rendered.
    public struct Environment: Sendable {
        public var stack: ResolvedStack
        public var artifacts: EnvironmentArtifacts
    }

    /// Resolves and renders the environments on every core. `targets`: only these among each
    /// environment's own (nil: all of them); with `named`, the environments were named by the
    /// user, and a target asked for is rendered even where the environment does not declare it.
    /// Throws every error of every environment. Without `bodies`, the artifacts are built as
    /// `RenderContext.bodies` says, for `validate`: they cannot be printed.
    public func build(_ environments: [String], targets: [Target]? = nil, named: Bool = false,
                      bodies: Bool = true) throws -> [Environment] {
        // Two flat maps rather than nested ones (libdispatch runs a map inside a map on one
        // thread): the environments resolve on every core, then every (environment, target)
        // pair renders on every core. Results are joined in order, so output is unchanged.
        let resolved = Parallel.map(environments) { name in Result { try project.resolve(name) } }
        let stacks = resolved.map { try? $0.get() }
        let wanted = stacks.map { stack in
            guard let stack else { return [Target]() }
            return named ? (targets ?? stack.targets).sorted() : stack.targets.filter { targets?.contains($0) ?? true }
        }
        let pairs = stacks.indices.flatMap { index in wanted[index].sorted().map { (index, $0) } }
        let parts = Parallel.map(pairs) { index, target in
            Renderers.artifacts(stacks[index]!, target: target, context: context(stacks[index]!, bodies: bodies))
        }
        // Every environment's errors, in order: those of resolving, else those of rendering.
        return try Parallel.map(Array(resolved.indices), reporting: { index in
            let stack = try resolved[index].get()
            let first = pairs.firstIndex { $0.0 == index } ?? pairs.count
            let rendered = Renderers.join(Array(parts[first..<(first + wanted[index].count)]))
            let problems = DiagnosticCollector()
            rendered.diagnostics.forEach(problems.report)
            try problems.throwIfErrors()
            return Environment(stack: stack, artifacts: EnvironmentArtifacts(stack: stack, targets: wanted[index],
                                                                             artifacts: rendered.artifacts))
        })
    }

    /// The files of the environments in this pipeline's layout (`named`: as in `build`).
    public func render(_ environments: [String], targets: [Target]? = nil, named: Bool = false) throws -> LaidOut {
        let built = try build(environments, targets: targets, named: named)
        KeptUntilExit.keep(built)
        return try layout.files(built.map(\.artifacts))
    }

    /// Writes laid-out files into the output folder, replacing the folders they own (`prune`:
    /// deleting files there that no render wrote).
    public func write(_ files: LaidOut, prune: Bool = false) throws {
        do {
            try OutputWriter.write(files.files, to: outputFolder, owning: files.ownedFolders, prune: prune)
        } catch let failure as OutputWriter.Failure {
            throw DiagnosticError(.error(failure.description, at: nil))
        }
    }

    /// What differs between laid-out files and the output folder (`render --check`).
    public func check(_ files: LaidOut) throws -> DriftCheck {
        try DriftCheck.compare(files, with: outputFolder)
    }

    /// Every finding of the policy over the environments, each pointing at the file this
    /// pipeline's layout writes.
    public func validate(_ environments: [String], engine: PolicyEngine) throws -> [Finding] {
        // The rules need the paths of the artifacts they name only: the flat layout spells them
        // on demand, from who each artifact is, so the bodies are not built (the kustomize
        // layout's paths come from its printing).
        let built = try build(environments, bodies: layout != .flat)
        let files = layout == .flat ? nil : try layout.files(built.map(\.artifacts))
        KeptUntilExit.keep((built, files))
        return try Parallel.map(built, reporting: { environment in
            let index = try files?.index(environment.artifacts) ?? Layout.flatIndex(environment.artifacts)
            return try engine.validate(environment.stack, artifacts: index)
        }).flatMap { $0 }
    }

    /// The relative path that leads from folder `from` to folder `to` (both relative to the
    /// working folder or absolute), e.g. from `out/production/compose` to `examples/x` is
    /// `../../../examples/x`.
    static func relative(from: String, to: String) -> String {
        func components(_ path: String) -> [String] {
            URL(fileURLWithPath: path).standardizedFileURL.path.split(separator: "/").map(String.init)
        }
        let a = components(from), b = components(to)
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: a.count - common) + b[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
