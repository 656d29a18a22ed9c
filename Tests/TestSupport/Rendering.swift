import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender

/// Renders example stacks in memory.
public enum Rendering {
    /// The resolved example for one environment.
    public static func example(_ name: String, _ environment: String) throws -> ResolvedStack {
        try Project.load(Repository.path("examples/\(name)")).resolve(environment)
    }

    /// Every file of every environment of an example, for one target (paths `<env>/<target>/...`).
    public static func files(_ name: String, target: Target? = nil, layout: Layout = .flat) throws -> [RenderedFile] {
        let project = try Project.load(Repository.path("examples/\(name)"))
        var output = RenderOutput(layout: layout)
        for environment in project.environments {
            let stack = try project.resolve(environment)
            try output.add(stack, targets: target.map { [$0] })
        }
        output.finish()
        return output.files
    }

    /// Writes files into a fresh temporary folder and returns it.
    public static func write(_ files: [RenderedFile]) throws -> URL {
        let folder = Repository.temporaryFolder()
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }
}
