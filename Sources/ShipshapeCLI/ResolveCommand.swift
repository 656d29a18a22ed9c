import ArgumentParser
import ShipshapeLoader
import ShipshapeRender

struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Print the fully resolved stack for one environment.",
        discussion: """
        Every layer applied (built-in defaults < blueprint < environment profile < stack base < \
        stack overlay) and every variable substituted. With --explain, each value shows the layer \
        and file:line:column that set it.

        Example: shipshape resolve examples/openlearn --env production --explain
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json
    }

    @OptionGroup var options: StackOptions

    @Option(name: .long, help: "The environment to resolve.")
    var env: String

    @Option(name: .long, help: "Output format: yaml or json.")
    var format: Format = .yaml

    @Flag(name: .long, help: "Show beside each value the layer and file:line:column that set it (YAML only).")
    var explain = false

    func validate() throws {
        if explain, format == .json {
            throw ValidationError("--explain works with --format yaml only")
        }
    }

    func run() throws {
        let stack = try options.load().resolve(env)
        let document = ResolvedDocument(stack, explain: explain).node
        Console.out(format == .yaml ? YAMLEmitter.emit(document) : JSONEmitter.emit(document))
    }
}
