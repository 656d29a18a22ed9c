@testable import ShipshapeLoader
import ShipshapeModel
import Testing
import TestSupport

/// The resolver's shortcuts (parts of services decoded once for every environment, fields found
/// through the schema's table, checks on bytes, a hardening map checked once) find what the long
/// way finds.
@Suite struct ResolveFastPathTests {
    @Test func aWordByteIsAnASCIILetterDigitOrUnderscore() {
        for byte in UInt8.min...UInt8.max {
            let character = Character(Unicode.Scalar(byte))
            let expected = character.isASCII && (character.isLetter || character.isNumber || character == "_")
            #expect(ServiceDecoder.isWordByte(byte) == expected, "byte \(byte)")
        }
    }

    static func service(_ yaml: String) -> SpecNode {
        let node = try? YAMLReader.parse(yaml, file: "stack.yaml", layer: .base)
        return node ?? SpecNode(.null, origin: Origin(.start(of: "stack.yaml"), .base))
    }

    @Test func fieldsReadThroughTheSchemaAreTheMembers() {
        let node = Self.service("image: a:1\nreplicas: 3\nenv: {A: b}\ncommand: [x, y]\nrestart: ~\n")
        let plain = Fields(node, DiagnosticCollector())
        let placed = Fields(node, DiagnosticCollector(), object: SpecSchema.service)
        for key in SpecSchema.service.keys + ["notAField", ""] {
            #expect(plain[key]?.identity == placed[key]?.identity, "\(key)")
        }
        #expect(placed[Key.Service.replicas]?.scalar == "3")
        #expect(placed[Key.Service.restart] == nil)  // null reads as absent
        // A member that is not a field of the object: every key is looked up by name.
        let odd = Self.service("image: a:1\nstrange: 1\n")
        let fields = Fields(odd, DiagnosticCollector(), object: SpecSchema.service)
        #expect(fields["strange"]?.scalar == "1")
        #expect(fields[Key.Service.image]?.scalar == "a:1")
    }

    @Test(arguments: [("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false),
                      ("FALSE", false), ("tRUE", nil), ("yes", nil), ("fals", nil), ("", nil), ("true ", nil)])
    func booleansAreTheSixSpellings(_ text: String, _ expected: Bool?) {
        let diagnostics = DiagnosticCollector()
        let node = Self.service("flag: '\(text)'\n")
        #expect(Fields(node, diagnostics).bool("flag") == expected)
        #expect(diagnostics.diagnostics.isEmpty == (expected != nil))
    }

    @Test func servicesWithTheSameKeysKeepTheirOwnValuesAndKeys() throws {
        // Each service grows past 15 keys once its defaults are in: the second and third take the
        // first's keys and table (`Shapes`), the one with other keys builds its own.
        func service(_ name: String, _ replicas: Int, extra: String = "") -> String {
            "  \(name): {image: shop/\(name):1.\(replicas), replicas: \(replicas), command: [\(name)], args: [run], "
                + "workingDir: /srv, description: \(name) service, env: {N: \(name)}, labels: {team: \(name)}, "
                + "annotations: {note: \(name)}, hosts: [10.0.0.\(replicas)], networks: [back], "
                + "restartDelay: \(replicas)s, stopGracePeriod: \(replicas)s, pullPolicy: always\(extra)}\n"
        }
        let p = try project("stack: shop\nservices:\n" + service("a", 1) + service("b", 2) + service("c", 3)
            + service("d", 4, extra: ", version: '4'") + service("e", 5)
            + "networks: {back: {}}\nenvironments:\n  production: {targets: [systemd]}\n")
        let tree = p.mergedTree("production", profile: try #require(p.profiles["production"]))
        let services = try #require(tree[Key.Stack.services]?.mapping)
        for (index, name) in ["a", "b", "c", "d", "e"].enumerated() {
            let node = try #require(services[name]?.mapping)
            #expect(node.count > 15)
            #expect(node[Key.Service.replicas]?.scalar == "\(index + 1)")
            #expect(node[Key.Service.image]?.scalar == "shop/\(name):1.\(index + 1)")
            #expect(node[Key.Service.serviceType]?.scalar == "ClusterIP")
            #expect(node[Key.Service.version]?.scalar == (name == "d" ? "4" : nil))
        }
        let stack = try p.resolve("production")
        #expect(stack.services.map(\.replicas) == [1, 2, 3, 4, 5])
        #expect(stack.services.map { $0.env["N"] } == ["a", "b", "c", "d", "e"])
    }

    @Test func aServiceOwnHardeningIsCheckedAfterTheProfileOnePassed() throws {
        // Production's profile gives every service its hardening map: checked once, passed; a
        // service that adds to it has a map of its own, checked, after and between the others.
        let p = try project("""
            stack: shop
            services:
              a: {image: shop/a:1.0, systemd: {user: shop}}
              b: {image: shop/b:1.0, systemd: {user: shop, hardening: {User: root}}}
              c: {image: shop/c:1.0, systemd: {user: shop}}
              d: {image: shop/d:1.0, systemd: {user: shop, hardening: {AmbientCapabilities: CAP_NET_RAW}}}
            environments:
              production: {targets: [systemd]}
            """)
        do {
            _ = try p.resolve("production")
            Issue.record("resolved despite two hardening problems")
        } catch let error as DiagnosticError {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains("'User' is not a systemd sandboxing directive"), "\(messages)")
            #expect(messages.contains("AmbientCapabilities='CAP_NET_RAW' grants capabilities"), "\(messages)")
            #expect(error.diagnostics.count == 2, "\(messages)")
        }
    }

    @Test(arguments: Repository.examples)
    func partsDecodedOnceAreWhatEachEnvironmentDecodes(_ example: String) throws {
        let project = try Project.load(Repository.path("examples/\(example)"))
        var alone = project
        alone.shared = .none
        #expect(project.shared.probes.count + project.shared.secrets.count > 0)
        for environment in project.environments {
            let shared = try project.resolve(environment), own = try alone.resolve(environment)
            #expect(shared.services == own.services, "\(example) \(environment)")
        }
    }

    @Test func aPartAnOverlayChangesIsDecodedInThatEnvironment() throws {
        let p = try project("""
            stack: shop
            services:
              api:
                image: shop/api:1.0
                ports: [{name: http, port: 8000}]
                probes: {liveness: {http: /live}}
                resources: {requests: {cpu: 100m}}
            environments:
              staging: {}
              production:
                services:
                  api: {probes: {liveness: {http: /healthz}}}
            """)
        let api = p.stack[Key.Stack.services]?["api"]
        #expect(p.shared.probes.holds(api?[Key.Service.probes]))
        #expect(p.shared.resources.holds(api?[Key.Service.resources]))
        func liveness(_ environment: String) throws -> String? {
            guard case let .http(path, _, _) = try p.resolve(environment).service(named: "api")?.probes.liveness?.check
            else { return nil }
            return path
        }
        #expect(try liveness("staging") == "/live")
        #expect(try liveness("production") == "/healthz")
    }

    @Test func aPartWithAProblemIsNotKeptAndIsReportedInEveryEnvironment() throws {
        let p = try project("""
            stack: shop
            services:
              api:
                image: shop/api:1.0
                rollout: {maxSurge: 0, maxUnavailable: 0}
            environments:
              staging: {}
              production: {}
            """)
        #expect(!p.shared.rollout.holds(p.stack[Key.Stack.services]?["api"]?[Key.Service.rollout]))
        for environment in ["staging", "production"] {
            let found = diagnostics { _ = try p.resolve(environment) }.map(\.message)
            #expect(found.contains { $0.contains("maxSurge and maxUnavailable are both 0") }, "\(found)")
        }
    }
}
