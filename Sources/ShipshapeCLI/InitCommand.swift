import ArgumentParser
import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapePipeline
import ShipshapePolicy

/// `shipshape init`: writes a stack that validates clean in every environment and renders,
/// from a few flags: services from the blueprints, a proxy, environments.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a stack: write a stack.yaml that validates clean and renders.",
        discussion: """
        Services come from the blueprints (templates/ or the built-in ones: postgres, redis, \
        fastapi, nextjs, ...). Application blueprints (those without an image) get the image \
        <stack>/<service>:${values.tag}, two replicas, requests and limits, and depend on every \
        data service; data services run one replica with a stated policy exemption. With \
        --proxy, the first application service with an http port is routed at / over TLS \
        (plain HTTP in development).

        Examples:
          shipshape init --name shop --service api=fastapi --service db=postgres \\
              --proxy shop.example.com
          shipshape init --name jobs --service worker=celery-worker --service redis=redis \
            --environments development,production
        """)

    @Option(name: .long, help: "The stack name (a DNS label; default: the output folder's name).")
    var name: String?

    @Option(name: .long, help: "NAME=BLUEPRINT (repeatable; default: api=fastapi and db=postgres).")
    var service: [String] = []

    @Option(name: .long, help: "A public host name: adds an nginx proxy / Ingress routing / to the first web service.")
    var proxy: String?

    @Option(name: .long, help: "Comma-separated environments (default: development,staging,production).")
    var environments: String = "development,staging,production"

    @Option(name: .long, help: "The file to write (default: stack.yaml; a folder gets stack.yaml inside).")
    var output: String = "stack.yaml"

    @Flag(name: .long, help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        var file = output
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            file = (file as NSString).appendingPathComponent("stack.yaml")
        }
        if FileManager.default.fileExists(atPath: file), !force {
            throw DiagnosticError(.error("\(file) exists", at: nil, expected: "a new file",
                                         hint: "pass --force to overwrite it"))
        }
        let folder = (file as NSString).deletingLastPathComponent
        let stackName = try Self.stackName(name ?? Self.folderName(folder.isEmpty ? "." : folder))
        let services = try (service.isEmpty ? ["api=fastapi", "db=postgres"] : service).map(Self.parseService)
        let envs = environments.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !envs.isEmpty else {
            throw DiagnosticError(.error("--environments names no environment", at: nil,
                                         expected: "e.g. development,staging,production"))
        }
        let text = try Self.stack(name: stackName, services: services, proxy: proxy, environments: envs)
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try text.write(toFile: file, atomically: true, encoding: .utf8)

        // The promise: what init writes resolves, renders and passes the policy gate.
        let pipeline = try Pipeline.load(file)
        let findings = try pipeline.validate(pipeline.environments([]), engine: PolicyEngine())
        let errors = findings.filter { $0.severity == .error && $0.suppression == nil }
        Console.err("wrote \(file): stack '\(stackName)', \(services.count) services, "
                    + "environments \(envs.joined(separator: ", "))")
        if !errors.isEmpty {
            Console.err(Reporters.render(errors, format: .text, color: false))
            throw ExitCode(1)
        }
        Console.err("next: shipshape validate \(file) && shipshape render \(file)")
    }

    // MARK: the stack

    struct ServiceChoice {
        var name: String
        var blueprint: String
    }

    /// What init needs to know about a blueprint, read from its YAML text.
    struct BlueprintFacts {
        /// The blueprint sets an image (a data service: postgres, redis, ...).
        var hasImage: Bool
        /// It has a port named `http`.
        var servesHTTP: Bool
        /// It has a persistent volume.
        var stateful: Bool
    }

    static func blueprints() -> [String: BlueprintFacts] {
        var result: [String: BlueprintFacts] = [:]
        for (path, text) in BuiltinFiles.templates {
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            result[name] = BlueprintFacts(hasImage: text.contains("\n  image:"),
                                          servesHTTP: text.contains("{name: http,"),
                                          stateful: text.contains(", size: "))
        }
        return result
    }

    static func parseService(_ text: String) throws -> ServiceChoice {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw DiagnosticError(.error("--service '\(text)' is not NAME=BLUEPRINT", at: nil,
                                         expected: "e.g. --service api=fastapi"))
        }
        let known = blueprints()
        guard known[parts[1]] != nil else {
            throw DiagnosticError(.error("unknown blueprint '\(parts[1])' in --service \(text)", at: nil,
                                         expected: "one of " + known.keys.sorted().joined(separator: ", "),
                                         hint: Suggestions.hint(for: parts[1], in: known.keys.sorted())))
        }
        guard Names.isServiceName(parts[0]) else {
            throw DiagnosticError(.error("service name '\(parts[0])' is not a DNS label", at: nil,
                                         expected: "lowercase letters, digits and '-', starting with a letter"))
        }
        return ServiceChoice(name: parts[0], blueprint: parts[1])
    }

    static func folderName(_ folder: String) -> String {
        URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
    }

    static func stackName(_ raw: String) throws -> String {
        let lowered = raw.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let name = String(lowered).split(separator: "-").joined(separator: "-")
        guard Names.isDNSLabel(name) else {
            throw DiagnosticError(.error("'\(raw)' cannot be a stack name", at: nil,
                                         expected: "a DNS label (pass --name)"))
        }
        return name
    }

    /// The text of stack.yaml.
    static func stack(name: String, services: [ServiceChoice], proxy: String?,
                      environments: [String]) throws -> String {
        let facts = blueprints()
        var seen: Set<String> = []
        for choice in services where !seen.insert(choice.name).inserted {
            throw DiagnosticError(.error("service '\(choice.name)' is given twice", at: nil,
                                         expected: "each name once"))
        }
        let data = services.filter { facts[$0.blueprint]?.hasImage == true }
        let apps = services.filter { facts[$0.blueprint]?.hasImage != true }
        let web = (apps + data).first { facts[$0.blueprint]?.servesHTTP == true }
        if proxy != nil, web == nil {
            throw DiagnosticError(.error("--proxy needs a service with an http port", at: nil,
                                         expected: "e.g. --service api=fastapi"))
        }
        let secretName = "\(name)-secrets"
        var secretKeys: [String] = []
        var lines = [
            "# yaml-language-server: $schema=.shipshape/stack.schema.json",
            "# Written by `shipshape init`; see docs/SPEC.md. Save the schema with:",
            "#   mkdir -p .shipshape && shipshape schema > .shipshape/stack.schema.json",
            "stack: \(name)",
            "values: {tag: 0.1.0}",
            "services:",
        ]
        let hasPostgres = data.contains { $0.blueprint == "postgres" }
        for choice in apps {
            lines += ["  \(choice.name):", "    from: \(choice.blueprint)",
                      "    image: \(name)/\(choice.name):${values.tag}"]
            if hasPostgres {
                lines.append("    secrets: {DATABASE_URL: \(secretName)/database-url}")
                if !secretKeys.contains("database-url") { secretKeys.append("database-url") }
            }
            if !data.isEmpty { lines.append("    dependsOn: [\(data.map(\.name).joined(separator: ", "))]") }
            lines += ["    replicas: 2",
                      "    resources:",
                      "      requests: {cpu: 250m, memory: 256Mi}",
                      "      limits: {cpu: \"1\", memory: 512Mi}"]
        }
        for choice in data {
            lines += ["  \(choice.name):", "    from: \(choice.blueprint)"]
            let credentials = Self.credentials[choice.blueprint] ?? []
            if !credentials.isEmpty {
                let refs = credentials.map { "\($0.variable): \(secretName)/\(choice.name)-\($0.key)" }
                lines.append("    secrets: {\(refs.joined(separator: ", "))}")
                secretKeys += credentials.map { "\(choice.name)-\($0.key)" }
            }
            lines += ["    resources:",
                      "      requests: {cpu: 250m, memory: 256Mi}",
                      "      limits: {cpu: \"1\", memory: 1Gi}",
                      "    ignore:",
                      "      - rule: replicas-minimum",
                      "        reason: One instance with its own data; replicate it with an operator."]
        }
        if let proxy, let web {
            lines += ["proxy:",
                      "  hosts: [\(proxy)]",
                      "  tls: {certificate: /etc/ssl/\(name).pem, key: /etc/ssl/\(name).key}",
                      "  bodySize: 10m",
                      "  routes: [{path: /, service: \(web.name)}]"]
        }
        if !secretKeys.isEmpty {
            lines += ["secrets:", "  \(secretName): {keys: [\(secretKeys.joined(separator: ", "))]}"]
        }
        lines.append("environments:")
        for environment in environments {
            var overlay: [String] = []
            if environment == "development" {
                let single = apps.map { "\($0.name): {replicas: 1}" }
                if !single.isEmpty { overlay.append("services: {\(single.joined(separator: ", "))}") }
                if proxy != nil { overlay.append("proxy: {tls: null}") }
            }
            lines.append("  \(environment): {\(overlay.joined(separator: ", "))}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Credentials the data blueprints need from a secret (never a default password).
    static let credentials: [String: [(variable: String, key: String)]] = [
        "postgres": [("POSTGRES_PASSWORD", "password")],
        "grafana": [("GF_SECURITY_ADMIN_PASSWORD", "admin-password")],
        "minio": [("MINIO_ROOT_USER", "root-user"), ("MINIO_ROOT_PASSWORD", "root-password")],
    ]
}
