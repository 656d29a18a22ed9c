import Foundation
import OrderedCollections
import ShipshapeModel

extension Project {
    /// Resolves one environment: folds the layers (built-in defaults < blueprint < profile <
    /// stack base < overlay), substitutes variables, decodes the typed stack and runs the
    /// semantic checks. Throws every problem found, located.
    public func resolve(_ environment: String) throws -> ResolvedStack {
        guard let profile = profiles[environment] else {
            let known = profiles.keys.sorted()
            throw DiagnosticError(.error("unknown environment '\(environment)'", at: nil,
                                         expected: Suggestions.oneOf(known),
                                         hint: Suggestions.hint(for: environment, in: known)))
        }
        let diagnostics = DiagnosticCollector()
        var root = mergedTree(environment, profile: profile)
        interpolate(&root, environment: environment, diagnostics: diagnostics)
        var stack = StackDecoder(diagnostics: diagnostics, shared: shared).decode(root, environment: environment)
        SemanticChecks(diagnostics: diagnostics).run(&stack)
        readConfigFiles(&stack, diagnostics: diagnostics)
        try diagnostics.throwIfErrors()
        return stack
    }

    /// The stack tree for `environment` with every layer folded in, before variables.
    public func mergedTree(_ environment: String, profile: SpecNode) -> SpecNode {
        let defaults = profile[Key.Profile.defaults]
        let base = stack
        let overlay = stack[Key.Stack.environments]?[environment]
        let stackType = SchemaType.object(SpecSchema.stack)

        // Everything but services, proxy and policy: profile < base < overlay; then the
        // built-in defaults fill what no layer gave.
        let special: Set<String> = ["services", "proxy", "policy", "environments"]
        var root = Merge.fold([
            defaults.map { Self.without($0, ["services", "proxy"]) },
            Self.without(base, special),
            overlay.map { Self.without($0, special) },
        ], type: stackType) ?? base
        var members = root.mapping ?? [:]

        // Services: each one folds its own layers, so a null in the stack can remove a
        // blueprint's value.
        let serviceType = SchemaType.object(SpecSchema.service)
        // The services of this environment: the base's and the overlay's, less those the overlay
        // removes with null; each keeps the key location of where it was first written.
        let baseServices = base[Key.Stack.services]?.mapping ?? [:]
        let overlayServices = overlay?[Key.Stack.services]?.mapping ?? [:]
        var present = OrderedDictionary<String, SpecNode>()
        for (name, node) in baseServices { present[name] = node }
        for (name, node) in overlayServices {
            if node.isNull { present[name] = nil } else if present[name] == nil { present[name] = node }
        }
        let serviceDefaults = defaults?[Key.ProfileDefaults.services]
        // The profile's service defaults without nulls, once per environment rather than once
        // per service (the fold below starts from them for every service without a blueprint).
        let cleanServiceDefaults = Merge.merge(nil, serviceDefaults, type: serviceType)
        // Gathered as two arrays, then joined: the names are unique (keys of `present`).
        var names: [String] = [], folds: [SpecNode] = []
        names.reserveCapacity(present.count)
        folds.reserveCapacity(present.count)
        for (name, surviving) in present {
            let baseService = baseServices[name]
            let overlayService = overlayServices[name]
            let from = overlayService?[Key.Service.from]?.scalar ?? baseService?[Key.Service.from]?.scalar
            let blueprint = from.flatMap { blueprints[$0] }
            let own = [blueprint, baseService, overlayService]
            let declined = Self.declined(own, type: serviceType)
            let folded: SpecNode?
            if blueprint == nil, declined.isEmpty {
                folded = Merge.fold([baseService, overlayService], over: cleanServiceDefaults, type: serviceType)
            } else {
                let profileDefaults = declined.reduce(serviceDefaults) { node, path in
                    node.map { Self.removing(path[...], from: $0) }
                }
                folded = Merge.fold([own[0], profileDefaults, own[1], own[2]], type: serviceType)
            }
            if var folded {
                folded.keyLocation = surviving.keyLocation
                folded.origin = (baseService ?? surviving).origin
                names.append(name)
                folds.append(folded)
            }
        }
        if let node = base[Key.Stack.services] ?? overlay?[Key.Stack.services] {
            let services = OrderedDictionary(uncheckedUniqueKeys: names, values: folds)
            names = []
            folds = []
            members[Key.Stack.services] = SpecNode(.mapping(services), origin: node.origin,
                                                   keyLocation: node.keyLocation)
        }

        // The proxy, with its defaults, only when the stack has one in this environment.
        if let proxy = Merge.merge(base[Key.Stack.proxy], overlay?[Key.Stack.proxy], type: .object(SpecSchema.proxy)) {
            var folded = Merge.fold([defaults?[Key.ProfileDefaults.proxy], base[Key.Stack.proxy],
                                     overlay?[Key.Stack.proxy]],
                                    type: .object(SpecSchema.proxy)) ?? proxy
            folded.origin = proxy.origin
            folded.keyLocation = proxy.keyLocation
            members[Key.Stack.proxy] = folded
        }

        // Policy: the profile's, adjusted by the stack.
        if let policy = Merge.fold([profile[Key.Profile.policy], base[Key.Stack.policy], overlay?[Key.Stack.policy]],
                                   type: .object(SpecSchema.policy)) {
            members[Key.Stack.policy] = policy
        }
        root.value = .mapping(members)
        root.origin = base.origin
        members = [:]  // the tree is then the only holder of its members: filled in place
        DefaultsFill().fill(&root, stackType)
        return root
    }

    /// Substitutes the variables of `root` in place (the merged tree is mostly its own).
    private func interpolate(_ root: inout SpecNode, environment: String, diagnostics: DiagnosticCollector) {
        let stackName = root[Key.Stack.stack]?.scalar ?? ""
        var interpolation = Interpolation(values: [:], environment: environment, stack: stackName,
                                          diagnostics: diagnostics, definingValues: true)
        // Values may use ${environment} and ${stack}, not each other.
        var values = OrderedDictionary<String, String>()
        for (key, node) in root[Key.Stack.values]?.mapping ?? [:] {
            if let text = node.scalar { values[key] = interpolation.substitute(text, at: node.location, service: nil) }
        }
        interpolation.values = values
        interpolation.definingValues = false

        root.updateMembers { members in
            for index in members.values.indices where members.keys[index] != Key.Stack.services {
                interpolation.apply(&members.values[index])
            }
            // Each service with its own `${service.name}` and `${service.version}`.
            guard let index = members.index(forKey: Key.Stack.services) else { return }
            members.values[index].updateMembers { services in
                for index in services.values.indices {
                    let version = services.values[index][Key.Service.version].flatMap { node in
                        node.scalar.map { interpolation.substitute($0, at: node.location, service: nil) }
                    }
                    interpolation.apply(&services.values[index], service: (services.keys[index], version))
                }
            }
        }
    }

    /// Reads the files that `source:` volumes mount, so renderers can stay free of I/O.
    private func readConfigFiles(_ stack: inout ResolvedStack, diagnostics: DiagnosticCollector) {
        let folder = (stackFile as NSString).deletingLastPathComponent
        for s in stack.services.indices {
            for v in stack.services[s].volumes.indices {
                guard case let .bind(path, _) = stack.services[s].volumes[v].source else { continue }
                let location = stack.location(of: Key.Stack.services, stack.services[s].name,
                                              Key.Service.volumes, stack.services[s].volumes[v].name,
                                              Key.Volume.source)
                let file = (folder as NSString).appendingPathComponent(path)
                // The path is relative and has no '..' (checked when decoding), but a symbolic
                // link inside the folder may still lead out of it: follow links, then check.
                if let real = FileErrors.realPath(file), let root = FileErrors.realPath(folder.isEmpty ? "." : folder),
                   !real.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                    diagnostics.error("\(path) leads outside the stack folder (to \(real))", at: location,
                                      expected: "a config file inside the stack folder, not a link out of it")
                    continue
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let data = FileManager.default.contents(atPath: file) else {
                    diagnostics.error("\(path) is not a file in the stack folder", at: location,
                                      expected: "a config file next to the stack")
                    continue
                }
                guard data.count <= 1_048_576, let text = String(data: data, encoding: .utf8) else {
                    diagnostics.error("\(path) is not a UTF-8 text file under 1 MiB", at: location,
                                      expected: "a config file (ConfigMaps hold text up to 1 MiB)")
                    continue
                }
                stack.services[s].volumes[v].source = .bind(path: path, contents: text)
            }
        }
    }

    /// The fields a service's own layers decline from the profile (`optOut`), as paths.
    static func declined(_ layers: [SpecNode?], type: SchemaType) -> [[String]] {
        guard layers.contains(where: { $0?[Key.Service.optOut] != nil }),
              let entries = Merge.fold(layers, type: type)?[Key.Service.optOut]?.sequence else { return [] }
        return entries.compactMap { $0[Key.OptOut.field]?.scalar }.map {
            $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// `node` without the value at `path` (unchanged where the path leads nowhere).
    static func removing(_ path: ArraySlice<String>, from node: SpecNode) -> SpecNode {
        guard let first = path.first, var members = node.mapping, let child = members[first] else { return node }
        members[first] = path.count == 1 ? nil : removing(path.dropFirst(), from: child)
        var copy = node
        copy.value = .mapping(members)
        return copy
    }

    static func without(_ node: SpecNode, _ keys: Set<String>) -> SpecNode {
        guard let members = node.mapping else { return node }
        var copy = node
        copy.value = .mapping(members.filter { !keys.contains($0.key) })
        return copy
    }
}
