import Foundation

/// Runs the built `shipshape` binary, as a user or CI would.
public enum Shipshape {
    public typealias Result = Processes.Result

    /// The binary next to the test bundle (`swift build` puts both in .build/<config>/).
    public static var binary: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("shipshape").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Repository.path(".build/debug/shipshape")
    }

    /// Runs `shipshape arguments...` in `directory` (default: the repository root).
    public static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        try Processes.run(binary, arguments, environment: environment, in: directory ?? Repository.root.path)
    }
}
