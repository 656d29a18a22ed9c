/// A percentage from 1 to 100, written `70%` or `70`.
public struct Percent: Hashable, Sendable, CustomStringConvertible {
    public let value: Int

    public static let expectedForm = "a percentage from 1% to 100%"

    public init?(_ text: String) {
        let digits = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Int(digits), (1...100).contains(value) else { return nil }
        self.value = value
    }

    public var description: String { "\(value)%" }
}

/// A count or a percentage, as Kubernetes takes for `maxSurge` and `maxUnavailable`: `1` or `25%`.
public enum IntOrPercent: Hashable, Sendable, CustomStringConvertible {
    case count(Int)
    case percent(Int)

    public static let expectedForm = "a whole number or a percentage such as 1 or 25%"

    public init?(_ text: String) {
        if text.hasSuffix("%") {
            guard let value = Int(text.dropLast()), (0...100).contains(value) else { return nil }
            self = .percent(value)
        } else {
            guard let value = Int(text), value >= 0 else { return nil }
            self = .count(value)
        }
    }

    public var description: String {
        switch self {
        case let .count(n): "\(n)"
        case let .percent(p): "\(p)%"
        }
    }

    /// True when it lets no replica go (0 or 0%).
    public var isZero: Bool { self == .count(0) || self == .percent(0) }
}
