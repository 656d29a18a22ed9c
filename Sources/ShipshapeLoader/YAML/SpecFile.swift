import Foundation
import ShipshapeModel

/// Reads a spec file's bytes with one `open`, `fstat` and `read` loop: Foundation's file
/// attributes, URL and cast cost a small stack more than parsing it. Only a regular file under
/// 64 MiB is read: a folder, a named pipe or a device (which would block, or never end) is a
/// located error, as is a file that cannot be opened.
enum SpecFile {
    static let maxBytes = 64 * 1024 * 1024

    static func read(_ file: String) throws -> Data {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw unreadable(file, errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw unreadable(file, errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw DiagnosticError(.error("\((file as NSString).lastPathComponent) is a folder", at: .start(of: file),
                                         expected: "a YAML file"))
        default:
            throw DiagnosticError(.error("\((file as NSString).lastPathComponent) is not a regular file",
                                         at: .start(of: file), expected: "a YAML file"))
        }
        guard Int(info.st_size) <= maxBytes else { throw tooLarge(file, Int(info.st_size)) }
        // One byte more than the size: a file that grew since is read on to its end.
        var data = Data(count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == data.count {
                guard filled <= maxBytes else { throw tooLarge(file, filled) }
                data.count += max(4096, filled)
            }
            let count = data.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(file, errno)
            }
            filled += count
        }
        data.count = filled
        return data
    }

    private static func unreadable(_ file: String, _ code: Int32) -> DiagnosticError {
        let reason = FileErrors.unreachable(file) ?? String(cString: strerror(code))
        return DiagnosticError(.error("cannot read the file (\(reason))", at: .start(of: file),
                                      expected: "a readable YAML file"))
    }

    private static func tooLarge(_ file: String, _ size: Int) -> DiagnosticError {
        DiagnosticError(.error("the file is \(size / 1_048_576) MiB", at: .start(of: file),
                               expected: "a spec file under 64 MiB"))
    }
}
