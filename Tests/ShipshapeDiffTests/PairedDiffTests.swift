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

    /// The report of `PairedDiff` fed one artifact a side, and `Differ.diff`'s of the same two
    /// read whole (staging against production).
    static func reports(_ old: ShipshapeRender.Artifact, _ new: ShipshapeRender.Artifact) throws
        -> (paired: DiffReport, expected: DiffReport) {
        var paired = PairedDiff(environments: ("staging", "production"))
        try paired.add(old: old)
        try paired.compare(new: new)
        let expected = Differ.diff(try ArtifactReader.artifacts(rendered: [old]),
                                   try ArtifactReader.artifacts(rendered: [new]),
                                   environments: ("staging", "production"))
        return (paired.report(), expected)
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

    /// Objects whose maps hold the same keys in the same order are compared member by member:
    /// the fields still come in the order of their keys, and of a repeated key the first counts.
    @Test func membersInTheSameOrderReportAsTheGeneralCase() throws {
        func object(_ b: Int, _ a: Int, _ repeated: Int) -> ShipshapeRender.Artifact {
            let fields: [(String, DocNode)] = [("spec", .map([("b", .int(b)), ("a", .int(a)), ("a", .int(repeated))]))]
            let object = KubernetesObject(apiVersion: "v1", kind: "ConfigMap", name: "x", namespace: nil,
                                          fields: fields)
            return ShipshapeRender.Artifact(id: ArtifactID(environment: "e", target: .kubernetes, kind: "ConfigMap",
                                                           name: "x"), body: .kubernetes(object))
        }
        for (old, new) in [(object(1, 2, 3), object(5, 6, 3)), (object(1, 2, 3), object(1, 2, 9)),
                           (object(1, 2, 3), object(1, 7, 3))] {
            let (paired, expected) = try Self.reports(old, new)
            #expect(paired == expected)
        }
        // Objects whose labels differ, or with a field named like the metadata, are compared as
        // documents: the report is still the general one.
        func labelled(_ label: String, _ extra: [(String, DocNode)]) -> ShipshapeRender.Artifact {
            let object = KubernetesObject(apiVersion: "v1", kind: "ConfigMap", name: "x", namespace: "n",
                                          labels: [("tier", label)], fields: extra + [("data", .map([("k", .int(1))]))])
            return ShipshapeRender.Artifact(id: ArtifactID(environment: "e", target: .kubernetes, kind: "ConfigMap",
                                                           name: "x"), body: .kubernetes(object))
        }
        for (old, new) in [(labelled("a", []), labelled("b", [])),
                           (labelled("a", [("metadata", .int(1))]), labelled("a", [("metadata", .int(2))])),
                           (labelled("a", [("kind", .string("Secret"))]), labelled("a", []))] {
            let (paired, expected) = try Self.reports(old, new)
            #expect(paired == expected)
        }
        let report = try Self.reports(object(1, 2, 3), object(5, 6, 9)).paired
        #expect(report.changes.first?.fields.map(\.path) == ["spec.a", "spec.b"])
    }

    /// Lists of named items in the same order are compared item by item: the fields still come
    /// in the order of the names, as the general case gives them.
    @Test func namedItemsInTheSameOrderReportAsTheGeneralCase() throws {
        func object(_ images: [(String, String)]) -> ShipshapeRender.Artifact {
            let containers = DocNode.list(images.map { .map([("name", .string($0.0)), ("image", .string($0.1))]) })
            let object = KubernetesObject(apiVersion: "apps/v1", kind: "Deployment", name: "x", namespace: nil,
                                          fields: [("spec", .map([("containers", containers)]))])
            return ShipshapeRender.Artifact(id: ArtifactID(environment: "e", target: .kubernetes, kind: "Deployment",
                                                           name: "x"), body: .kubernetes(object))
        }
        let cases = [(object([("b", "1"), ("a", "2")]), object([("b", "3"), ("a", "4")])),
                     (object([("b", "1"), ("a", "2")]), object([("a", "2"), ("b", "1")])),
                     (object([("b", "1"), ("b", "2")]), object([("b", "1"), ("b", "3")])),
                     (object([("b", "1")]), object([("c", "1")]))]
        for (old, new) in cases {
            let (paired, expected) = try Self.reports(old, new)
            #expect(paired == expected)
        }
        let report = try Self.reports(cases[0].0, cases[0].1).paired
        #expect(report.changes.first?.fields.map(\.path) == ["spec.containers[a].image", "spec.containers[b].image"])
    }
}
