import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapePipeline
import ShipshapePolicy
import ShipshapeRender

/// Feeds one input through the pipeline: loader, resolver, every renderer, the layout and the
/// policy rules. Any outcome but a crash is fine: a DiagnosticError is the expected answer to
/// bad input.
func exercise(_ data: Data) {
    guard let project = try? Project.parse(data, file: "fuzz.yaml") else { return }
    let pipeline = Pipeline(project: project)
    for environment in project.environments.prefix(4) {
        _ = try? pipeline.render([environment])
        _ = try? pipeline.validate([environment], engine: PolicyEngine(today: "2026-01-01"))
        guard let stack = try? project.resolve(environment) else { continue }
        _ = ResolvedDocument(stack, explain: true).node
    }
}

#if FUZZING
/// libFuzzer's entry point. scripts/fuzz compiles this target with `-sanitize=fuzzer` and links it
/// by hand against libFuzzer's own `main` (SwiftPM would add a `main` of its own).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    if let bytes { exercise(Data(bytes: bytes, count: count)) }
    return 0
}
#else
/// Without libFuzzer: replays the files given as arguments (the regression corpus).
@main
struct Replay {
    static func main() {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            exercise(data)
            count += 1
        }
        print("replayed \(count) inputs without a crash")
    }
}
#endif
