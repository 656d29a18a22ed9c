import Foundation
import ShipshapeCLI
import Testing
import TestSupport

@Suite struct DocsTests {
    @Test func specReferenceIsCurrent() throws {
        let spec = try String(contentsOfFile: Repository.path("docs/SPEC.md"), encoding: .utf8)
        let marker = "<!-- generated below by scripts/gen-docs: do not edit -->\n\n"
        let generated = try #require(spec.range(of: marker).map { String(spec[$0.upperBound...]) })
        #expect(generated == SpecReference.markdown, "docs/SPEC.md is stale: run scripts/gen-docs")
    }

    @Test func specReferenceDocumentsNestedFields() {
        for key in ["replicas", "autoscale", "hostUnit", "readWritePaths", "redirectHTTP", "averageValue", "failureThreshold", "storeKind"] {
            #expect(SpecReference.markdown.contains("| `\(key)` |"), "\(key)")
        }
    }
}
