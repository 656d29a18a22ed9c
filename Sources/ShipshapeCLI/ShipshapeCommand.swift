import ArgumentParser
import Foundation
import ShipshapeModel
import ShipshapePipeline

/// The `shipshape` command: parses flags, calls the library, prints. Exit codes: 0 success,
/// 1 findings (policy errors, drift), 2 bad input or usage.
public struct ShipshapeCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "shipshape",
        abstract: "Render deployment files (Kubernetes, docker-compose, nginx, systemd) for every environment "
            + "from one typed stack spec.",
        discussion: """
        Examples:
          shipshape resolve examples/openlearn --env production
          shipshape resolve examples/openlearn --env production --explain
          shipshape render examples/openlearn --out out
          shipshape render examples/openlearn --env production --target kubernetes \\
              --out out
          shipshape render examples/openlearn --check
          shipshape diff examples/openlearn staging production
          shipshape validate examples/openlearn --env production
          shipshape explain liveness-probe

        Exit codes: 0 success, 1 findings (policy errors, drift), 2 bad input or usage.
        """,
        version: version,
        subcommands: [ResolveCommand.self, RenderCommand.self, ValidateCommand.self, DiffCommand.self,
                      RulesCommand.self, ExplainCommand.self, SchemaCommand.self, ImportCommand.self,
                      InitCommand.self, GraphCommand.self, LintCommand.self]
    )

    public init() {}

    /// Runs the command line and exits with shipshape's exit codes.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            // What a command builds lives until exit; the system frees it all at once.
            KeptUntilExit.enable()
            try command.run()
            Foundation.exit(0)
        } catch let error as DiagnosticError {
            Console.report(error.diagnostics)
            Foundation.exit(2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                self.exit(withError: error)  // --help, --version
            }
            let message = fullMessage(for: error)
            let line = message.hasPrefix("Error:") || message.hasPrefix("error:") ? message : "error: " + message
            FileHandle.standardError.write(Data(line.utf8 + [10]))
            Foundation.exit(2)
        }
    }
}
