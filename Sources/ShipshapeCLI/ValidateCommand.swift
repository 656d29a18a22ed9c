import ArgumentParser
import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapePipeline
import ShipshapeRender
import ShipshapePolicy

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a stack against policy: the pre-deploy gate.",
        discussion: """
        Runs the policy rules for each environment (default: all the stack declares) with the \
        severities and thresholds of the environment profile, adjusted by the stack's `policy:` \
        and by --policy FILE. Exemptions (`ignore:` with a reason) are listed, not counted.

        Examples:
          shipshape validate examples/openlearn --env production
          shipshape validate examples/openlearn --format sarif --output \\
              shipshape.sarif
          shipshape validate --format github --fail-on warning

        Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 bad input.
        """)

    @OptionGroup var options: StackOptions

    @Option(name: .long, help: "Environment to check (repeat for several; default: all the stack declares).")
    var env: [String] = []

    @Option(name: .long, help: "text, json, sarif, junit or github.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "error (default), warning or never.")
    var failOn: FailOn = .error

    @Option(name: .long, help: "Kubernetes layout the findings name files of: flat or kustomize (as render --layout).")
    var layout: Layout = .flat

    @Option(
        name: .long,
        help: "An organisation-wide policy file (`rules:` with severities and thresholds) that overrides the stack's.")
    var policy: String?

    func run() throws {
        let pipeline = try options.pipeline(layout: layout)
        let engine = PolicyEngine(overrides: try policy.map(PolicyFile.load) ?? PolicySettings())
        let findings = try pipeline.validate(pipeline.environments(env), engine: engine)
        KeptUntilExit.keep((pipeline, findings))
        let color = format == .text && output == nil && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let report = Reporters.render(findings, format: format, color: color)
        if let output {
            do {
                try report.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw DiagnosticError(.error("cannot write \(output): \(error.localizedDescription)", at: nil))
            }
            Console.err(Reporters.summary(findings))
        } else {
            Console.out(report)
        }
        if failOn.fails(findings) { throw ExitCode(1) }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the policy rules.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Option(name: .long, help: "text (a table) or markdown (docs/POLICY.md's rule reference).")
    var format: Format = .text

    func run() throws {
        Console.out(format == .text ? RuleDocs.table : RuleDocs.markdown)
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain a policy rule: why, how to fix, equivalents, examples.")

    @Argument(help: "A rule id, e.g. liveness-probe.")
    var rule: String

    func run() throws {
        guard let found = Rules.rule(rule) else {
            let ids = Rules.all.map(\.description.id)
            throw DiagnosticError(.error("unknown rule '\(rule)'", at: nil,
                                         expected: "a rule id listed by 'shipshape rules'",
                                         hint: Suggestions.hint(for: rule, in: ids)))
        }
        Console.out(RuleDocs.explain(found.description))
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension FailOn: ExpressibleByArgument {}
