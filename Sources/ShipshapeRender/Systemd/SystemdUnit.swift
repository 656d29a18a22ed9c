import ShipshapeModel

/// A description of a systemd unit file: sections of keys and typed values, for example
/// `[Service]` with `ExecStart=` as a command line and `Environment=` as assignments.
public struct SystemdUnit: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        public var name: String
        public var entries: [Entry]
    }

    public struct Entry: Sendable, Hashable {
        /// The fields live in one copy-on-write box: an entry is built once and copied as units
        /// are gathered, checked and printed, and a copy of the fields (two enums with payloads)
        /// cost about 700 instructions where the box's costs one retain.
        private var parts: CopyOnWrite<Parts>

        private struct Parts {
            var key: String
            var value: Value
            var place: Place?
            /// Whether the value is known to be one systemd reads back intact (checked when the
            /// entry was built), so the writer need not check it again.
            var accepted = false
        }

        public var key: String {
            get { parts.value.key }
            _modify { yield &parts.value.key }
        }

        public var value: Value {
            get { parts.value.value }
            _modify {
                defer { parts.value.accepted = false }
                yield &parts.value.value
            }
        }

        /// Where the value was written (in the spec, for rejections; in the unit file, when read
        /// back). Not part of the value: entries that differ only here are equal.
        public var place: Place? {
            get { parts.value.place }
            _modify { yield &parts.value.place }
        }

        public var location: SourceLocation? { place?.location }

        public init(key: String, value: Value, location: SourceLocation?) {
            self.init(key: key, value: value, place: location.map(Place.known))
        }

        public init(key: String, value: Value, place: Place?) {
            parts = CopyOnWrite(Parts(key: key, value: value, place: place))
        }

        /// An entry whose value `SystemdWriter.rejection` has passed: no place is kept, and the
        /// writer does not check it again.
        init(key: String, accepted value: Value) {
            parts = CopyOnWrite(Parts(key: key, value: value, place: nil, accepted: true))
        }

        /// Whether the value was checked when the entry was built and systemd reads it intact.
        var isAccepted: Bool { parts.value.accepted }

        public static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.key == rhs.key && lhs.value == rhs.value }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(key)
            hasher.combine(value)
        }
    }

    /// Where an entry was written: known (read from a unit file), or a path in the spec, looked
    /// up only when asked. Only a rejected value needs its place, and looking up a path for every
    /// entry of every unit was half of what rendering units cost.
    public enum Place: Sendable {
        case known(SourceLocation)
        /// The value at `path` below `start` (kept apart: every entry of a unit shares `start`).
        case spec(SpecNode, start: [String], path: [String])

        public var location: SourceLocation {
            switch self {
            case let .known(location): location
            case let .spec(root, start, path): root.location(at: start + path)
            }
        }
    }

    public enum Value: Sendable, Hashable {
        /// A setting whose value is one string (`User=`, `Description=`).
        case text(String)
        /// A command line: program and arguments (`ExecStart=`).
        case command([String])
        /// Variable assignments (`Environment=`), each quoted.
        case assignments([(String, String)])
        /// Syntax shipshape writes itself (`network-online.target`, `yes`).
        case raw(String)

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case let (.text(a), .text(b)), let (.raw(a), .raw(b)): a == b
            case let (.command(a), .command(b)): a == b
            case let (.assignments(a), .assignments(b)): a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
            default: false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case let .text(s), let .raw(s): hasher.combine(s)
            case let .command(words): hasher.combine(words)
            case let .assignments(pairs): for (k, v) in pairs { hasher.combine(k); hasher.combine(v) }
            }
        }
    }

    /// File name, e.g. `openlearn-api.service`.
    public var name: String
    public var sections: [Section]
}

/// Builds sections without `if`s for absent values. Values are taken, not copied (`consuming`):
/// most are made for the entry, and a copy retained them once more. An entry's place is made
/// only when a writer will reject its value (`SystemdWriter.rejection`): it is read for nothing
/// else, and making one for every entry (a path per entry, dozens per unit) cost more than the
/// entry.
struct SectionBuilder {
    var entries: [SystemdUnit.Entry] = []

    mutating func raw(_ key: String, _ value: consuming String?) {
        if let value { entries.append(.init(key: key, accepted: .raw(value))) }
    }

    mutating func text(_ key: String, _ value: consuming String?,
                       at place: @autoclosure () -> SystemdUnit.Place? = nil) {
        if let value { append(key, .text(value), place) }
    }

    mutating func command(_ key: String, _ words: consuming [String], at place: @autoclosure () -> SystemdUnit.Place?) {
        append(key, .command(words), place)
    }

    mutating func assignments(_ key: String, _ pairs: consuming [(String, String)],
                              at place: @autoclosure () -> SystemdUnit.Place?) {
        if !pairs.isEmpty { append(key, .assignments(pairs), place) }
    }

    private mutating func append(_ key: String, _ value: consuming SystemdUnit.Value,
                                 _ place: () -> SystemdUnit.Place?) {
        let rejected = SystemdWriter.rejection(value) != nil
        entries.append(rejected ? .init(key: key, value: value, place: place()) : .init(key: key, accepted: value))
    }
}
