import ArgumentParser
import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapePipeline
import ShipshapeRender

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render deployment files for one or more environments.",
        discussion: """
        Writes OUT/<env>/<target>/... for every environment (default: all the stack declares) and \
        every target the environment renders (default: the environment's targets). Output is \
        deterministic and atomic: everything is rendered first; files are written only when all \
        of it succeeded, and then each OUT/<env>/<target> folder is replaced as a whole.

        Examples:
          shipshape render examples/openlearn --out out
          shipshape render examples/openlearn --env production --target kubernetes \\
              --out out
          shipshape render examples/openlearn --target kubernetes --layout \\
              kustomize --out out
        """)

    @OptionGroup var options: StackOptions

    @Option(name: .long, help: "Environment to render (repeat for several; default: all the stack declares).")
    var env: [String] = []

    @Option(name: .long, help: """
        Target to render (repeat for several; default: the \
        environment's targets; with --env, rendered even where the environment does not declare it).
        """)
    var target: [Target] = []

    @Option(name: .long, help: "Output folder (default: rendered/ next to the stack file).")
    var out: String?

    @Option(
        name: .long,
        help: "Kubernetes layout: flat (OUT/<env>/kubernetes/) or kustomize (OUT/kubernetes/base and overlays/<env>).")
    var layout: Layout = .flat

    @Flag(name: .long,
          help: "Write nothing: compare the render with the files in the output folder; exit 1 when they drifted.")
    var check = false

    @Flag(name: .long,
          help: "Delete files in the rendered folders that no render wrote (render refuses otherwise, naming them).")
    var prune = false

    func run() throws {
        let pipeline = try options.pipeline(layout: layout, outputFolder: out)
        let files = try pipeline.render(pipeline.environments(env), targets: target.isEmpty ? nil : target,
                                        named: !env.isEmpty)
        KeptUntilExit.keep((pipeline, files))
        if check {
            let drift = try pipeline.check(files)
            Console.out(drift.text)
            if !drift.isClean { throw ExitCode(1) }
            return
        }
        try pipeline.write(files, prune: prune)
        let count = files.files.count
        Console.err("rendered \(count) file\(count == 1 ? "" : "s") into \(pipeline.outputFolder)")
    }
}
