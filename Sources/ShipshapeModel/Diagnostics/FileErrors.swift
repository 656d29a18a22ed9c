import Foundation

/// Plain words for a file-system error: the POSIX reason (`Permission denied`, `Too many levels
/// of symbolic links`) when there is one.
public enum FileErrors {
    public static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
