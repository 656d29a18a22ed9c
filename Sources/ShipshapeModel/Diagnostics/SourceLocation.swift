/// A place in an input file: the file path as the user gave it, and a 1-based line and column.
///
/// Every value read from a spec keeps one, so any later error can point at the line that caused it.
/// For example `examples/openlearn/stack.yaml:12:7`.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    // Stored in 32 bits each: every node of every spec tree keeps two locations, and 8 bytes
    // less apiece kept a tree's node within a smaller allocation. (A spec file is parsed only
    // up to libyaml's limits, far below 2^31 lines or columns; larger values are clamped.)
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.file = file
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// The start of a file, for problems that concern the whole file (empty, unreadable).
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
