import OrderedCollections
import ShipshapeModel

/// Parsed quantities and durations by their text, for one decoder (one environment, one
/// thread): the same few texts (`100m`, `128Mi`, `10s`) recur in every service, and parsing one
/// walks its characters. Only ASCII texts are kept: for them equal strings are equal bytes, so
/// a hit gives exactly what parsing the text would (a `Quantity` keeps its text as written).
/// Also string maps by the identity of their node (`SpecNode.identity`): a map a profile gives
/// every service (`systemd.hardening`) is one shared subtree, read once.
final class ParsedValues {
    private var quantities: [String: Quantity?] = [:]
    private var durations: [String: ShipshapeModel.Duration?] = [:]
    private var stringMaps: [ObjectIdentifier: (node: SpecNode, map: OrderedDictionary<String, String>)] = [:]

    func quantity(_ text: String) -> Quantity? {
        Self.memo(text, &quantities, Quantity.init)
    }

    func duration(_ text: String) -> ShipshapeModel.Duration? {
        Self.memo(text, &durations, ShipshapeModel.Duration.init)
    }

    /// The map `read` gives for `node`, kept (with the node) only when it holds every member: a
    /// member that is not a scalar is reported by `read`, at its place, each time it is read.
    func stringMap(_ node: SpecNode, _ count: Int,
                   _ read: () -> OrderedDictionary<String, String>) -> OrderedDictionary<String, String> {
        if let hit = stringMaps[node.identity] { return hit.map }
        let map = read()
        if map.count == count { stringMaps[node.identity] = (node, map) }
        return map
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

    /// `stringMap(_:)` through a decoder's `ParsedValues`: a map shared by many services is read once.
    func stringMap(_ key: String, _ parsed: ParsedValues) -> OrderedDictionary<String, String> {
        guard let member = self[key], let members = member.mapping else { return [:] }
        return parsed.stringMap(member, members.count) { stringMap(key) }
    }
}
