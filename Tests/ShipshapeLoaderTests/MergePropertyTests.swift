import OrderedCollections
import PropertyBased
import ShipshapeLoader
import ShipshapeModel
import Testing

/// Property tests of the merge rules over random service-shaped trees.
@Suite struct MergePropertyTests {
    static let type = SchemaType.object(SpecSchema.service)

    @Test func mergingAnEmptyOverlayIsTheIdentity() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let base = Trees.service(&rng, layer: .base)
            let empty = SpecNode(.mapping([:]), origin: Trees.origin(.overlay("x")))
            #expect(Trees.text(Merge.merge(base, empty, type: Self.type)) == Trees.text(base))
            #expect(Trees.text(Merge.merge(base, nil, type: Self.type)) == Trees.text(base))
            #expect(Trees.text(Merge.merge(nil, base, type: Self.type)) == Trees.text(base))
        }
    }

    @Test func higherLayersWinKeyByKey() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let base = Trees.service(&rng, layer: .base)
            let overlay = Trees.service(&rng, layer: .overlay("production"))
            guard let merged = Merge.merge(base, overlay, type: Self.type) else {
                Issue.record("merge removed everything")
                return
            }
            for key in ["replicas", "image"] {
                #expect(merged[key]?.scalar == (overlay[key]?.scalar ?? base[key]?.scalar), "\(key)")
            }
            // Lists that are not named are replaced whole.
            #expect(Trees.text(merged["command"]) == Trees.text(overlay["command"] ?? base["command"]))
            // Mappings merge key by key.
            let envKeys = Set(Array(base["env"]?.mapping?.keys ?? []) + Array(overlay["env"]?.mapping?.keys ?? []))
            for key in envKeys {
                #expect(merged["env"]?[key]?.scalar == (overlay["env"]?[key]?.scalar ?? base["env"]?[key]?.scalar))
                let layer = overlay["env"]?[key] != nil ? Layer.overlay("production") : Layer.base
                #expect(merged["env"]?[key]?.origin.layer == layer)
            }
        }
    }

    @Test func namedListsMergeByNameAndKeepOrder() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let base = Trees.service(&rng, layer: .base)
            let overlay = Trees.service(&rng, layer: .overlay("staging"))
            let merged = Merge.merge(base, overlay, type: Self.type)
            let baseNames = Trees.names(base["ports"])
            let overlayNames = Trees.names(overlay["ports"])
            let expected = baseNames + overlayNames.filter { !baseNames.contains($0) }
            #expect(
                Trees.names(merged?["ports"])
                    == (base["ports"] == nil ? overlayNames : (overlay["ports"] == nil ? baseNames : expected)))
            for item in merged?["ports"]?.sequence ?? [] {
                let name = item["name"]?.scalar ?? ""
                let upper = overlay["ports"]?.node(at: [name])?["port"]?.scalar
                let lower = base["ports"]?.node(at: [name])?["port"]?.scalar
                #expect(item["port"]?.scalar == (upper ?? lower))
            }
        }
    }

    @Test func mergeIsAssociative() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let a = Trees.service(&rng, layer: .blueprint("x"))
            let b = Trees.service(&rng, layer: .profile("production"))
            let c = Trees.service(&rng, layer: .base)
            let left = Merge.merge(Merge.merge(a, b, type: Self.type), c, type: Self.type)
            let right = Merge.merge(a, Merge.merge(b, c, type: Self.type), type: Self.type)
            #expect(Trees.text(left) == Trees.text(right))
        }
    }

    @Test func nullRemovesTheInheritedValue() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let base = Trees.service(&rng, layer: .base)
            for key in base.mapping?.keys ?? [] {
                let overlay = SpecNode(
                    .mapping([key: SpecNode(.null, origin: Trees.origin(.overlay("p")))]),
                    origin: Trees.origin(.overlay("p")))
                let merged = Merge.merge(base, overlay, type: Self.type)
                #expect(merged?[key] == nil, "\(key)")
                #expect(merged?.mapping?.count == (base.mapping?.count ?? 0) - 1)
            }
        }
    }
}

/// A small deterministic random number generator for building trees from a seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Trees {
    static func origin(_ layer: Layer) -> Origin { Origin(SourceLocation(file: "t.yaml", line: 1, column: 1), layer) }

    static func scalar(_ text: String, _ layer: Layer) -> SpecNode {
        SpecNode(.scalar(text, quoted: false), origin: origin(layer))
    }

    /// A random service: some of replicas, image, env, command and ports.
    static func service(_ rng: inout SplitMix, layer: Layer) -> SpecNode {
        var members = OrderedDictionary<String, SpecNode>()
        if Bool.random(using: &rng) { members["replicas"] = scalar("\(Int.random(in: 0...9, using: &rng))", layer) }
        if Bool.random(using: &rng) { members["image"] = scalar("img:\(Int.random(in: 0...9, using: &rng))", layer) }
        if Bool.random(using: &rng) {
            var env = OrderedDictionary<String, SpecNode>()
            for key in ["A", "B", "C", "D"].shuffled(using: &rng).prefix(Int.random(in: 0...4, using: &rng)) {
                env[key] = scalar("\(Int.random(in: 0...99, using: &rng))", layer)
            }
            members["env"] = SpecNode(.mapping(env), origin: origin(layer))
        }
        if Bool.random(using: &rng) {
            let words = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                scalar("w\(Int.random(in: 0...9, using: &rng))", layer)
            }
            members["command"] = SpecNode(.sequence(words), origin: origin(layer))
        }
        if Bool.random(using: &rng) {
            let names = ["http", "grpc", "metrics", "debug", "admin"].shuffled(using: &rng).prefix(
                Int.random(in: 0...4, using: &rng))
            let ports = names.map { name in
                SpecNode(
                    .mapping([
                        "name": scalar(name, layer), "port": scalar("\(Int.random(in: 1...9999, using: &rng))", layer),
                    ]), origin: origin(layer))
            }
            members["ports"] = SpecNode(.sequence(ports), origin: origin(layer))
        }
        return SpecNode(.mapping(members), origin: origin(layer))
    }

    /// A canonical text of a tree's values (origins left out).
    static func text(_ node: SpecNode?) -> String {
        guard let node else { return "<none>" }
        switch node.value {
        case .null: return "~"
        case let .scalar(s, _): return s
        case let .sequence(items): return "[" + items.map(text).joined(separator: ",") + "]"
        case let .mapping(members):
            return "{" + members.map { "\($0.key):\(text($0.value))" }.joined(separator: ",") + "}"
        }
    }

    static func names(_ node: SpecNode?) -> [String] {
        node?.sequence?.compactMap { $0["name"]?.scalar } ?? []
    }
}
