import Foundation
@testable import ShipshapeLoader
import ShipshapeModel
import Testing
import TestSupport

/// Defaults live in one place, the built-in defaults file, by schema type.
@Suite struct DefaultsTests {
    /// Every object type of the schema, by title.
    static let objects: [String: SchemaObject] = {
        var found: [String: SchemaObject] = [:]
        func walk(_ type: SchemaType) {
            switch type {
            case let .object(object), let .namedList(_, object):
                guard found[object.title] == nil else { return }
                found[object.title] = object
                object.fields.forEach { walk($0.type) }
            case let .list(item), let .map(item): walk(item)
            case let .either(options): options.forEach(walk)
            case .scalar, .document: break
            }
        }
        walk(.object(SpecSchema.stack))
        return found
    }()

    @Test func everyDefaultIsAFieldOfItsTypeWithAValueOfItsShape() throws {
        let types = try #require(BuiltinDefaults.types.mapping)
        #expect(types.count >= 15)
        for (title, node) in types {
            let object = try #require(Self.objects[title], "\(title) is not a type of the schema")
            let diagnostics = DiagnosticCollector()
            SchemaValidator(diagnostics: diagnostics).check(node, against: .object(object))
            #expect(diagnostics.diagnostics.isEmpty, "\(title): \(diagnostics.diagnostics.map(\.message))")
        }
    }

    @Test func aValueRemovedWithNullComesBackFromTheDefaults() throws {
        let p = try project("""
            stack: shop
            services:
              api:
                image: shop/api:1.0
                replicas: 3
                ports: [{name: http, port: 8000}]
                dependsOn: [db]
              db: {image: postgres:15}
              worker: {image: shop/worker:1.0, dependsOn: [{service: api}]}
            environments:
              production:
                services:
                  api: {replicas: null}
            """)
        let stack = try p.resolve("production")
        let api = try #require(stack.service(named: "api"))
        #expect(api.replicas == 1)
        #expect(api.ports.first?.protocol == .tcp)
        #expect(api.dependsOn.first?.condition == .healthy)
        #expect(stack.service(named: "worker")?.dependsOn.first?.condition == .healthy)
        #expect(api.secretFileSuffix == "_FILE")
        #expect(stack.kubernetes.namespace == "shop-production")
        for path in [["services", "api", "replicas"], ["services", "api", "ports", "http", "protocol"],
                     ["kubernetes", "namespace"], ["services", "db", "security", "privileged"]] {
            let node = try #require(stack.source.node(at: path), "\(path)")
            #expect(node.origin.layer == .builtin, "\(path)")
            #expect(node.location.file == BuiltinDefaults.file, "\(path)")
        }
    }

    /// Decoders read defaults from the built-in file; a literal fall-back would be a second place.
    @Test func decodersSpellNoDefaultOfTheirOwn() throws {
        let folder = Repository.path("Sources/ShipshapeLoader/Decode")
        let pattern = try Regex(#"\?\? (true|false|-?[0-9]|\.[a-z][A-Za-z]*|"[^"]+"|\[[^\]:])"#)
        // `.number(0)` is not a default but "not given" (the first port, decided by the checks);
        // a rule setting written as a mapping is on.
        let allowed = ["?? .number(0)", "?? .some(.error)"]
        var offending: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(pattern) && !allowed.contains(where: line.contains) {
                offending.append("\(file):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offending.isEmpty, "defaults belong in BuiltinDefaults: \(offending)")
    }
}
