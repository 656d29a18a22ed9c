import Foundation
import Testing
import TestSupport

/// The committed `examples/<name>/rendered/` output is what shipshape renders today, and every
/// file in it passes its judges.
@Suite struct RenderedExamplesTests {
    @Test(arguments: Repository.examples)
    func committedOutputIsCurrent(_ example: String) throws {
        let result = try Shipshape.run(["render", "examples/\(example)", "--check"])
        #expect(
            result.exitCode == 0,
            Comment(rawValue: "examples/\(example)/rendered is stale; run: swift run shipshape render "
                + "examples/\(example)\n\(result.stdout)")
        )
        #expect(result.stdout == "up to date\n")
    }

    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptEveryCommittedFile() throws {
        try Judges.require()
        var total = 0
        for example in Repository.examples {
            let folder = Repository.path("examples/\(example)/rendered")
            #expect(FileManager.default.fileExists(atPath: folder), "\(example) has no rendered/ folder")
            let verdict = try Judges.run(
                folder,
                environment: [
                    "JUDGE_SKIP": "checkov",
                    "JUDGE_SYSTEMD_EXTRA_UNITS": "postgresql.service redis-server.service elasticsearch.service",
                    "JUDGE_SYSTEMD_MAX_EXPOSURE": "20",
                ])
            #expect(
                verdict.failed == 0, "\(example): \(verdict.failures)\n\(verdict.details)")
            total += verdict.passed
        }
        #expect(total > 150)
    }

    /// checkov is a second opinion no one here wrote: every production Kubernetes manifest of
    /// every example passes its Kubernetes checks, with only image digests (CKV_K8S_43) and pull
    /// policy Always (CKV_K8S_15) skipped — docs/POLICY.md says why.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func checkovAcceptsEveryProductionManifest() throws {
        try Judges.require()
        let folders = Repository.examples.map { "examples/\($0)/rendered/production/kubernetes" }
            .filter { FileManager.default.fileExists(atPath: Repository.path($0)) }
        #expect(folders.count >= 2, "openlearn and doc-scraper render Kubernetes in production")
        for folder in folders {
            let verdict = try Judges.run(
                Repository.path(folder), environment: ["JUDGE_CHECKOV_SKIP_CHECKS": "CKV_K8S_43,CKV_K8S_15"])
            let checkov = verdict.lines.filter { $0.contains(" checkov ") }
            #expect(!checkov.isEmpty, "\(folder): checkov did not run")
            #expect(
                verdict.failed == 0, "\(folder): \(verdict.failures)\n\(verdict.details)")
        }
    }
}
