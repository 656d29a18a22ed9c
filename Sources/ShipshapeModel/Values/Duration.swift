/// A length of time written as `500ms`, `10s`, `5m`, `1h` or a combination such as `1h30m`.
/// A bare integer means seconds.
public struct Duration: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let milliseconds: Int

    public static let expectedForm = "a duration such as 10s, 5m, 1h30m or 500ms"

    /// The longest duration accepted: ten years, in milliseconds.
    public static let longest = 10 * 365 * 86_400_000

    public init(milliseconds: Int) {
        self.milliseconds = milliseconds
    }

    public static func seconds(_ seconds: Int) -> Duration { Duration(milliseconds: seconds * 1000) }

    public init?(_ text: String) {
        guard !text.isEmpty, text.count <= 32 else { return nil }
        if let seconds = Int(text) {
            guard (0...Self.longest / 1000).contains(seconds) else { return nil }
            self.milliseconds = seconds * 1000
            return
        }
        var total = 0
        var digits = ""
        var rest = Substring(text)
        while let c = rest.first {
            if c.isASCII, c.isNumber {
                digits.append(c)
                rest = rest.dropFirst()
                continue
            }
            guard let amount = Int(digits) else { return nil }
            let unit: Int
            if rest.hasPrefix("ms") {
                unit = 1; rest = rest.dropFirst(2)
            } else if c == "s" {
                unit = 1000; rest = rest.dropFirst()
            } else if c == "m" {
                unit = 60_000; rest = rest.dropFirst()
            } else if c == "h" {
                unit = 3_600_000; rest = rest.dropFirst()
            } else if c == "d" {
                unit = 86_400_000; rest = rest.dropFirst()
            } else {
                return nil
            }
            let (product, overflow) = amount.multipliedReportingOverflow(by: unit)
            guard !overflow, product <= Self.longest else { return nil }
            total += product
            digits = ""
        }
        guard digits.isEmpty, total <= Self.longest else { return nil }
        self.milliseconds = total
    }

    /// Whole seconds, when the duration is a whole number of seconds.
    public var wholeSeconds: Int? {
        milliseconds % 1000 == 0 ? milliseconds / 1000 : nil
    }

    /// Seconds, rounded up (for formats that only take seconds).
    public var secondsRoundedUp: Int { (milliseconds + 999) / 1000 }

    /// The shortest form: `90s` -> `1m30s`, `500ms`.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var text = ""
        for (unit, size) in [("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }

    public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.milliseconds < rhs.milliseconds }
}
