import Foundation
import ShipshapeDiff
import ShipshapeImport
import ShipshapeModel
import ShipshapePipeline
import ShipshapeRender
import TestSupport
import Testing

/// Imports each example's committed output and renders the imported stack: the semantic diff
/// finds it equal, or every difference is listed in the loss report.
struct RoundTripTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var example: String
        var environment: String
        var target: Target
        var testDescription: String { "\(example) \(environment) \(target.rawValue)" }
    }

    static let cases: [Case] = {
        var result: [Case] = []
        let examples = (try? FileManager.default.contentsOfDirectory(atPath: Repository.path("examples"))) ?? []
        for example in examples.sorted() {
            let rendered = Repository.path("examples/\(example)/rendered")
            for environment in ((try? FileManager.default.contentsOfDirectory(atPath: rendered)) ?? []).sorted() {
                for target in [Target.compose, .kubernetes]
                where FileManager.default.fileExists(atPath: "\(rendered)/\(environment)/\(target.rawValue)") {
                    result.append(Case(example: example, environment: environment, target: target))
                }
            }
        }
        return result
    }()

    @Test func everyExampleIsCovered() {
        #expect(Self.cases.count >= 10)
        #expect(Set(Self.cases.map(\.example)).count == Repository.examples.count)
        #expect(Self.cases.contains { $0.target == .kubernetes })
    }

    /// A copy of the example without its stack.yaml; the import writes one in its place.
    static func importExample(_ c: Case) throws -> (folder: URL, result: ImportResult) {
        let folder = Repository.temporaryFolder()
        let source = Repository.path("examples/\(c.example)")
        for item in try FileManager.default.contentsOfDirectory(atPath: source) where item != "stack.yaml" {
            try FileManager.default.copyItem(
                atPath: "\(source)/\(item)", toPath: folder.appendingPathComponent(item).path)
        }
        let input = folder.appendingPathComponent("rendered/\(c.environment)/\(c.target.rawValue)").path
        let options = ImportOptions(environment: c.environment, outFolder: folder.path)
        let result: ImportResult
        if c.target == .compose {
            result = try ComposeImporter.run(
                base: [try InputFile.read("\(input)/docker-compose.yml")], options: options)
        } else {
            result = try KubernetesImporter.run(try KubernetesImporter.files([input]), options: options)
        }
        try StackWriter.write(result, sources: [input], to: folder.path, force: false)
        return (folder, result)
    }

    /// Whether a loss names the object (and field) that differs.
    static func covers(_ loss: Loss, _ change: DiffReport.ObjectChange) -> Bool {
        if change.target == "compose" {
            let name = change.identity.replacingOccurrences(of: "service/", with: "")
            return loss.key == "services.\(name)" || loss.key.hasPrefix("services.\(name).")
                || loss.key.hasPrefix("\(name).")
        }
        return loss.key == change.identity || loss.key.hasPrefix(change.identity + ".")
    }

    /// Round trips that lose something the import does not report yet, and what: NetBox's
    /// NetworkPolicies list their peers (dependents and `allowFrom` callers, alternatives whose
    /// order means nothing) in another order after import. The test fails once they round-trip.
    static let knownGaps: [String: String] = [
        "netbox staging kubernetes": "spec.ingress[0].from[", "netbox production kubernetes": "spec.ingress[0].from[",
    ]

    @Test(arguments: cases)
    func roundTrip(_ c: Case) throws {
        let gap = Self.knownGaps[c.testDescription]
        var unreported: [String] = []
        defer {
            if let gap {
                #expect(!unreported.isEmpty, "\(c.testDescription) round-trips now: remove it from knownGaps")
                #expect(unreported.allSatisfy { $0.hasPrefix(gap) }, "\(unreported)")
            }
        }
        let (folder, result) = try Self.importExample(c)
        let pipeline = try Pipeline.load(folder.path)
        let rendered = try pipeline.render([c.environment], targets: [c.target]).files
        #expect(!rendered.isEmpty)
        let imported = ArtifactReader.artifacts(rendered)
        let original = try ArtifactReader.artifacts(
            inFolder: Repository.path("examples/\(c.example)/rendered/\(c.environment)/\(c.target.rawValue)"))
        let report = Differ.diff(original, imported)
        if c.target == .compose {
            // The nginx service comes back as `proxy:`, read from the site it mounts.
            let source = try String(
                contentsOfFile: Repository.path(
                    "examples/\(c.example)/rendered/\(c.environment)/compose/docker-compose.yml"),
                encoding: .utf8)
            let stack = try String(contentsOf: folder.appendingPathComponent(StackWriter.stackFile), encoding: .utf8)
            #expect(source.contains(":/etc/nginx/conf.d/default.conf:ro") == stack.contains("\nproxy:\n"))
            #expect(!report.changes.contains { $0.identity.hasSuffix("nginx") }, "the proxy service differs")
        }
        let written = try String(
            contentsOf: folder.appendingPathComponent(StackWriter.reportFile), encoding: .utf8)
        for change in report.changes {
            let what = "\(change.kind) \(change.identity): \(change.fields.map(\.path))"
            // Every difference is listed in the loss report that import wrote beside the stack.
            let listed = result.losses.filter { Self.covers($0, change) }
            if gap != nil, listed.isEmpty, change.kind == .changed, change.identity.hasPrefix("NetworkPolicy/") {
                unreported += change.fields.map(\.path)
                continue
            }
            #expect(!listed.isEmpty, "not in the loss report: \(what)")
            for loss in listed {
                #expect(written.contains("\(loss)\n"), "\(what): \(loss) is not in \(StackWriter.reportFile)")
            }
        }
    }
}
