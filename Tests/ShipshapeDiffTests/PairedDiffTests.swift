import ShipshapeDiff
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

/// `PairedDiff`, fed one artifact at a time, reports exactly what `Differ.diff` reports for the
/// same artifacts read whole.
@Suite struct PairedDiffTests {
    static let examples = ["openlearn", "doc-scraper", "residency-scheduler", "netbox", "miniflux"]
    static let environments = ["development", "staging", "production"]

    static func rendered(_ example: String, _ environment: String) throws -> [ShipshapeRender.Artifact] {
        let stack = try Rendering.example(example, environment)
        let rendered = Renderers.artifacts(stack, targets: nil, context: .standard)
        if !rendered.diagnostics.isEmpty { throw DiagnosticError(rendered.diagnostics) }
        return rendered.artifacts
    }

    @Test(arguments: examples)
    func pairedDiffReportsWhatDifferReports(_ example: String) throws {
        let sides = try Self.environments.map { try Self.rendered(example, $0) }
        for (a, old) in zip(Self.environments, sides) {
            for (b, new) in zip(Self.environments, sides) {
                let expected = Differ.diff(try ArtifactReader.artifacts(rendered: old),
                                           try ArtifactReader.artifacts(rendered: new), environments: (a, b))
                var paired = PairedDiff(environments: (a, b))
                for artifact in old { try paired.add(old: artifact) }
                for artifact in new { try paired.compare(new: artifact) }
                #expect(paired.report() == expected, "\(example) \(a) -> \(b)")
            }
        }
    }
}
