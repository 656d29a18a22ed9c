import ArgumentParser
import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render deployment files for one or more environments.",
        discussion: """
        Writes OUT/<env>/<target>/... for every environment (default: all the stack declares) and
        every target the environment renders (default: the environment's targets). Output is
        deterministic and atomic: everything is rendered first; files are written only when all
        of it succeeded, and then each OUT/<env>/<target> folder is replaced as a whole.

        Examples:
          shipshape render examples/openlearn --out out
          shipshape render examples/openlearn --env production --target kubernetes --out out
          shipshape render examples/openlearn --target kubernetes --layout kustomize --out out
        """)

    @OptionGroup var options: StackOptions

    @Option(name: .long, help: "Environment to render (repeat for several; default: all the stack declares).")
    var env: [String] = []

    @Option(name: .long, help: "Target to render: kubernetes, compose, nginx, systemd (repeat for several; default: the environment's targets).")
    var target: [Target] = []

    @Option(name: .long, help: "Output folder (default: rendered/ next to the stack file).")
    var out: String?

    @Option(name: .long, help: "Kubernetes layout: flat (OUT/<env>/kubernetes/) or kustomize (OUT/kubernetes/base and overlays/<env>).")
    var layout: Layout = .flat

    @Flag(name: .long, help: "Write nothing: compare the render with the files in the output folder; exit 1 when they drifted.")
    var check = false

    func run() throws {
        let project = try options.load()
        let environments = env.isEmpty ? project.environments : env
        let stackFolder = (project.stackFile as NSString).deletingLastPathComponent
        let folder = out ?? (stackFolder as NSString).appendingPathComponent("rendered")
        let context = RenderContext(stackFolder: Paths.relative(from: "\(folder)/env/target", to: stackFolder.isEmpty ? "." : stackFolder))
        // Environments resolve and render in parallel; results are joined in order.
        let (layout, targets) = (layout, target.isEmpty ? nil : target)
        var output = RenderOutput(layout: layout)
        for part in try Parallel.map(environments, reporting: { environment in
            var part = RenderOutput(layout: layout)
            try part.add(try project.resolve(environment), targets: targets, context: context)
            return part
        }) {
            output.append(part)
        }
        output.finish()
        for missing in output.unavailable {
            Console.err("note: the \(missing.rawValue) target is not rendered by this version; skipped")
        }
        if check {
            let drift = try DriftCheck.compare(output, with: folder)
            Console.out(drift.text)
            if !drift.isClean { throw ExitCode(1) }
            return
        }
        do {
            try OutputWriter.write(output.files, to: folder, owning: output.ownedFolders)
        } catch let failure as OutputWriter.Failure {
            throw DiagnosticError(.error(failure.description, at: nil))
        }
        Console.err("rendered \(output.files.count) file\(output.files.count == 1 ? "" : "s") into \(folder)")
    }
}
