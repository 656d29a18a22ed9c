import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender

/// Feeds one input through the loader, the resolver and every renderer. Any outcome but a crash
/// is fine: a DiagnosticError is the expected answer to bad input.
func exercise(_ data: Data) {
    guard let project = try? Project.parse(data, file: "fuzz.yaml") else { return }
    for environment in project.environments.prefix(4) {
        guard let stack = try? project.resolve(environment) else { continue }
        var output = RenderOutput()
        try? output.add(stack, targets: nil)
        _ = ResolvedDocument(stack, explain: true).node
    }
}

#if FUZZING
/// libFuzzer's driver (linked with `-sanitize=fuzzer`; see scripts/fuzz). SwiftPM owns `main`,
/// so the driver is started from it rather than from libFuzzer's own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
            if let bytes { exercise(Data(bytes: bytes, count: count)) }
            return 0
        }
        exit(status)
    }
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
