import ArgumentParser
import Foundation
import ShipshapeImport
import ShipshapeModel

/// `shipshape import compose|kubernetes`: adopt existing files as a stack.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Turn docker-compose files or Kubernetes manifests into a stack.yaml, "
            + "with a report of what did not carry over.",
        discussion: """
            Writes OUT/stack.yaml and OUT/import-report.txt (default OUT: the current folder) and prints \
            the report: one line per source key that did not carry over, at its file:line:column, with \
            why and what to do, then one line per credential-like value that became a secret reference \
            (the value is never copied). Exit codes: 0 imported, 1 losses with --strict (nothing \
            written), 2 bad input or an existing file without --force.

            Examples:
              shipshape import compose docker-compose.yml --out shop
              shipshape import compose docker-compose.yml docker-compose.override.yml \\
                --env production=docker-compose.prod.yml
              shipshape import kubernetes manifests/ --name shop --environment \\
                  production --out shop
              helm template shop ./chart > all.yaml && shipshape import kubernetes \\
                  all.yaml
            """,
        subcommands: [ImportComposeCommand.self, ImportKubernetesCommand.self]
    )
}

struct ImportOutputOptions: ParsableArguments {
    @Option(name: .long, help: "Folder for stack.yaml and import-report.txt (default: the current folder).")
    var out: String = "."

    @Option(name: .long, help: "Stack name (default: compose's `name`, else the first file's folder).")
    var name: String?

    @Option(
        name: .long,
        help: "The environment the files describe (default: development for compose, production for Kubernetes).")
    var environment: String?

    @Flag(name: .long, help: "Exit 1 and write nothing when anything did not carry over.")
    var strict = false

    @Flag(name: .long, help: "Replace an existing stack.yaml and import-report.txt.")
    var force = false

    func finish(_ result: ImportResult, sources: [String]) throws {
        Console.err(result.report)
        if strict, !result.losses.isEmpty {
            Console.err(
                "--strict: \(result.losses.count) source key\(result.losses.count == 1 ? "" : "s") "
                    + "did not carry over; nothing written"
            )
            throw ExitCode(1)
        }
        try StackWriter.write(result, sources: sources, to: out, force: force)
        Console.err(
            "imported \(result.stackName) into \((out as NSString).appendingPathComponent(StackWriter.stackFile))")
    }
}

struct ImportComposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose",
        abstract: "Import compose files: the base (merged in order, as compose does) plus environment overrides.")

    @Argument(help: "Compose files, base first then overrides, merged as `docker compose -f A -f B` does.")
    var files: [String]

    @Option(
        name: .long,
        help: "NAME=FILE: an environment whose files are the base plus FILE (repeat for more files or environments).")
    var env: [String] = []

    @OptionGroup var output: ImportOutputOptions

    func run() throws {
        var environments: [(name: String, files: [InputFile])] = []
        for entry in env {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--env takes NAME=FILE, got '\(entry)'")
            }
            let file = try InputFile.read(parts[1])
            if let index = environments.firstIndex(where: { $0.name == parts[0] }) {
                environments[index].files.append(file)
            } else {
                environments.append((parts[0], [file]))
            }
        }
        let options = ImportOptions(
            name: output.name, environment: output.environment ?? "development", outFolder: output.out)
        let result = try ComposeImporter.run(
            base: try files.map(InputFile.read), environments: environments, options: options)
        try output.finish(result, sources: files + environments.flatMap { $0.files.map(\.path) })
    }
}

struct ImportKubernetesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubernetes",
        abstract:
            "Import Kubernetes manifests: files or folders, multi-document YAML, "
            + "`helm template` or `kustomize build` output."
    )

    @Argument(help: "Manifest files or folders (*.yaml, *.yml, read recursively).")
    var paths: [String]

    @OptionGroup var output: ImportOutputOptions

    func run() throws {
        let options = ImportOptions(
            name: output.name, environment: output.environment ?? "production", outFolder: output.out)
        let files = try KubernetesImporter.files(paths)
        let result = try KubernetesImporter.run(files, options: options)
        try output.finish(result, sources: paths)
    }
}
