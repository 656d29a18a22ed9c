import Foundation
import ShipshapeModel

/// An organisation-wide policy file (`--policy FILE`): `rules:` as in a profile's `policy`,
/// applied to every environment above the stack's own settings.
public enum PolicyFile {
    public static func load(_ path: String) throws -> PolicySettings {
        try settings(Project.readYAML(path, layer: .base), schema: SpecSchema.policy)
    }

    /// The `policy:` of an environment profile, for `lint --profile`: a standard profile by name
    /// (`development`, `staging`, `production`) or a profile file (`environments/edge.yaml`).
    public static func profile(_ nameOrPath: String) throws -> PolicySettings {
        let builtin = try Project.builtinTrees(BuiltinFiles.environments, layer: { .profile($0) },
                                               diagnostics: DiagnosticCollector())
        if let tree = builtin[nameOrPath] { return try settings(tree, schema: SpecSchema.profile, key: "policy") }
        guard nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") || nameOrPath.contains("/") else {
            let known = builtin.keys.sorted()
            throw DiagnosticError(.error("unknown profile '\(nameOrPath)'", at: nil,
                                         expected: Suggestions.oneOf(known) + " or a profile file",
                                         hint: Suggestions.hint(for: nameOrPath, in: known)))
        }
        let name = ((nameOrPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let tree = try Project.readYAML(nameOrPath, layer: .profile(name))
        return try settings(tree, schema: SpecSchema.profile, key: "policy")
    }

    /// `tree` checked against `schema`, then its `policy` (the `key` member, or the whole tree) decoded.
    private static func settings(_ tree: SpecNode, schema: SchemaObject, key: String? = nil) throws -> PolicySettings {
        let diagnostics = DiagnosticCollector()
        SchemaValidator(diagnostics: diagnostics).check(tree, against: .object(schema))
        try diagnostics.throwIfErrors()
        guard let policy = key.map({ tree[$0] }) ?? tree else { return PolicySettings() }
        let settings = PolicyDecoder(diagnostics: diagnostics).decode(Fields(policy, diagnostics))
        try diagnostics.throwIfErrors()
        return settings
    }
}
