import Foundation
import ShipshapeLoader
import ShipshapeModel
import Testing
import TestSupport

/// A stack is read only from a regular file: a named pipe or a device is refused at once (it
/// would block, or never end), a folder is named as one, and a file is read whole.
@Suite struct SpecFileTests {
    func loadError(_ path: String) -> String {
        do {
            _ = try Project.load(path)
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    @Test func aNamedPipeIsRefusedWithoutWaitingForAWriter() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("stack.yaml").path
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(loadError(folder.path) == "\(pipe):1:1: error: stack.yaml is not a regular file, expected a YAML file")
    }

    @Test func aDeviceIsRefused() {
        #expect(loadError("/dev/zero") == "/dev/zero:1:1: error: zero is not a regular file, expected a YAML file")
    }

    @Test func aFolderNamedLikeTheStackIsNamedAsOne() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = folder.appendingPathComponent("stack.yaml")
        try FileManager.default.createDirectory(at: stack, withIntermediateDirectories: true)
        #expect(loadError(folder.path) == "\(stack.path):1:1: error: stack.yaml is a folder, expected a YAML file")
    }

    @Test func aFileIsReadWholeWhateverItsSize() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Past several reads' worth, with the last service at the very end.
        let services = (0..<400).map { "  svc-\($0): {image: \"demo/svc:1.0.\($0)\"}\n" }.joined()
        try ("stack: demo\nservices:\n" + services).write(to: folder.appendingPathComponent("stack.yaml"),
                                                           atomically: true, encoding: .utf8)
        let project = try Project.load(folder.path)
        #expect(project.stack["services"]?.mapping?.count == 400)
        #expect(project.stack["services"]?["svc-399"]?["image"]?.scalar == "demo/svc:1.0.399")
    }
}
