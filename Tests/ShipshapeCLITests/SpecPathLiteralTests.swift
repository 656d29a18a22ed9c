import Foundation
import Testing
import TestSupport

/// Renderers, rules and checks find where a value was written by a path into the spec
/// (`serviceLocation(service, "systemd", "readWritePaths")`). A misspelt component would
/// silently yield the parent's location; this test makes it a failure: every string literal in
/// a path lookup in Sources/ must be a field the schema knows (or a systemd directive, the keys
/// of `systemd.hardening`).
@Suite struct SpecPathLiteralTests {
    /// Every property name anywhere in the JSON Schema.
    static func schemaKeys() throws -> Set<String> {
        let result = try Shipshape.run(["schema", "--format", "json"])
        var keys: Set<String> = []
        func walk(_ value: Any) {
            if let map = value as? [String: Any] {
                if let properties = map["properties"] as? [String: Any] { keys.formUnion(properties.keys) }
                map.values.forEach(walk)
            } else if let list = value as? [Any] {
                list.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))
        return keys
    }

    static let lookups = [
        #"location\(at: \[[^\]]*\]"#, #"node\(at: \[[^\]]*\]"#, #"\.location\(\[[^\]]*\]"#,
        #"serviceLocation\([^)]*\)"#, #"[^A-Za-z.]at\(\[[^\]]*\]"#, #"[^A-Za-z.]at\("[^)]*\)"#,
    ]

    @Test func everyLiteralInAPathLookupIsASchemaField() throws {
        let known = try Self.schemaKeys().union(["ProtectHome", "AmbientCapabilities", "NoNewPrivileges"])
        #expect(known.contains("readWritePaths") && known.contains("replicas"))
        var checked = 0
        for file in Repository.allFiles(in: "Sources", withExtension: "swift") {
            let text = try String(contentsOfFile: Repository.path("Sources/\(file)"), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for pattern in Self.lookups {
                    var search = line[...]
                    while let call = search.range(of: pattern, options: .regularExpression) {
                        for literal in String(line[call]).matches(of: /"([A-Za-z][A-Za-z0-9]*)"/) {
                            let word = String(literal.1)
                            let isField = known.contains(word)
                            #expect(isField, "\(file): '\(word)' is not a field of the spec: \(line)")
                            checked += 1
                        }
                        search = line[call.upperBound...]
                    }
                }
            }
        }
        #expect(checked > 150, "found only \(checked) path components")
        print("spec path literals: \(checked) components checked against the schema")
    }

    /// The decoders read each field by name (`f.int("replicas")`, `f["dependsOn"]`): a misspelt
    /// name would read as absent and silently fall back to the default; it fails here.
    @Test func everyFieldTheDecodersReadIsASchemaField() throws {
        // `severity` is a key of a rule setting, whose other keys are the rule's own parameters.
        let known = try Self.schemaKeys().union(["severity"])
        let methods = "string|int|bool|duration|quantity|byteSize|percent|choice|strings|stringMap|items|object|"
            + "value|required|has|defaulted"
        let reads = try Regex(#"\.(?:"# + methods + #")\("([A-Za-z][A-Za-z0-9]*)"|\["([A-Za-z][A-Za-z0-9]*)"\]"#)
        var checked = 0
        for file in Repository.allFiles(in: "Sources/ShipshapeLoader/Decode", withExtension: "swift") {
            let text = try String(contentsOfFile: Repository.path("Sources/ShipshapeLoader/Decode/\(file)"),
                                  encoding: .utf8)
            for match in text.matches(of: reads) {
                let word = String(match.output[1].substring ?? match.output[2].substring ?? "")
                #expect(known.contains(word), "\(file): '\(word)' is not a field of the spec")
                checked += 1
            }
        }
        #expect(checked > 100, "found only \(checked) field reads")
        print("decoder field reads: \(checked) names checked against the schema")
    }
}
