import Foundation

/// Paths of the repository the tests run in.
public enum Repository {
    /// The repository root (this file is Tests/TestSupport/Repository.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// The example stacks under examples/.
    public static var examples: [String] {
        let folder = path("examples")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/stack.yaml") }
            .sorted()
    }

    /// Files in a folder of the repository with a given extension, sorted.
    public static func files(in relativeFolder: String, withExtension ext: String) -> [String] {
        let folder = path(relativeFolder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix("." + ext) }.sorted()
    }

    /// Files below a folder of the repository (recursively) with a given extension, as paths
    /// relative to that folder, sorted.
    public static func allFiles(in relativeFolder: String, withExtension ext: String) -> [String] {
        let folder = path(relativeFolder)
        return ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix("." + ext) }.sorted()
    }

    /// A fresh temporary folder, removed by the caller.
    public static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shipshape-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
