import Foundation

/// Plain words for a file-system error: the POSIX reason (`Permission denied`, `Too many levels
/// of symbolic links`) when there is one.
public enum FileErrors {
    /// Why `path` cannot be followed to a file (a symbolic link loop, a dangling link, a
    /// folder that cannot be searched), or nil when it can.
    public static func unreachable(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return String(cString: strerror(errno)) }
        free(resolved)
        return nil
    }

    /// The real path of `path` (links followed), or nil when it cannot be followed.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
