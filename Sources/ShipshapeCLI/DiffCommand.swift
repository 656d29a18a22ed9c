import ArgumentParser
import Foundation
import ShipshapeDiff
import ShipshapeLoader
import ShipshapeModel
import ShipshapePipeline
import ShipshapeRender

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how two environments (or two folders of rendered files) differ, "
            + "object by object and field by field.",
        discussion: """
        Compares rendered artifacts semantically: Kubernetes objects by kind and name (a namespace \
        that differs by environment is a field change, not a remove + add), compose services by \
        name, nginx servers and locations by name and path, systemd units by name, section and \
        key. Lists of named items are matched by name, so reordering them is no change. \
        Secret-looking values are redacted.

        Examples:
          shipshape diff examples/openlearn staging production
          shipshape diff examples/openlearn staging production --target kubernetes \\
              --format markdown
          shipshape diff examples/openlearn staging production --unexpected-only \\
              --exit-code
          shipshape diff --files old-rendered/production new-rendered/production

        Exit codes: 0 (with --exit-code: no differences), 1 differences with --exit-code, 2 bad input.
        """)

    @Argument(help: "[STACK] ENV_A ENV_B, or with --files: DIR_A DIR_B.")
    var arguments: [String] = []

    @Flag(name: .long, help: "Compare two folders of rendered files instead of two environments.")
    var files = false

    @Option(name: .long, help: "Only this target (repeat for several).")
    var target: [Target] = []

    @Option(name: .long, help: "text, json or markdown.")
    var format: DiffFormatter.Format = .text

    @Flag(name: .long, help: "Exit 1 when there are differences.")
    var exitCode = false

    @Flag(name: .long, help: "Hide the differences the stack declares in expectedDifferences.")
    var unexpectedOnly = false

    @Option(name: .customLong("environments"), help: "Folder of environment profiles.")
    var environmentsFolder: String?

    @Option(name: .customLong("templates"), help: "Folder of blueprints.")
    var templatesFolder: String?

    func validate() throws {
        if files {
            guard arguments.count == 2 else { throw ValidationError("--files takes two folders: DIR_A DIR_B") }
            if unexpectedOnly { throw ValidationError("--unexpected-only needs a stack; it does not apply to --files") }
        } else if !(2...3).contains(arguments.count) {
            throw ValidationError("expected [STACK] ENV_A ENV_B")
        }
    }

    func run() throws {
        let report: DiffReport
        let (a, b): (String, String)
        if files {
            (a, b) = (arguments[0], arguments[1])
            report = Differ.diff(filter(try ArtifactReader.artifacts(inFolder: a)),
                                 filter(try ArtifactReader.artifacts(inFolder: b)))
        } else {
            let stackPath = arguments.count == 3 ? arguments[0] : "stack.yaml"
            (a, b) = (arguments[arguments.count - 2], arguments[arguments.count - 1])
            let pipeline = try Pipeline.load(stackPath, environmentsFolder: environmentsFolder,
                                             templatesFolder: templatesFolder)
            report = try pipeline.diff(a, b, targets: target, unexpectedOnly: unexpectedOnly)
            KeptUntilExit.keep(pipeline)
        }
        KeptUntilExit.keep(report)
        let color = format == .text && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        Console.out(DiffFormatter.format(report, as: format, from: a, to: b, color: color))
        if exitCode, !report.isEmpty { throw ExitCode(1) }
    }

    func filter(_ artifacts: [ShipshapeDiff.Artifact]) -> [ShipshapeDiff.Artifact] {
        target.isEmpty ? artifacts : artifacts.filter { a in target.contains { $0.rawValue == a.target } }
    }
}

extension DiffFormatter.Format: ExpressibleByArgument {}
