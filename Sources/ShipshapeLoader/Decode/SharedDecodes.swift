import ShipshapeModel

/// Parts of services decoded once for every environment. Where no layer changes a service's
/// `probes` (or its resources, autoscaling, rollout, volumes, dependencies or secret references),
/// the merged tree of every environment holds the very subtree the stack or a blueprint wrote
/// (`SpecNode.identity`: merging, filling defaults and substituting variables copy only what
/// they change), and reads it the same way. Decoding those subtrees once, when the project is
/// loaded, spares each environment its own decoding of them.
///
/// Only parts read without a problem are kept: a subtree that has one is decoded, and its
/// problem reported, in each environment as before. Each entry keeps its subtree, so the
/// identity it is found by cannot be taken by another node; and a node's fields never change
/// while it is shared (copy on write), so the same identity means the same subtree.
///
/// A class: a decoder hands its methods to `Memo.value` as closures, each holding a copy of the
/// decoder, and a copy of this is then one reference count instead of one per memo.
final class SharedDecodes: Sendable {
    /// Values decoded from subtrees, by the identity of the subtree.
    struct Memo<Value: Sendable>: Sendable {
        fileprivate var entries: [ObjectIdentifier: (node: SpecNode, value: Value)] = [:]

        /// How many subtrees are kept.
        var count: Int { entries.count }

        /// Whether `node` is one of them.
        func holds(_ node: SpecNode?) -> Bool {
            guard let node else { return false }
            return entries[node.identity] != nil
        }

        /// What `decode` gives for `node`: kept from the project's services when it is one of
        /// their subtrees, else decoded now.
        func value(_ node: SpecNode?, _ decode: (SpecNode?) -> Value) -> Value {
            if let node, let kept = entries[node.identity] { return kept.value }
            return decode(node)
        }

        init() {}

        /// The entries given, each kept by its node's identity.
        fileprivate init(_ entries: [(node: SpecNode, value: Value)?]) {
            self.entries.reserveCapacity(entries.count)
            for case let entry? in entries { self.entries[entry.node.identity] = entry }
        }
    }

    let probes: Memo<Probes>
    let resources: Memo<Resources>
    let autoscale: Memo<Autoscale?>
    let rollout: Memo<Rollout?>
    let volumes: Memo<[Volume]>
    let dependsOn: Memo<[Dependency]>
    let secrets: Memo<[SecretRef]>

    /// Nothing kept: every part is decoded where it is read.
    static let none = SharedDecodes()

    private convenience init() {
        self.init(parts: [])
    }

    /// The parts of `services` (the stack's service trees and the blueprints'), decoded on
    /// every core, a few hundred services to a decoder (which keeps the quantities and
    /// durations it parsed, as an environment's does).
    convenience init(services: [SpecNode]) {
        let services = services.filter(\.isMapping)
        let chunks = stride(from: 0, to: services.count, by: 256).map { services[$0..<min($0 + 256, services.count)] }
        self.init(parts: Parallel.map(chunks) { chunk in
            let decoder = ServiceDecoder(diagnostics: DiagnosticCollector())
            return chunk.map { Parts($0, decoder) }
        }.flatMap { $0 })
    }

    private init(parts: [Parts]) {
        probes = Memo(parts.map { $0.probes })
        resources = Memo(parts.map { $0.resources })
        autoscale = Memo(parts.map { $0.autoscale })
        rollout = Memo(parts.map { $0.rollout })
        volumes = Memo(parts.map { $0.volumes })
        dependsOn = Memo(parts.map { $0.dependsOn })
        secrets = Memo(parts.map { $0.secrets })
    }

    /// One service's parts that decode without a problem, each with its subtree.
    private struct Parts: Sendable {
        var probes: (node: SpecNode, value: Probes)?
        var resources: (node: SpecNode, value: Resources)?
        var autoscale: (node: SpecNode, value: Autoscale?)?
        var rollout: (node: SpecNode, value: Rollout?)?
        var volumes: (node: SpecNode, value: [Volume])?
        var dependsOn: (node: SpecNode, value: [Dependency])?
        var secrets: (node: SpecNode, value: [SecretRef])?

        init(_ service: SpecNode, _ decoder: ServiceDecoder) {
            let diagnostics = decoder.diagnostics
            let f = Fields(service, diagnostics, object: SpecSchema.service)
            /// The member `key` (absent and null as a decoder's `Fields` read them) and its value,
            /// when decoding it reports nothing.
            func clean<Value>(_ key: String, _ decode: (SpecNode?) -> Value) -> (node: SpecNode, value: Value)? {
                guard let node = f[key] else { return nil }
                let before = diagnostics.diagnostics.count
                let value = decode(node)
                return diagnostics.diagnostics.count == before ? (node, value) : nil
            }
            probes = clean(Key.Service.probes, decoder.probes(member:))
            resources = clean(Key.Service.resources, decoder.resources(member:))
            autoscale = clean(Key.Service.autoscale, decoder.autoscale(member:))
            rollout = clean(Key.Service.rollout, decoder.rollout(member:))
            volumes = clean(Key.Service.volumes, decoder.volumes(member:))
            dependsOn = clean(Key.Service.dependsOn, decoder.dependsOn(member:))
            secrets = clean(Key.Service.secrets, decoder.secretRefs(member:))
        }
    }
}
