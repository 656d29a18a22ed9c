/// A size in bytes as proxies write it: `10m` or `10M` (MiB), `512k`, `1g`, `10Mi`, `1048576`.
/// Units are binary, as in nginx (`k` = 1024).
public struct ByteSize: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let bytes: Int

    public static let expectedForm = "a size such as 10m, 512k, 1g or a number of bytes"

    public init(bytes: Int) {
        self.bytes = bytes
    }

    public init?(_ text: String) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 12, let number = Int(digits) else { return nil }
        let unit = text.dropFirst(digits.count).lowercased()
        let factor: Int
        switch unit {
        case "", "b": factor = 1
        case "k", "ki", "kb", "kib": factor = 1024
        case "m", "mi", "mb", "mib": factor = 1_048_576
        case "g", "gi", "gb", "gib": factor = 1_073_741_824
        default: return nil
        }
        let (product, overflow) = number.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        self.bytes = product
    }

    /// The shortest nginx form: `10m`, `512k`, or bytes.
    public var description: String {
        if bytes > 0, bytes % 1_073_741_824 == 0 { return "\(bytes / 1_073_741_824)g" }
        if bytes > 0, bytes % 1_048_576 == 0 { return "\(bytes / 1_048_576)m" }
        if bytes > 0, bytes % 1024 == 0 { return "\(bytes / 1024)k" }
        return "\(bytes)"
    }

    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }
}
