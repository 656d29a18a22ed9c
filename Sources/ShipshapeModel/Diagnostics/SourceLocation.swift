import Foundation

/// A place in an input file: the file path as the user gave it, and a 1-based line and column.
///
/// Every value read from a spec keeps one, so any later error can point at the line that caused it.
/// For example `examples/openlearn/stack.yaml:12:7`.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Twelve bytes and no reference: every node of every spec tree keeps two locations, which
    // were 64 bytes and two reference counts on the file's name, copied with the node. The file
    // is one of `SourceFiles`' names; a line and column past 2^31 (far beyond what libyaml
    // parses) are clamped.
    private var fileID: UInt32
    private var storedLine: Int32
    private var storedColumn: Int32

    public var file: String {
        get { SourceFiles.shared.name(fileID) }
        set { fileID = SourceFiles.shared.id(newValue) }
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        fileID = SourceFiles.shared.id(file)
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// Another place in the same file (without looking the file's name up again).
    public func at(line: Int, column: Int) -> SourceLocation {
        var location = self
        location.storedLine = Int32(clamping: line)
        location.storedColumn = Int32(clamping: column)
        return location
    }

    /// The start of a file, for problems that concern the whole file (empty, unreadable).
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.fileID == rhs.fileID { return (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn) }
        return (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// The names of the files locations point into, each kept once for the whole process: a
/// location holds its file's number. The same name always gets the same number, so locations
/// compare by number; numbers are never printed or ordered by (order is by name).
final class SourceFiles: @unchecked Sendable {
    static let shared = SourceFiles()

    private let lock = NSLock()
    // Guarded by `lock`.
    private var names: [String] = []
    private var ids: [String: UInt32] = [:]

    func id(_ name: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[name] { return id }
        let id = UInt32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    func name(_ id: UInt32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[Int(id)]
    }
}
