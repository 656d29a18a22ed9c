import Foundation
import ShipshapeModel

/// Everything read from disk for one stack: the stack file (base and overlays), the environment
/// profiles and the blueprints it uses — each a located tree, shape-checked against the schema.
/// Resolving an environment (`resolve(_:)`) needs no more I/O.
public struct Project: Sendable {
    /// The stack file as the user named it (or `<folder>/stack.yaml`).
    public var stackFile: String
    /// The stack file's tree; `environments.<env>` subtrees are labelled as overlays.
    public var stack: SpecNode
    /// Profiles by environment name: built-in ones, replaced by any found on disk.
    public var profiles: [String: SpecNode]
    /// Blueprints by name (their `service` tree): built-in ones, replaced by any found on disk.
    public var blueprints: [String: SpecNode]
    /// Where the profiles and blueprints came from, for messages.
    public var profileFolder: String?
    public var blueprintFolder: String?
    /// Parts of the stack's and the blueprints' services decoded once for every environment.
    var shared = SharedDecodes.none

    /// The stack's name as written (before variables).
    public var name: String { stack[Key.Stack.stack]?.scalar ?? "" }

    /// The environments this stack is rendered for: those it has overlays for, else the
    /// standard three.
    public var environments: [String] {
        let declared = stack[Key.Stack.environments]?.mapping?.keys.map { $0 } ?? []
        return declared.isEmpty ? ["development", "staging", "production"] : declared
    }

    /// Reads the stack at `path` (a file, or a folder holding `stack.yaml`).
    ///
    /// Profiles come from `environmentsFolder`, else the nearest `environments/` folder at or
    /// above the stack's folder, else the built-in ones; blueprints likewise from `templates/`.
    public static func load(_ path: String, environmentsFolder: String? = nil,
                            templatesFolder: String? = nil) throws -> Project {
        let diagnostics = DiagnosticCollector()
        let stackFile = try Self.stackFile(at: path)
        let stackDirectory = (stackFile as NSString).deletingLastPathComponent
        let stack = relabelOverlays(try readYAML(stackFile, layer: .base))
        guard stack.mapping != nil else {
            throw DiagnosticError(.error("the stack file holds \(stack.kindDescription)", at: stack.location,
                                         expected: "a mapping with 'stack:' and 'services:'"))
        }
        try checkLimits(stack)
        SchemaValidator(diagnostics: diagnostics).check(stack, against: .object(SpecSchema.stack))

        let profileFolder = try environmentsFolder.map { try existingFolder($0, flag: "--environments") }
            ?? nearestFolder(named: "environments", from: stackDirectory)
        let blueprintFolder = try templatesFolder.map { try existingFolder($0, flag: "--templates") }
            ?? nearestFolder(named: "templates", from: stackDirectory)

        // A file on disk replaces the built-in one of its name, which is then not parsed at all.
        var profiles = try profileFolder.map { try folderTrees($0, layer: { .profile($0) }, diagnostics: diagnostics) }
            ?? [:]
        profiles.merge(try builtinTrees(BuiltinFiles.environments, layer: { .profile($0) }, diagnostics: diagnostics,
                                        except: Set(profiles.keys))) { disk, _ in disk }
        var blueprints = try blueprintFolder.map {
            try folderTrees($0, layer: { .blueprint($0) }, diagnostics: diagnostics)
        } ?? [:]
        blueprints.merge(try builtinTrees(BuiltinFiles.templates, layer: { .blueprint($0) }, diagnostics: diagnostics,
                                          except: Set(blueprints.keys))) { disk, _ in disk }
        for (name, tree) in profiles {
            checkFile(tree, schema: SpecSchema.profile, nameKey: "environment", expectedName: name,
                      diagnostics: diagnostics)
        }
        for (name, tree) in blueprints {
            checkFile(tree, schema: SpecSchema.blueprint, nameKey: "blueprint", expectedName: name,
                      diagnostics: diagnostics)
        }

        var project = Project(
            stackFile: stackFile, stack: stack, profiles: profiles,
            blueprints: blueprints.compactMapValues { $0[Key.Blueprint.service] },
            profileFolder: profileFolder, blueprintFolder: blueprintFolder)
        project.checkReferences(diagnostics)
        try diagnostics.throwIfErrors()
        project.decodeShared()
        return project
    }

    /// Decodes, once for every environment, the parts of the stack's services and of the
    /// blueprints that each environment would read alike (`SharedDecodes`).
    mutating func decodeShared() {
        let services = stack[Key.Stack.services]?.mapping.map { Array($0.values) } ?? []
        shared = SharedDecodes(services: services + blueprints.keys.sorted().compactMap { blueprints[$0] })
    }

    /// A stack read from memory, with the built-in profiles and blueprints only (for tools and
    /// fuzzing: no file is read).
    public static func parse(_ data: Data, file: String) throws -> Project {
        let diagnostics = DiagnosticCollector()
        let stack = relabelOverlays(try YAMLReader.read(data, file: file, layer: .base))
        guard stack.mapping != nil else {
            throw DiagnosticError(.error("the stack file holds \(stack.kindDescription)", at: stack.location,
                                         expected: "a mapping"))
        }
        try checkLimits(stack)
        SchemaValidator(diagnostics: diagnostics).check(stack, against: .object(SpecSchema.stack))
        let profiles = try builtinTrees(BuiltinFiles.environments, layer: { .profile($0) }, diagnostics: diagnostics)
        let blueprints = try builtinTrees(BuiltinFiles.templates, layer: { .blueprint($0) }, diagnostics: diagnostics)
        var project = Project(stackFile: file, stack: stack, profiles: profiles,
                              blueprints: blueprints.compactMapValues { $0[Key.Blueprint.service] },
                              profileFolder: nil, blueprintFolder: nil)
        project.checkReferences(diagnostics)
        try diagnostics.throwIfErrors()
        project.decodeShared()
        return project
    }

    /// Overlay names must be environments with a profile; `from:` must name a blueprint.
    private func checkReferences(_ diagnostics: DiagnosticCollector) {
        let known = profiles.keys.sorted()
        for (name, overlay) in stack[Key.Stack.environments]?.mapping ?? [:] where profiles[name] == nil {
            diagnostics.error("no profile for environment '\(name)'", at: overlay.keyLocation ?? overlay.location,
                              expected: Suggestions.oneOf(known) + " (or add environments/\(name).yaml)",
                              hint: Suggestions.hint(for: name, in: known))
        }
        var layers = [stack]
        layers += stack[Key.Stack.environments]?.mapping?.values.map { $0 } ?? []
        let names = blueprints.keys.sorted()
        for layer in layers {
            for (_, service) in layer[Key.Stack.services]?.mapping ?? [:] {
                guard let from = service[Key.Service.from], let name = from.scalar,
                blueprints[name] == nil else { continue }
                diagnostics.error("there is no blueprint '\(name)'", at: from.location,
                                  expected: Suggestions.oneOf(names), hint: Suggestions.hint(for: name, in: names))
            }
        }
    }

    // MARK: files

    static func stackFile(at path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(.error("no such file or folder: \(path)", at: nil,
                                         expected: "a stack file, or a folder holding stack.yaml"))
        }
        guard isDirectory.boolValue else { return path }
        let file = (path as NSString).appendingPathComponent("stack.yaml")
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: file)) != nil,
           let reason = FileErrors.unreachable(file) {
            throw DiagnosticError(.error("cannot read the file (\(reason))", at: .start(of: file),
                                         expected: "a readable YAML file"))
        }
        guard FileManager.default.fileExists(atPath: file) else {
            throw DiagnosticError(.error("the folder \(path) holds no stack.yaml", at: nil,
                                         expected: "a stack file, or a folder holding stack.yaml"))
        }
        return file
    }

    /// Most services a stack may declare. Real stacks have tens; the bound keeps a mistaken or
    /// hostile spec from tying up CI for minutes and gigabytes (5,000 services render in seconds).
    public static let maxServices = 10_000

    /// Fails fast, before any merging, when the stack or an overlay declares too many services.
    static func checkLimits(_ stack: SpecNode) throws {
        var lists = [stack[Key.Stack.services]]
        for (_, overlay) in stack[Key.Stack.environments]?.mapping ?? [:] { lists.append(overlay[Key.Stack.services]) }
        for case let services? in lists {
            if let count = services.mapping?.count, count > maxServices {
                throw DiagnosticError(.error("\(count) services", at: services.keyLocation ?? services.location,
                                             expected: "at most \(maxServices) services in one stack "
                                                 + "(split it into several stacks)"))
            }
        }
    }

    static func readYAML(_ file: String, layer: Layer) throws -> SpecNode {
        try YAMLReader.read(SpecFile.read(file), file: file, layer: layer)
    }


    static func existingFolder(_ path: String, flag: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(.error("\(flag) \(path) is not a folder", at: nil, expected: "an existing folder"))
        }
        return path
    }

    /// The nearest `name/` folder at or above `start`, as a path relative like `start`.
    static func nearestFolder(named name: String, from start: String) -> String? {
        var directory = start.isEmpty ? "." : start
        for _ in 0..<64 {
            let candidate = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return displayPath(candidate)
            }
            let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
            if absolute == "/" { return nil }
            directory = (directory as NSString).appendingPathComponent("..")
        }
        return nil
    }

    /// `path` without `..` detours: relative to the working folder when it lies below it.
    static func displayPath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute == current { return "." }
        if absolute.hasPrefix(current + "/") { return String(absolute.dropFirst(current.count + 1)) }
        return absolute
    }

    /// Every `*.yaml` in a folder, by base name, in name order.
    static func folderTrees(_ folder: String, layer: (String) -> Layer,
                            diagnostics: DiagnosticCollector) throws -> [String: SpecNode] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var trees: [String: SpecNode] = [:]
        for fileName in names {
            let name = String(fileName.dropLast(5))
            let path = (folder as NSString).appendingPathComponent(fileName)
            do {
                trees[name] = try readYAML(path, layer: layer(name))
            } catch let error as DiagnosticError {
                error.diagnostics.forEach(diagnostics.report)
            }
        }
        return trees
    }

    /// The built-in files, by base name, but for those named in `except` (found on disk).
    static func builtinTrees(_ files: [(String, String)], layer: (String) -> Layer, diagnostics: DiagnosticCollector,
                             except: Set<String> = []) throws -> [String: SpecNode] {
        var trees: [String: SpecNode] = [:]
        for (path, text) in files {
            let name = String((path as NSString).lastPathComponent.dropLast(5))
            guard !except.contains(name) else { continue }
            trees[name] = try YAMLReader.parse(text, file: "<built-in>/\(path)", layer: layer(name))
        }
        return trees
    }

    static func checkFile(_ tree: SpecNode, schema: SchemaObject, nameKey: String, expectedName: String,
                          diagnostics: DiagnosticCollector) {
        SchemaValidator(diagnostics: diagnostics).check(tree, against: .object(schema))
        guard tree.mapping != nil else { return }
        let declared = tree[nameKey]
        if declared?.scalar != expectedName {
            diagnostics.error("'\(nameKey)' is '\(declared?.scalar ?? "")' in a file named \(expectedName).yaml",
                              at: declared?.location ?? tree.location, expected: "'\(nameKey): \(expectedName)'")
        }
    }

    /// Marks every value under `environments.<env>` as written by that overlay.
    static func relabelOverlays(_ stack: SpecNode) -> SpecNode {
        guard var members = stack.mapping, let environments = stack[Key.Stack.environments],
              var overlays = environments.mapping else { return stack }
        for (name, overlay) in overlays {
            overlays[name] = relabel(overlay, .overlay(name))
        }
        var copy = environments
        copy.value = .mapping(overlays)
        members[Key.Stack.environments] = copy
        var result = stack
        result.value = .mapping(members)
        return result
    }

    static func relabel(_ node: SpecNode, _ layer: Layer) -> SpecNode {
        var copy = node
        copy.origin.layer = layer
        switch node.value {
        case let .mapping(members): copy.value = .mapping(members.mapValues { relabel($0, layer) })
        case let .sequence(items): copy.value = .sequence(items.map { relabel($0, layer) })
        default: break
        }
        return copy
    }
}
