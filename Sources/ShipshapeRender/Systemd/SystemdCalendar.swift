import ShipshapeModel

/// Converts cron expressions to systemd `OnCalendar=` expressions:
/// `*/15 * * * *` -> `*-*-* *:00/15:00`, `0 2 * * *` in America/Bogota ->
/// `*-*-* 02:00:00 America/Bogota`, `0 3 * * SUN` -> `Sun *-*-* 03:00:00`,
/// `0 4 1 * *` -> `*-*-01 04:00:00`.
public enum SystemdCalendar {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    public static func onCalendar(_ cron: CronExpression, timezone: String?) -> Result<String, CronError> {
        let dom = cron.items(.dayOfMonth), dow = cron.items(.dayOfWeek)
        if !isAny(dom), !isAny(dow) {
            // cron runs when either matches; systemd only when both do.
            return .failure(CronError("it restricts both the day of month and the day of week, "
                                      + "which cron combines with OR and systemd cannot"))
        }
        var text = ""
        if !isAny(dow) {
            text += dow.flatMap { item -> [String] in
                if let step = item.step {
                    return stride(from: item.range?.lowerBound ?? 0, through: item.range?.upperBound ?? 6, by: step)
                        .map { weekdays[$0] }
                }
                guard let range = item.range else { return ["*"] }
                return range.lowerBound == range.upperBound
                    ? [weekdays[range.lowerBound]]
                    : ["\(weekdays[range.lowerBound])..\(weekdays[range.upperBound])"]
            }.joined(separator: ",") + " "
        }
        text += "*-\(field(cron.items(.month), .month))-\(field(dom, .dayOfMonth)) "
        text += "\(field(cron.items(.hour), .hour)):\(field(cron.items(.minute), .minute)):00"
        if let timezone { text += " \(timezone)" }
        return .success(text)
    }

    static func isAny(_ items: [CronExpression.Item]) -> Bool {
        items.count == 1 && items[0].range == nil && items[0].step == nil
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// One field: `*`, `02`, `00/15`, `01..05`, `00,10,20` (ranges with steps are listed).
    static func field(_ items: [CronExpression.Item], _ field: CronExpression.Field) -> String {
        items.map { item -> String in
            switch (item.range, item.step) {
            case (nil, nil): return "*"
            case let (nil, step?): return "\(two(field.bounds.lowerBound))/\(step)"
            case let (range?, nil):
                return range.lowerBound == range.upperBound
                    ? two(range.lowerBound)
                    : "\(two(range.lowerBound))..\(two(range.upperBound))"
            case let (range?, step?):
                if range.upperBound == field.bounds.upperBound { return "\(two(range.lowerBound))/\(step)" }
                return stride(from: range.lowerBound, through: range.upperBound, by: step).map(two)
                    .joined(separator: ",")
            }
        }.joined(separator: ",")
    }
}
