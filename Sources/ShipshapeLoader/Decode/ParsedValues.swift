import ShipshapeModel

/// Parsed quantities and durations by their text, for one decoder (one environment, one
/// thread): the same few texts (`100m`, `128Mi`, `10s`) recur in every service, and parsing one
/// walks its characters. Only ASCII texts are kept: for them equal strings are equal bytes, so
/// a hit gives exactly what parsing the text would (a `Quantity` keeps its text as written).
final class ParsedValues {
    private var quantities: [String: Quantity?] = [:]
    private var durations: [String: ShipshapeModel.Duration?] = [:]

    func quantity(_ text: String) -> Quantity? {
        Self.memo(text, &quantities, Quantity.init)
    }

    func duration(_ text: String) -> ShipshapeModel.Duration? {
        Self.memo(text, &durations, ShipshapeModel.Duration.init)
    }

    private static func memo<T>(_ text: String, _ table: inout [String: T?], _ parse: (String) -> T?) -> T? {
        if let hit = table[text] { return hit }
        let parsed = parse(text)
        if text.utf8.allSatisfy({ $0 < 0x80 }) { table[text] = .some(parsed) }
        return parsed
    }
}

extension Fields {
    /// `quantity(_:)` through a decoder's `ParsedValues`.
    func quantity(_ key: String, _ parsed: ParsedValues) -> Quantity? {
        value(key, Quantity.expectedForm, parsed.quantity)
    }

    /// `duration(_:)` through a decoder's `ParsedValues`.
    func duration(_ key: String, _ parsed: ParsedValues) -> ShipshapeModel.Duration? {
        value(key, ShipshapeModel.Duration.expectedForm, parsed.duration)
    }
}
