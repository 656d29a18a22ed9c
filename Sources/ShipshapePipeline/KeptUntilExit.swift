import Foundation

/// Values a command-line run keeps until the process exits instead of freeing them.
///
/// A render of 5,000 services builds millions of small objects (spec trees, artifacts, printed
/// files) that live until the command ends; freeing them one by one just before `exit` cost
/// about a tenth of the run's CPU, and the operating system takes the whole heap back at once.
/// Off unless the command-line tool turns it on (`shipshape` does, before any work), so tests
/// and library users free everything as usual.
public enum KeptUntilExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var enabled = false
    nonisolated(unsafe) private static var values: [Any] = []

    /// Keeps every value passed to `keep` from now on (call once, before any work starts).
    public static func enable() {
        lock.withLock { enabled = true }
    }

    /// Holds `value` until the process exits when enabled; does nothing otherwise.
    public static func keep(_ value: Any) {
        lock.withLock {
            if enabled { values.append(value) }
        }
    }
}
