import Foundation

/// A standard five-field cron expression (`minute hour day-of-month month day-of-week`), as
/// Kubernetes CronJobs take it, parsed so other targets (systemd `OnCalendar=`) can translate it.
///
/// Supported: `*`, numbers, ranges `1-5`, steps `*/15`, `0-30/10`, `5/15`, lists `1,15`, month
/// names `JAN`-`DEC`, weekday names `SUN`-`SAT` (0 and 7 are Sunday), and the macros `@hourly`,
/// `@daily`, `@midnight`, `@weekly`, `@monthly`, `@yearly`, `@annually`.
/// Not supported (no equivalent in every target): `@reboot`, `?`, `L`, `W`, `#`, seconds fields.
public struct CronExpression: Hashable, Sendable, CustomStringConvertible {
    /// One comma-separated element of a field: a range (or everything) with an optional step.
    public struct Item: Hashable, Sendable {
        /// nil for `*`.
        public var range: ClosedRange<Int>?
        public var step: Int?

        public init(range: ClosedRange<Int>?, step: Int?) {
            self.range = range
            self.step = step
        }
    }

    public enum Field: Int, CaseIterable, Sendable {
        case minute, hour, dayOfMonth, month, dayOfWeek

        public var bounds: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        public var name: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .dayOfMonth: "day of month"
            case .month: "month"
            case .dayOfWeek: "day of week"
            }
        }

        var names: [String] {
            switch self {
            case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
            default: []
            }
        }
    }

    public let text: String
    /// The five fields in order, each a list of items.
    public let fields: [[Item]]

    public static let expectedForm =
        "a five-field cron expression such as '*/15 * * * *' or '0 2 * * *', or @hourly/@daily/@weekly/@monthly/@yearly"

    private static let macros: [String: String] = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
        "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]

    /// Parses `text`; on failure returns the reason.
    public static func parse(_ text: String) -> Result<CronExpression, CronError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let expanded: String
        if trimmed.hasPrefix("@") {
            guard let macro = macros[trimmed.lowercased()] else {
                return .failure(CronError("'\(trimmed)' has no equivalent on every target"))
            }
            expanded = macro
        } else {
            expanded = trimmed
        }
        let parts = expanded.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5 else {
            return .failure(CronError("it has \(parts.count) field\(parts.count == 1 ? "" : "s")"))
        }
        var fields: [[Item]] = []
        for (field, part) in zip(Field.allCases, parts) {
            switch parseField(String(part), field) {
            case let .success(items): fields.append(items)
            case let .failure(error): return .failure(error)
            }
        }
        return .success(CronExpression(text: text, fields: fields))
    }

    public init?(_ text: String) {
        guard case let .success(parsed) = Self.parse(text) else { return nil }
        self = parsed
    }

    private init(text: String, fields: [[Item]]) {
        self.text = text
        self.fields = fields
    }

    public func items(_ field: Field) -> [Item] { fields[field.rawValue] }

    public var description: String { text }

    private static func parseField(_ text: String, _ field: Field) -> Result<[Item], CronError> {
        var items: [Item] = []
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = element.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count) else {
                return .failure(CronError("'\(element)' in the \(field.name) field is not a value, range or step"))
            }
            var step: Int?
            if pieces.count == 2 {
                guard let s = Int(pieces[1]), s >= 1, s <= field.bounds.upperBound + 1 else {
                    return .failure(CronError("'\(pieces[1])' is not a valid step in the \(field.name) field"))
                }
                step = s
            }
            let base = String(pieces[0])
            if base == "*" {
                items.append(Item(range: nil, step: step))
                continue
            }
            let ends = base.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count) else {
                return .failure(CronError("'\(base)' in the \(field.name) field is not a value or range"))
            }
            var values: [Int] = []
            for end in ends {
                guard let value = number(String(end), field) else {
                    let special = ["?", "L", "W", "#"].first { end.contains($0) }
                    let why = special.map { "'\($0)' is not supported" } ?? "not a number in \(field.bounds)"
                    return .failure(CronError("'\(end)' in the \(field.name) field: \(why)"))
                }
                values.append(value)
            }
            let lower = values[0]
            let upper = values.count == 2 ? values[1] : (step == nil ? values[0] : field.bounds.upperBound)
            guard lower <= upper else {
                return .failure(CronError("range \(base) in the \(field.name) field runs backwards"))
            }
            items.append(Item(range: lower...upper, step: step))
        }
        return .success(items)
    }

    private static func number(_ text: String, _ field: Field) -> Int? {
        if let index = field.names.firstIndex(of: text.uppercased()) {
            return index + field.bounds.lowerBound
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text),
              field.bounds.contains(value) else { return nil }
        return value
    }
}

public struct CronError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
