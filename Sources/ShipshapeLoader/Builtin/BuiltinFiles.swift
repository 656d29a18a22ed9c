/// The standard environment profiles and blueprints, built into the binary so shipshape works
/// anywhere. `BuiltinFiles.generated.swift` holds their text; `scripts/embed-resources`
/// regenerates it from `environments/` and `templates/`, and a test fails when it is stale.
public enum BuiltinFiles {
    /// `(path, text)` of every standard profile, e.g. `("environments/production.yaml", "...")`.
    public static var environments: [(String, String)] { generatedFiles.filter { $0.0.hasPrefix("environments/") } }
    /// `(path, text)` of every standard blueprint.
    public static var templates: [(String, String)] { generatedFiles.filter { $0.0.hasPrefix("templates/") } }
    /// Every embedded file.
    public static var all: [(String, String)] { generatedFiles }
}
