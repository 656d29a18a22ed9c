import Foundation
import ShipshapeCLI
import Testing
import TestSupport

/// Code that reads a spec field names it by a constant generated from the schema
/// (`Key.Service.replicas`, Sources/ShipshapeModel/Spec/SpecKeys.generated.swift), so a misspelt
/// field does not compile. These tests keep it that way: the generated file is current, and no
/// path lookup or decoder read spells a field as a string literal (which would silently yield
/// the parent's location, or read as absent).
@Suite struct SpecPathLiteralTests {
    @Test func generatedKeysAreCurrent() throws {
        let committed = try String(contentsOfFile: Repository.path(SpecKeysSource.path), encoding: .utf8)
        #expect(committed == SpecKeysSource.swift, "\(SpecKeysSource.path) is stale: run scripts/gen-spec-keys")
    }

    /// Calls that take a path into the spec: `stack.location(of: ...)`, `source.location(at: [...])`,
    /// `serviceLocation(service, ...)`, the renderers' `at(...)`, and paths extended by `p + [...]`.
    static let lookups = [
        #"location\(of: [^)]*\)"#, #"location\(at: \[[^\]]*\]"#, #"node\(at: \[[^\]]*\]"#,
        #"\.location\(\[[^\]]*\]"#, #"serviceLocation\([^)]*\)"#, #"[^A-Za-z.]at\(\[[^\]]*\]"#,
        #"[^A-Za-z.]at\((?:"|Key\.)[^)]*\)(?: \+ \[[^\]]*\])?"#, #"[^A-Za-z.](?:p|q|path) \+ \[[^\]]*\]"#,
        #"let (?:p|q|path) = \[[^\]]*\]"#,
    ]

    /// Literals a path may hold that are values, not fields: keys of `systemd.hardening`.
    static let freeFormLiterals: Set<String> = ["ProtectHome", "AmbientCapabilities"]

    static func codeLines(_ file: String) throws -> [Substring] {
        let text = try String(contentsOfFile: Repository.path(file), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
    }

    @Test func noPathLookupSpellsAFieldAsALiteral() throws {
        var constants = 0, freeForm = 0, literals = 0
        // Lint and import read rendered compose and Kubernetes files, whose keys are not the spec's.
        let files = Repository.allFiles(in: "Sources", withExtension: "swift").filter {
            !$0.hasSuffix(".generated.swift") && !$0.hasPrefix("ShipshapeLint/") && !$0.hasPrefix("ShipshapeImport/")
        }
        for file in files {
            // One line per file, so that a call wrapped over several lines is seen whole.
            let code = try Self.codeLines("Sources/\(file)").map { $0.trimmingCharacters(in: .whitespaces) }
            for line in [Substring(code.joined(separator: " "))] {
                for pattern in Self.lookups {
                    var search = line[...]
                    while let call = search.range(of: pattern, options: .regularExpression) {
                        let text = String(line[call])
                        constants += text.matches(of: /Key\.[A-Za-z]+\.`?[A-Za-z]+/).count
                        for literal in text.matches(of: /"([A-Za-z][A-Za-z0-9]*)"/) {
                            let word = String(literal.1)
                            if Self.freeFormLiterals.contains(word) {
                                freeForm += 1
                            } else {
                                let message = "\(file): '\(word)' is a literal in a path lookup; "
                                    + "use Key.<Object>.\(word) (SpecKeys.generated.swift): \(text)"
                                Issue.record(Comment(rawValue: message))
                                literals += 1
                            }
                        }
                        search = line[call.upperBound...]
                    }
                }
            }
        }
        #expect(constants > 350, "found only \(constants) path components")
        print("spec path lookups: \(constants) components are Key constants, \(literals) field literals, "
                  + "\(freeForm) free-form values (systemd directives)")
    }

    /// The decoders read each field by name (`f.int(Key.Service.replicas)`, `f[Key.Service.dependsOn]`),
    /// and so does the resolver (`stack[Key.Stack.environments]`).
    @Test func noDecoderReadSpellsAFieldAsALiteral() throws {
        let methods = "string|int|bool|duration|quantity|byteSize|percent|choice|strings|stringMap|items|object|"
            + "value|required|has|defaulted|flag|user|labelMap|metrics|name"
        let literalRead = try Regex(#"[.\s(](?:"# + methods + #")\((?:f, )?"[A-Za-z][A-Za-z0-9]*""#
                                        + #"|\["[A-Za-z][A-Za-z0-9]*"\]|of: "[A-Za-z]+"|node\(for: "[A-Za-z]+""#
                                        + #"|case "[A-Za-z]+":"#)
        let constantRead = try Regex(#"Key\.[A-Za-z]+\.`?[A-Za-z]+"#)
        var constants = 0
        // The resolver reads the layers' trees by key too (`stack[Key.Stack.environments]`).
        let subscriptRead = try Regex(#"\["[a-z][A-Za-z0-9]*"\]"#)
        let files = Repository.allFiles(in: "Sources/ShipshapeLoader/Decode", withExtension: "swift")
            .map { "Decode/\($0)" }
            + Repository.allFiles(in: "Sources/ShipshapeLoader/Resolve", withExtension: "swift").map { "Resolve/\($0)" }
        for file in files {
            for line in try Self.codeLines("Sources/ShipshapeLoader/\(file)") {
                let reads = file.hasPrefix("Decode/") ? line.matches(of: literalRead) : line.matches(of: subscriptRead)
                for match in reads {
                    let message = "\(file): \(line[match.range]) reads a field by a literal; use Key.<Object>.<field>"
                    Issue.record(Comment(rawValue: message))
                }
                constants += line.matches(of: constantRead).count
            }
        }
        #expect(constants > 300, "found only \(constants) field reads")
        print("decoder field reads: \(constants) by Key constant, 0 by literal")
    }
}
