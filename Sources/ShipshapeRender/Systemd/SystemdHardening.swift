import Foundation
import OrderedCollections
import ShipshapeModel

/// The `[Service]` entries of a `systemd.hardening` map, built once for a map the services of an
/// environment share. A profile gives every service the same map, and the decoder reads it once
/// (one storage for all), so comparing a service's map with the last one built costs one look;
/// building its two dozen entries for every unit was a fifth of rendering the units. Only a map
/// whose every name is valid and every value accepted is kept: a map with a problem is built,
/// and its problem reported at its place, for each service as before.
final class HardeningEntries: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (map: OrderedDictionary<String, String>, entries: [SystemdUnit.Entry])?

    /// The entries of `map`, or nil when one of its names or values has a problem.
    func entries(_ map: OrderedDictionary<String, String>) -> [SystemdUnit.Entry]? {
        if let last = lock.withLock({ last }), last.map == map { return last.entries }
        var entries: [SystemdUnit.Entry] = []
        entries.reserveCapacity(map.count)
        for (key, value) in map {
            guard Self.isSettingName(key), SystemdWriter.rejection(.text(value)) == nil else { return nil }
            entries.append(.init(key: key, accepted: .text(value)))
        }
        lock.withLock { last = (map, entries) }
        return entries
    }

    /// A systemd setting name: ASCII letters only, at least one.
    static func isSettingName(_ key: String) -> Bool {
        !key.isEmpty && Bytes.all(key) { (97...122).contains($0 | 0x20) }
    }
}
