import Foundation
import ShipshapeModel
import ShipshapeRender

/// How to import.
public struct ImportOptions: Sendable {
    /// Stack name (default: compose's `name:`, else the first file's folder).
    public var name: String?
    /// The environment the base files describe (default `development`).
    public var environment: String
    /// Where stack.yaml goes: relative paths (bind mounts, secret files) are made relative to it.
    public var outFolder: String

    public init(name: String? = nil, environment: String = "development", outFolder: String) {
        self.name = name
        self.environment = environment
        self.outFolder = URL(fileURLWithPath: outFolder).standardizedFileURL.path
    }
}

/// `shipshape import compose`: compose files (base plus overrides, merged in compose's order)
/// and per-environment override files -> a stack with `environments.<env>` overlays.
public enum ComposeImporter {
    /// Imports `base` (merged in order) for `options.environment`, and each of `environments`
    /// (name, override files merged over the base) as an overlay.
    public static func run(
        base: [InputFile], environments: [(name: String, files: [InputFile])] = [],
        options: ImportOptions
    ) throws -> ImportResult {
        guard !base.isEmpty else {
            throw DiagnosticError(.error("no compose file given", at: nil, expected: "one or more compose files"))
        }
        let baseRoot = try merged(base)
        let log = ImportLog()
        let name = stackName(baseRoot, base: base, options: options)
        var context = ComposeContext(stack: name, options: options, log: log)
        for file in base + environments.flatMap(\.files) { context.folders[file.path] = file.folder }
        let baseStack = context.stack(baseRoot)
        var overlays: [(key: String, value: DocNode)] = [(options.environment, .map([]))]
        for (env, files) in environments {
            guard Names.isDNSLabel(env) else {
                throw DiagnosticError(
                    .error("'\(env)' is not an environment name", at: nil, expected: Names.dnsLabelForm))
            }
            let root = try merged(base + files)
            var envContext = ComposeContext(stack: name, options: options, log: log)
            envContext.folders = context.folders
            envContext.interpolation = context.interpolation
            let envStack = envContext.stack(root)
            context.interpolation = envContext.interpolation
            let overlay = Overlay.diff(baseStack, envStack, log: log, at: files.first.map { .start(of: $0.path) })
            overlays.removeAll { $0.key == env }
            overlays.append((env, overlay))
        }
        var stack = baseStack.members
        if let values = context.values() { stack.insert(("values", values), at: 1) }
        stack.append(("environments", .map(overlays)))
        return ImportResult(stackName: name, stack: .map(stack), losses: log.losses, secrets: log.secrets)
    }

    /// The files read and merged (each normalized first).
    static func merged(_ files: [InputFile]) throws -> SourceNode {
        var result: SourceNode?
        for file in files {
            let documents = try SourceNode.documents(file.text, file: file.path)
            guard let root = documents.first, documents.count == 1, root.members != nil else {
                throw DiagnosticError(
                    .error(
                        "\(file.path) is not a compose file", at: documents.first?.location ?? .start(of: file.path),
                        expected: "one YAML document: a mapping with 'services'"))
            }
            guard let services = root["services"] else {
                if root["kind"] != nil, root["apiVersion"] != nil {
                    throw DiagnosticError(
                        .error(
                            "\(file.path) is a Kubernetes manifest", at: root.location,
                            expected: "a compose file; use `shipshape import kubernetes`"))
                }
                throw DiagnosticError(
                    .error(
                        "\(file.path) has no 'services'", at: root.location,
                        expected: "a compose file: a mapping with 'services'"))
            }
            guard services.members != nil || services.isNull else {
                throw DiagnosticError(
                    .error(
                        "'services' is not a mapping", at: services.location,
                        expected: "services by name"))
            }
            for (name, service) in services.members ?? [] where service.members == nil && !service.isNull {
                throw DiagnosticError(
                    .error(
                        "service '\(name)' is not a mapping", at: service.location,
                        expected: "the service's settings (image, ports, ...)"))
            }
            let normalized = ComposeMerge.normalizeFile(root)
            result = result.map { ComposeMerge.merge($0, normalized) } ?? normalized
        }
        return result!
    }

    static func stackName(_ root: SourceNode, base: [InputFile], options: ImportOptions) -> String {
        if let name = options.name { return Naming.label(name) }
        if var name = root["name"]?.text.map(Interpolation.resolved), !name.isEmpty {
            if name.hasSuffix("-\(options.environment)") { name.removeLast(options.environment.count + 1) }
            return Naming.label(name)
        }
        let folder = URL(fileURLWithPath: base[0].folder).lastPathComponent
        return Naming.label(folder)
    }
}

/// Differences between the base stack and one environment's, as an overlay.
enum Overlay {
    static func diff(_ base: ComposeStack, _ env: ComposeStack, log: ImportLog, at location: SourceLocation?)
        -> DocNode
    {
        var m = DocMap()
        m.setNonEmpty(
            "services", .map(diffMap(base.services, env.services, path: "services", log: log, at: location)))
        m.setNonEmpty("secrets", .map(diffMap(base.secrets, env.secrets, path: "secrets", log: log, at: location)))
        m.setNonEmpty(
            "networks", .map(diffMap(base.networks, env.networks, path: "networks", log: log, at: location)))
        // The proxy read from an nginx site (and what comes with it), when an environment's files change it.
        for key in ["targets", "nginx", "proxy"] {
            let a = base.members.first { $0.key == key }?.value
            let b = env.members.first { $0.key == key }?.value
            guard a != b else { continue }
            if let a, let b {
                m.set(key, diffNode(a, b, path: key, log: log, at: location))
            } else {
                m.set(key, b ?? .null)
            }
        }
        return m.node
    }

    static func diffMap(
        _ a: [(key: String, value: DocNode)], _ b: [(key: String, value: DocNode)], path: String,
        log: ImportLog, at location: SourceLocation?
    ) -> [(key: String, value: DocNode)] {
        var result: [(key: String, value: DocNode)] = []
        for (key, value) in b {
            guard let old = a.first(where: { $0.key == key })?.value else {
                result.append((key, value))
                continue
            }
            if old == value { continue }
            result.append((key, diffNode(old, value, path: "\(path).\(key)", log: log, at: location)))
        }
        for (key, _) in a where !b.contains(where: { $0.key == key }) {
            result.append((key, .null))
        }
        return result
    }

    static let namedLists: Set<String> = ["ports", "volumes"]

    static func diffNode(_ a: DocNode, _ b: DocNode, path: String, log: ImportLog, at location: SourceLocation?)
        -> DocNode
    {
        switch (a, b) {
        case (.map(let x), .map(let y)):
            return .map(diffMap(x, y, path: path, log: log, at: location))
        case (.list(let x), .list(let y)) where namedLists.contains(String(path.split(separator: ".").last ?? "")):
            func name(_ n: DocNode) -> String? {
                if case .map(let m) = n, case .string(let s)? = m.first(where: { $0.key == "name" })?.value {
                    return s
                }
                return nil
            }
            for item in x where !y.contains(where: { name($0) == name(item) }) {
                log.lost(
                    nil, "\(path)[\(name(item) ?? "?")]",
                    "an environment's files drop an item the base has; "
                        + "overlays merge these lists by name and cannot remove one",
                    "move the item out of the base into the environments that keep it", fallback: location)
            }
            return .list(y.filter { item in !x.contains(item) })
        default:
            return b
        }
    }
}
