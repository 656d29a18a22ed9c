import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapePipeline
import ShipshapeRender

/// Renders example stacks in memory.
public enum Rendering {
    /// The resolved example for one environment.
    public static func example(_ name: String, _ environment: String) throws -> ResolvedStack {
        try Project.load(Repository.path("examples/\(name)")).resolve(environment)
    }

    /// Every file of every environment of an example, for one target (paths `<env>/<target>/...`).
    public static func files(_ name: String, target: Target? = nil, layout: Layout = .flat) throws -> [RenderedFile] {
        let pipeline = try Pipeline.load(Repository.path("examples/\(name)"), layout: layout)
        return try pipeline.render(pipeline.project.environments, targets: target.map { [$0] }).files
    }

    /// The files of one resolved environment in the flat layout (paths `<env>/<target>/...`).
    public static func files(_ stack: ResolvedStack, targets: [Target]? = nil) throws -> [RenderedFile] {
        let rendered = Renderers.artifacts(stack, targets: targets, context: .standard)
        if !rendered.diagnostics.isEmpty { throw DiagnosticError(rendered.diagnostics) }
        let wanted = targets ?? stack.targets
        let environment = EnvironmentArtifacts(stack: stack, targets: wanted, artifacts: rendered.artifacts)
        return try Layout.flat.files([environment]).files
    }

    /// The files of one environment of a stack given as YAML (flat layout, `<env>/<target>/...`).
    public static func files(yaml: String, environment: String = "production") throws -> [RenderedFile] {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        return try files(Project.load(folder.path).resolve(environment))
    }

    struct NoSuchFile: Error, CustomStringConvertible {
        var suffix: String
        var paths: [String]
        var description: String { "no rendered file ends in \(suffix): \(paths)" }
    }

    /// The contents of the rendered file whose path ends in `suffix`.
    public static func file(_ files: [RenderedFile], _ suffix: String) throws -> String {
        guard let file = files.first(where: { $0.path.hasSuffix(suffix) }) else {
            throw NoSuchFile(suffix: suffix, paths: files.map(\.path))
        }
        return file.contents
    }

    /// The contents of the file whose path ends in `suffix`, of one environment of a stack given as YAML.
    public static func file(_ suffix: String, yaml: String, environment: String = "production") throws -> String {
        try file(files(yaml: yaml, environment: environment), suffix)
    }

    /// The committed output of an example, `examples/<name>/rendered/<environment>/<target>/`,
    /// paths relative to that folder and sorted. Seed-fact tests read these: they are what a
    /// reader of the example sees, and `render --check` proves they are what shipshape renders.
    public static func committed(_ name: String, _ environment: String, _ target: Target) throws -> [RenderedFile] {
        try FolderReader.files(in: Repository.path("examples/\(name)/rendered/\(environment)/\(target.rawValue)"))
    }

    /// Writes files into a fresh temporary folder and returns it.
    public static func write(_ files: [RenderedFile]) throws -> URL {
        let folder = Repository.temporaryFolder()
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }
}
