import PropertyBased
@testable import ShipshapeRender
import Testing
import Yams

@Suite struct YAMLEmitterTests {
    /// Strings YAML readers would take for numbers, booleans, nulls, other structure — or that
    /// try to add keys and documents — come back as the same string.
    static let tricky = [
        "8000", "on", "off", "yes", "no", "Y", "n", "true", "False", "null", "~", "", " ", "1.10", "1e3", "0x1F",
        "0o17", "012",
        ".5", "-1", "+1", "1_000", "1:20", "8000:8000", ".inf", "-.inf", ".nan", "2001-12-14", "a: b", "a #b", "#x",
        "- x",
        "? x", "[a]", "{a}", "&a", "*a", "!tag", "|", ">", "'q'", "\"q\"", "%x", "@x", "`x", "key:", "a\nb", "---",
        "...",
        "x\n---\ny: 1", "tab\there", "trailing ", " leading", "é", "日本", "\u{2028}", "\u{85}", "\u{0}",
        "back\\slash",
        "app.main:app", "postgres:15", "/health/live", "$host", "${values.x}", "default-src 'self'",
    ]

    @Test(arguments: tricky)
    func scalarsRoundTrip(_ value: String) throws {
        let text = YAMLEmitter.emit(.map([("key", .string(value)), ("list", .list([.string(value)]))]))
        let parsed = try #require(try Yams.load(yaml: text) as? [String: Any], "\(text)")
        #expect(parsed["key"] as? String == value, "\(text)")
        #expect((parsed["list"] as? [Any])?.first as? String == value, "\(text)")
        #expect(parsed.count == 2, "\(text)")
    }

    @Test func randomStringsRoundTrip() async {
        let alphabet: [Character] = Array("ab:- #'\"\n\t{}[],&*!|>%@`?~.019eE+_\\/$é")
        await propertyCheck(count: 500, input: Gen.element(of: alphabet).array(of: 0...12)) { chars in
            let value = String(chars.compactMap { $0 })
            let text = YAMLEmitter.emit(.map([(value.isEmpty ? "k" : value, .string(value))]))
            let parsed = try? Yams.load(yaml: text) as? [String: Any]
            #expect(parsed?[value.isEmpty ? "k" : value] as? String == value, "\(text)")
        }
    }

    @Test func nestedStructure() throws {
        let doc = DocNode.map([
            ("apiVersion", .string("v1")),
            (
                "items",
                .list([.map([("name", .string("a")), ("ports", .list([.int(80), .int(443)]))]), .list([.bool(true)])])
            ),
            ("empty", .map([])),
            ("none", .list([])),
            ("nothing", .null),
        ])
        let text = YAMLEmitter.emit(doc)
        #expect(
            text == """
                apiVersion: v1
                items:
                  - name: a
                    ports:
                      - 80
                      - 443
                  -
                    - true
                empty: {}
                none: []
                nothing: null

                """)
        let parsed = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(((parsed["items"] as? [Any])?.first as? [String: Any])?["ports"] as? [Int] == [80, 443])
    }

    @Test func commentsCannotBreakLines() throws {
        let text = YAMLEmitter.emit(
            .map([("a", .commented(.int(1), "x\nb: 2")), ("c", .commented(.map([("d", .int(3))]), "y"))]))
        let parsed = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(parsed.count == 2)
        #expect(parsed["a"] as? Int == 1)
    }

    @Test func jsonEscapes() {
        #expect(JSONEmitter.emit(.map([("a\"", .string("x\ny\u{1}"))])) == "{\n  \"a\\\"\": \"x\\ny\\u0001\"\n}\n")
    }

    @Test func neverPlainMasksMatchTheirList() {
        let indicators = Set("{}[],&*!|>'\"%`\\".utf8)
        for byte in UInt8.min...UInt8.max {
            let never = byte < 0x20 || byte >= 0x7F || indicators.contains(byte)
            #expect(YAMLEmitter.isNeverPlain(byte) == never, "\(byte)")
        }
    }

    @Test(arguments: [0, 7, -7, 10, 443, -1_000, Int.max, Int.min])
    func integersAsSwiftSpellsThem(_ value: Int) {
        #expect(YAMLEmitter.emit(.int(value)) == "\(value)\n")
    }

    @Test func escapesInHexadecimal() {
        #expect(YAMLEmitter.quote("a\u{1}\u{7F}\u{85}\u{FEFF}b") == "\"a\\x01\\x7F\\x85\\uFEFFb\"")
    }

    /// A Kubernetes object printed from its fields reads as its document prints: with and
    /// without a namespace, labels, annotations and fields, values that need quoting, commented
    /// fields, and several objects to a file.
    @Test func kubernetesObjectsPrintAsTheirDocuments() {
        let fields: [(key: String, value: DocNode)] = [
            ("spec", .map([("replicas", .int(2)), ("note", .commented(.string("x"), "why")),
                           ("list", .list([.string("true"), .map([("a", .string("b: c"))])]))])),
            ("data", .map([])),
        ]
        let objects = [
            KubernetesObject(apiVersion: "v1", kind: "ServiceAccount", name: "api", namespace: nil, fields: []),
            KubernetesObject(apiVersion: "apps/v1", kind: "Deployment", name: "api", namespace: "shop-prod",
                             labels: [("app.kubernetes.io/name", "api"), ("flag", "true"), ("empty", "")],
                             annotations: [("note", "a: b # c"), ("multi", "one\ntwo")], fields: fields),
            KubernetesObject(apiVersion: "v1", kind: "ConfigMap", name: "null", namespace: "yes",
                             annotations: [("x", "y")], fields: [("metadata", .string("patched"))]),
        ]
        for object in objects {
            let artifact = Artifact(id: ArtifactID(environment: "e", target: .kubernetes, kind: object.kind,
                                                   name: object.name), body: .kubernetes(object))
            #expect(YAMLEmitter.emit(artifacts: [artifact]) == YAMLEmitter.emit(documents: [object.document]))
        }
        let artifacts = objects.map {
            Artifact(id: ArtifactID(environment: "e", target: .kubernetes, kind: $0.kind, name: $0.name),
                     body: .kubernetes($0))
        }
        #expect(YAMLEmitter.emit(artifacts: artifacts) == YAMLEmitter.emit(documents: objects.map(\.document)))
    }

    /// Objects that share one array of labels (a service's, from `Labels.all`) print it once and
    /// copy it; an object whose labels differ, or are as many but other, prints its own.
    @Test func sharedLabelsPrintAsEachObjectsOwn() {
        let shared = [("app.kubernetes.io/name", "api"), ("tier", "web")]
        var patched = shared
        patched[1].1 = "1"
        let labels = [shared, shared, patched, shared, [("app.kubernetes.io/name", "api")], shared, []]
        let objects = labels.enumerated().map { index, labels in
            KubernetesObject(apiVersion: "v1", kind: "Service", name: "s\(index)", namespace: "shop", labels: labels,
                             fields: [("spec", .map([("type", .string("ClusterIP"))]))])
        }
        let artifacts = objects.map {
            Artifact(id: ArtifactID(environment: "e", target: .kubernetes, kind: $0.kind, name: $0.name),
                     body: .kubernetes($0))
        }
        let printed = YAMLEmitter.emit(artifacts: artifacts)
        #expect(printed == YAMLEmitter.emit(documents: objects.map(\.document)))
        #expect(printed.components(separatedBy: "tier: \"1\"").count == 2)
        #expect(printed.components(separatedBy: "tier: web").count == 5)
    }
}
