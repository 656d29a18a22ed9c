import OrderedCollections
import ShipshapeModel

/// Reads a merged, interpolated stack tree for one environment into a `ResolvedStack`.
struct StackDecoder {
    let diagnostics: DiagnosticCollector
    /// Parts of the project's services decoded once for every environment.
    var shared = SharedDecodes.none

    func decode(_ root: SpecNode, environment: String) -> ResolvedStack {
        let f = Fields(root, diagnostics)
        let name = f.required(Key.Stack.stack, "the stack file", f.string) ?? ""
        if f.has(Key.Stack.stack), !Names.isDNSLabel(name) {
            diagnostics.error("'\(Fields.shorten(name))' is not a valid stack name", at: f[Key.Stack.stack]?.location,
                              expected: Names.dnsLabelForm)
        }
        let services = decodeServices(f)
        let kubernetes = f.object(Key.Stack.kubernetes) ?? Fields(BuiltinDefaults.node(for: Key.Kubernetes.self),
            diagnostics)
        let namespace = kubernetes.defaulted(Key.Kubernetes.namespace, of: Key.Kubernetes.self) { $0.string($1) }
        if Names.isDNSLabel(name), !Names.isDNSLabel(namespace) {
            diagnostics.error("namespace '\(Fields.shorten(namespace))' is not valid",
                              at: kubernetes[Key.Kubernetes.namespace]?.location ?? f[Key.Stack.stack]?.location,
                              expected: Names.dnsLabelForm)
        }
        var stack = ResolvedStack(
            name: name,
            description: f.string(Key.Stack.description),
            environment: environment,
            targets: targets(f),
            values: f.stringMap(Key.Stack.values),
            services: services,
            proxy: f.object(Key.Stack.proxy).map { ProxyDecoder(diagnostics: diagnostics).decode($0) },
            secrets: secrets(f),
            networks: networks(f),
            kubernetes: KubernetesOptions(
                namespace: namespace,
                ingressClass: kubernetes.defaulted(Key.Kubernetes.ingressClass,
                                                   of: Key.Kubernetes.self) { $0.string($1) },
                clusterIssuer: kubernetes.string(Key.Kubernetes.clusterIssuer),
                topologySpread: kubernetes.defaulted(Key.Kubernetes.topologySpread,
                                                     of: Key.Kubernetes.self) { $0.bool($1) },
                networkPolicies: kubernetes.defaulted(Key.Kubernetes.networkPolicies,
                                                      of: Key.Kubernetes.self) { $0.bool($1) }),
            nginx: NginxOptions(
                version: (f.object(Key.Stack.nginx) ?? Fields(BuiltinDefaults.node(for: Key.Nginx.self), diagnostics))
                    .defaulted(Key.Nginx.version,
                               of: Key.Nginx.self) { $0.value($1, "a version such as 1.22", Self.version) }),
            policy: PolicyDecoder(diagnostics: diagnostics).decode(f.object(Key.Stack.policy)),
            ignore: f.items(Key.Stack.ignore).compactMap { IgnoreDecoder(diagnostics: diagnostics).decode($0) },
            source: root)
        stack.expectedDifferences = f.strings(Key.Stack.expectedDifferences) ?? []
        return stack
    }

    static func version(_ text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return (1...3).contains(parts.count) && parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) })
            ? text : nil
    }

    private func decodeServices(_ f: Fields) -> [Service] {
        guard let members = f[Key.Stack.services]?.mapping else { return [] }
        let decoder = ServiceDecoder(diagnostics: diagnostics, shared: shared)
        return members.compactMap { name, node in
            if !Names.isServiceName(name) {
                diagnostics.error("'\(Fields.shorten(name))' is not a valid service name",
                                  at: node.keyLocation ?? node.location, expected: Names.serviceNameForm)
            }
            guard node.isMapping else { return nil }
            return decoder.decode(name: name, node)
        }
    }

    private func targets(_ f: Fields) -> [Target] {
        guard let items = f[Key.Stack.targets]?.sequence else { return [] }
        var result: [Target] = []
        for item in items {
            let expected = Suggestions.oneOf(Target.allCases.map(\.rawValue))
            guard let target = Fields.convert(item, expected, diagnostics, Target.init) else { continue }
            if !result.contains(target) { result.append(target) }
        }
        return result.sorted()
    }

    private func secrets(_ f: Fields) -> [Secret] {
        guard let members = f[Key.Stack.secrets]?.mapping else { return [] }
        return members.compactMap { name, node in
            if !Names.isDNSLabel(name) {
                diagnostics.error("'\(Fields.shorten(name))' is not a valid secret name",
                                  at: node.keyLocation ?? node.location, expected: Names.dnsLabelForm)
            }
            let s = Fields(node, diagnostics)
            guard let keys = s.required(Key.Secret.keys, "secret '\(name)'", s.strings) else { return nil }
            for (index, key) in keys.enumerated() where !Self.isSecretKey(key) {
                diagnostics.error("'\(Fields.shorten(key))' is not a valid secret key",
                                  at: s[Key.Secret.keys]?.sequence?[index].location,
                                  expected: "letters, digits, '-', '_' and '.'")
            }
            return Secret(name: name, keys: keys, source: source(s.object(Key.Secret.source), name: name),
                          description: s.string(Key.Secret.description))
        }
    }

    static func isSecretKey(_ key: String) -> Bool {
        (1...253).contains(key.utf8.count) && key != "." && key != ".."
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    private func source(_ f: Fields?, name: String) -> SecretSource {
        guard let f else { return .existing(name: name) }
        let given = [Key.SecretSource.existing, Key.SecretSource.files, Key.SecretSource.envFile,
                     Key.SecretSource.external].filter { f.has($0) }
        guard given.count == 1 else {
            diagnostics.error(given.isEmpty
                                  ? "the secret source is empty"
                                  : "the secret source has both '\(given[0])' and '\(given[1])'",
                              at: f.location, expected: "exactly one of 'existing', 'files', 'envFile' or 'external'")
            return .existing(name: name)
        }
        let relative = "a relative path inside the stack folder"
        switch given[0] {
        case Key.SecretSource.existing:
            return .existing(name: f.value(Key.SecretSource.existing,
                                           Names.dnsLabelForm) { Names.isDNSLabel($0) ? $0 : nil } ?? name)
        case Key.SecretSource.files:
            return .files(directory: f.value(Key.SecretSource.files,
                                             relative) { ServiceDecoder.isInsideStack($0) ? $0 : nil } ?? "")
        case Key.SecretSource.envFile:
            return .envFile(path: f.value(Key.SecretSource.envFile,
                                          relative) { ServiceDecoder.isInsideStack($0) ? $0 : nil } ?? "")
        default:
            let e = f.object(Key.SecretSource.external) ?? f
            return .external(ExternalStore(
                store: e.required(Key.ExternalStore.store, "external store", e.string) ?? "",
                storeKind: e.defaulted(Key.ExternalStore.storeKind, of: Key.ExternalStore.self) {
                    $0.value($1, "'SecretStore' or 'ClusterSecretStore'") {
                        ["SecretStore", "ClusterSecretStore"].contains($0) ? $0 : nil
                    }
                },
                path: e.required(Key.ExternalStore.path, "external store", e.string) ?? "",
                refresh: e.defaulted(Key.ExternalStore.refresh, of: Key.ExternalStore.self) { $0.duration($1) }))
        }
    }

    private func networks(_ f: Fields) -> [Network] {
        guard let members = f[Key.Stack.networks]?.mapping else { return [] }
        return members.map { name, node in
            if !Names.isDNSLabel(name) {
                diagnostics.error("'\(Fields.shorten(name))' is not a valid network name",
                                  at: node.keyLocation ?? node.location, expected: Names.dnsLabelForm)
            }
            let f = Fields(node, diagnostics)
            return Network(name: name, isInternal: f.defaulted(Key.Network.internal,
                                                               of: Key.Network.self) { $0.bool($1) })
        }
    }
}

/// Reads `policy:` (profile, then stack adjustments, already merged).
struct PolicyDecoder {
    /// A rule setting's severity; its other keys are the rule's own parameters, not schema fields.
    static let severityKey = "severity"

    let diagnostics: DiagnosticCollector

    func decode(_ f: Fields?) -> PolicySettings {
        guard let rules = f?[Key.Policy.rules]?.mapping else { return PolicySettings() }
        var result = OrderedDictionary<String, RuleSetting>()
        for (id, node) in rules {
            if let text = node.scalar {
                guard let setting = Self.severity(text) else {
                    diagnostics.error("'\(Fields.shorten(text))' is not a severity", at: node.location,
                                      expected: "error, warning, note or off")
                    continue
                }
                result[id] = RuleSetting(severity: setting, location: node.keyLocation ?? node.location)
            } else {
                let r = Fields(node, diagnostics)
                let values = OrderedDictionary(uniqueKeysWithValues: (node.mapping ?? [:]).compactMap { key, value in
                    key == Self.severityKey ? nil : Self.parameter(value).map { (key, $0) }
                })
                let severity = r.value(Self.severityKey, "error, warning, note or off", Self.severity) ?? .some(.error)
                result[id] = RuleSetting(severity: severity, values: values,
                                         location: node.keyLocation ?? node.location)
            }
        }
        return PolicySettings(rules: result)
    }

    /// A threshold as written (a scalar or a list of scalars), with its places; the policy
    /// engine, which knows the rules, checks it.
    static func parameter(_ node: SpecNode) -> ParameterSetting? {
        if let text = node.scalar {
            return ParameterSetting(.text(text), at: node.location, keyLocation: node.keyLocation)
        }
        guard let items = node.sequence else { return nil }
        let texts = items.compactMap(\.scalar)
        guard texts.count == items.count else { return nil }
        return ParameterSetting(.list(texts), at: node.location, keyLocation: node.keyLocation,
                                itemLocations: items.map(\.location))
    }

    /// `.some(nil)` for `off`.
    static func severity(_ text: String) -> Severity?? {
        text == "off" ? .some(nil) : Severity(rawValue: text).map { .some($0) }
    }
}
