import ArgumentParser
import Foundation
import ShipshapeLint
import ShipshapeLoader
import ShipshapeModel
import ShipshapePolicy

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check files shipshape did not write against policy: Kubernetes, compose, nginx, systemd.",
        discussion: """
        Reads files and folders (recursively; `-` is standard input), tells each file's kind by its \
        content, and runs the policy rules that apply to it, with the ids and reports of `validate`. \
        Files it does not understand are listed as notes. Exemptions live in the files, each with a \
        reason: a Kubernetes annotation `shipshape.dev/ignore-<rule>: "<reason>"`, a compose service's \
        `x-shipshape-ignore: {<rule>: <reason>}`, or a comment `# shipshape:ignore <rule> <reason>` in \
        nginx and systemd files.

        Examples:
          shipshape lint k8s/
          helm template chart | shipshape lint - --format sarif
          shipshape lint docker-compose.yml nginx/ --fail-on warning
          kustomize build overlays/prod | shipshape lint - --profile production

        Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 bad input.
        """)

    @Argument(help: "Files or folders to lint; - reads standard input.")
    var paths: [String]

    @Option(name: .long, help: "text, json, sarif, junit or github.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "error (default), warning, note or never.")
    var failOn: LintFailOn = .error

    @Option(name: .long, help: "A policy file (`rules:` with severities) that overrides the default severities.")
    var policy: String?

    @Option(name: .long, help: ArgumentHelp(
        "Apply an environment profile's policy: development, staging, production or a profile file.",
        valueName: "name-or-file"))
    var profile: String?

    func run() throws {
        // Rule defaults < the profile's policy < the policy file, as in `validate`.
        var overrides = try profile.map(PolicyFile.profile) ?? PolicySettings()
        for (id, setting) in try policy.map(PolicyFile.load)?.rules ?? [:] { overrides.rules[id] = setting }
        let linter = Linter(overrides: overrides)
        let report = try linter.lint(LintSources.collect(paths))
        let color = format == .text && output == nil && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let text = format == .text
            ? LintTextReporter.render(report, color: color)
            : Reporters.render(report.findings, format: format, rules: linter.describedRules, color: color)
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw DiagnosticError(.error("cannot write \(output): \(error.localizedDescription)", at: nil))
            }
            Console.err(Reporters.summary(report.findings))
        } else {
            Console.out(text)
        }
        if failOn.fails(report.findings) { throw ExitCode(1) }
    }
}

extension LintFailOn: ExpressibleByArgument {}
