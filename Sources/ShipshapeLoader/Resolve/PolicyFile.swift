import Foundation
import ShipshapeModel

/// An organisation-wide policy file (`--policy FILE`): `rules:` as in a profile's `policy`,
/// applied to every environment above the stack's own settings.
public enum PolicyFile {
    public static func load(_ path: String) throws -> PolicySettings {
        let tree = try Project.readYAML(path, layer: .base)
        let diagnostics = DiagnosticCollector()
        SchemaValidator(diagnostics: diagnostics).check(tree, against: .object(SpecSchema.policy))
        try diagnostics.throwIfErrors()
        let settings = PolicyDecoder(diagnostics: diagnostics).decode(Fields(tree, diagnostics))
        try diagnostics.throwIfErrors()
        return settings
    }
}
