/// A Kubernetes resource quantity such as `500m`, `1`, `0.5`, `512Mi`, `1Gi`, `2G` or `1e3`.
///
/// Keeps the text as written (rendered unchanged) and its numeric value for comparisons
/// (limits against requests) and for targets that need plain numbers (compose `cpus`, systemd
/// `CPUQuota=`, `MemoryMax=`).
public struct Quantity: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let text: String
    /// The value in base units: cores for CPU, bytes for memory.
    public let value: Double

    public static let expectedForm = "a quantity such as 500m, 1, 0.5, 512Mi, 1Gi or 2G"

    /// The largest quantity accepted, in base units.
    public static let largest = 9e15

    private static let suffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
        ("P", 1e15), ("E", 1e18),
    ]

    /// Parses the Kubernetes quantity grammar; nil when `text` is not a quantity.
    public init?(_ text: String) {
        guard !text.isEmpty, text.count <= 64 else { return nil }
        var number = Substring(text)
        var multiplier = 1.0
        if let (suffix, factor) = Self.suffixes.first(where: { text.hasSuffix($0.0) }) {
            number = number.dropLast(suffix.count)
            multiplier = factor
        } else if let e = number.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let exponent = Int(number[number.index(after: e)...]), abs(exponent) <= 18 else { return nil }
            number = number[..<e]
            multiplier = Double("1e\(exponent)")!
        }
        guard Self.isDecimal(number), let parsed = Double(number) else { return nil }
        // Not negative; not beyond any machine (8 PiB, 9 quadrillion cores), and small enough that every target's
        // integer form (bytes, millicores, percent of a core) fits in 64 bits.
        guard parsed >= 0, parsed * multiplier <= Self.largest else { return nil }
        self.text = text
        self.value = parsed * multiplier
    }

    /// Digits with at most one decimal point and an optional leading sign (`+1`, `0.5`, `.5`).
    private static func isDecimal(_ text: Substring) -> Bool {
        var body = text
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return false }
        let dots = body.filter { $0 == "." }.count
        return dots <= 1 && body != "."
    }

    public var description: String { text }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value }
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
