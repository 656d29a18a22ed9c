import Foundation
import Testing
import TestSupport

/// Inputs that once crashed the loader, resolver or a renderer (found by scripts/fuzz or the
/// hostile corpus), replayed through the fuzz target's replay mode: they must not crash again.
@Suite struct FuzzRegressionTests {
    @Test func crashingInputsNoLongerCrash() throws {
        let folder = Repository.path("Tests/Fixtures/fuzz")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { "\(folder)/\($0)" }
        #expect(inputs.count >= 2)
        let replay = (Shipshape.binary as NSString).deletingLastPathComponent + "/shipshape-fuzz"
        try #require(
            FileManager.default.isExecutableFile(atPath: replay), "build the shipshape-fuzz product: swift build")
        let result = try Processes.run(replay, inputs)
        #expect(!result.signaled && result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("replayed \(inputs.count) inputs without a crash"))
    }
}
