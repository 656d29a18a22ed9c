import ShipshapeModel
/// A description of what a spec value may be: the one definition that drives unknown-key
/// checks, the merge rules (which lists merge by name), docs/SPEC.md and the JSON Schema.
public indirect enum SchemaType: Sendable {
    /// A single value; the kind says how it is read (for docs and the JSON Schema).
    case scalar(ScalarKind)
    /// A list that an overlay replaces as a whole.
    case list(SchemaType)
    /// A list of mappings identified by `key`: overlays merge items with the same key.
    case namedList(key: String, SchemaObject)
    /// A mapping with free keys (names chosen by the user) and values of one type.
    case map(SchemaType)
    /// A mapping with known keys.
    case object(SchemaObject)
    /// One of several shapes, chosen by the YAML kind (scalar, list or mapping) of the value.
    case either([SchemaType])
    /// Any YAML value, checked by what reads it (a patch to a rendered object); its mappings
    /// merge key by key like the spec's.
    case document

    /// Whether some value below a value of this type may get built-in defaults (`DefaultsFill`):
    /// false for scalars, and for lists, maps and objects with no object below them whose type
    /// has defaults (probes, resources, a systemd section), which filling then passes over.
    var mayGetDefaults: Bool {
        switch self {
        case .scalar, .document: false
        case let .list(item): item.mayGetDefaults
        case let .map(value): value.mayGetDefaults
        case let .object(object), let .namedList(_, object): object.mayGetDefaults
        case let .either(options): options.contains { $0.mayGetDefaults }
        }
    }

    /// `a mapping`, `a list`, `a duration such as 10s` ...
    public var expected: String {
        switch self {
        case let .scalar(kind): kind.expected
        case .list, .namedList: "a list"
        case .map, .object: "a mapping"
        case let .either(options): options.map(\.expected).joined(separator: " or ")
        case .document: "any YAML value"
        }
    }
}

/// How a scalar is read.
public enum ScalarKind: Sendable, Equatable {
    case string
    case integer
    case boolean
    case quantity
    case byteSize
    case duration
    case percent
    case intOrPercent
    case cron
    case timezone
    case date
    /// A port name or number.
    case portReference
    /// One of a fixed set of words.
    case oneOf([String])
    /// Any scalar (values, env).
    case any

    public var expected: String {
        switch self {
        case .string: "a string"
        case .integer: "a whole number"
        case .boolean: "true or false"
        case .quantity: "a quantity such as 500m or 512Mi"
        case .byteSize: "a size such as 10m or 512k"
        case .duration: "a duration such as 10s or 5m"
        case .percent: "a percentage such as 70%"
        case .intOrPercent: "a number or a percentage"
        case .cron: "a cron expression"
        case .timezone: "an IANA time zone such as America/Bogota"
        case .date: "a date YYYY-MM-DD"
        case .portReference: "a port name or number"
        case let .oneOf(words): Suggestions.oneOf(words.map { "'\($0)'" })
        case .any: "a scalar"
        }
    }
}

/// A mapping with known keys.
public struct SchemaObject: Sendable {
    /// Title used in docs, e.g. `Service`.
    public var title: String { storage.title }
    public var doc: String { storage.doc }
    public var fields: [SchemaField] { storage.fields }
    /// Groups of keys that are alternatives (a probe's `http`, `tcp`, `exec`): a layer that sets
    /// one of them replaces whichever the layers below set.
    public var exclusive: [[String]] { storage.exclusive }
    /// The built-in defaults of this object's type (`BuiltinDefaults`, by title), looked up
    /// once here rather than by title for every mapping that defaults fill. Only fields of the
    /// object: a variant of a type without one of its fields gets no default for it.
    var defaults: [(key: String, value: SpecNode)] { storage.defaults }
    /// The position among `fields` of each of `defaults`.
    var defaultFields: [Int] { storage.defaultFields }

    /// The fields live in one box: a type is taken out of its `SchemaType` at every node that
    /// is merged, filled or checked, and a copy then costs one reference count, not six.
    private let storage: Storage

    private final class Storage: Sendable {
        let title: String
        let doc: String
        let fields: [SchemaField]
        let exclusive: [[String]]
        /// Where each field is found by name: an open-addressed table of field indices (plus
        /// one; zero is empty) placed by a cheap hash of the name's length and end bytes. Every
        /// member of every merged mapping asks for its field while merging, filling defaults
        /// and checking; a linear search compared it with up to 60 names, and a `Dictionary`'s
        /// SipHash cost more.
        let slots: [Int16]
        let defaults: [(key: String, value: SpecNode)]
        let defaultFields: [Int]
        /// Per field: whether values below it may get defaults (`SchemaType.mayGetDefaults`).
        let getsDefaults: [Bool]
        /// Per field: whether it is a scalar (`SchemaType.scalar`).
        let isScalar: [Bool]
        /// Whether the object or any object below it has defaults.
        let mayGetDefaults: Bool

        init(_ title: String, _ doc: String, _ exclusive: [[String]], _ fields: [SchemaField]) {
            self.title = title
            self.doc = doc
            self.exclusive = exclusive
            self.fields = fields
            getsDefaults = fields.map(\.type.mayGetDefaults)
            isScalar = fields.map { if case .scalar = $0.type { true } else { false } }
            let given = BuiltinDefaults.types[title]?.mapping.map { members in
                members.elements.compactMap { key, value in
                    fields.firstIndex { $0.name == key }.map { (field: $0, key: key, value: value) }
                }
            } ?? []
            defaults = given.map { (key: $0.key, value: $0.value) }
            defaultFields = given.map(\.field)
            mayGetDefaults = !defaults.isEmpty || getsDefaults.contains(true)
            var size = 8
            while size < fields.count * 4 { size *= 2 }
            var slots = [Int16](repeating: 0, count: size)
            for (index, field) in fields.enumerated() {
                var slot = SchemaObject.slot(field.name, size)
                while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Int16(index + 1)
            }
            self.slots = slots
        }
    }

    public init(_ title: String, doc: String, exclusive: [[String]] = [], _ fields: [SchemaField]) {
        storage = Storage(title, doc, exclusive, fields)
    }

    /// Read from the bytes in place (`Bytes.read`): indexing the UTF-8 view cost five times as much.
    fileprivate static func slot(_ name: String, _ size: Int) -> Int {
        func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            guard let first = bytes.first, let last = bytes.last else { return 0 }
            return (bytes.count &* 7 &+ Int(first) &* 31 &+ Int(last) &* 131) & (size - 1)
        }
        return Bytes.read(name, slot)
    }

    public func field(_ name: String) -> SchemaField? {
        index(of: name).map { fields[$0] }
    }

    /// The type of field `name` (without copying its `SchemaField`: every member of every
    /// merged mapping asks).
    func fieldType(_ name: String) -> SchemaType? {
        index(of: name).map { storage.fields[$0].type }
    }

    /// Whether this object, or an object below one of its fields, has defaults.
    var mayGetDefaults: Bool { storage.mayGetDefaults }

    /// The type of field `name` where values below it may get defaults, else nil: any other
    /// field is passed over without copying its `SchemaField`.
    func defaultedType(_ name: String) -> SchemaType? {
        index(of: name).flatMap(defaultedType(at:))
    }

    /// `defaultedType` of the field at `index` among `fields`.
    func defaultedType(at index: Int) -> SchemaType? {
        storage.getsDefaults[index] ? storage.fields[index].type : nil
    }

    /// Whether the field at `index` among `fields` is a scalar: a check of its shape then needs
    /// no copy of its type.
    func isScalar(at index: Int) -> Bool { storage.isScalar[index] }

    /// The type of the field at `index` among `fields`.
    func fieldType(at index: Int) -> SchemaType { storage.fields[index].type }

    /// The number of fields: `index(of:)` gives a position below it.
    var fieldCount: Int { storage.fields.count }

    /// The position of field `name` among `fields`, found through the table of slots.
    func index(of name: String) -> Int? {
        storage.fields.withUnsafeBufferPointer { fields in
            storage.slots.withUnsafeBufferPointer { slots in
                var slot = Self.slot(name, slots.count)
                while case let entry = Int(slots[slot]), entry != 0 {
                    if fields[entry - 1].name == name { return entry - 1 }
                    slot = (slot + 1) & (slots.count - 1)
                }
                return nil
            }
        }
    }

    public var keys: [String] { fields.map(\.name) }

    /// The same object without some fields (an overlay has no `stack:`).
    public func removing(_ names: Set<String>, title: String? = nil) -> SchemaObject {
        SchemaObject(title ?? self.title, doc: doc, exclusive: exclusive, fields.filter { !names.contains($0.name) })
    }

    public func adding(_ extra: [SchemaField], title: String? = nil) -> SchemaObject {
        SchemaObject(title ?? self.title, doc: doc, exclusive: exclusive, fields + extra)
    }
}

/// One key of a `SchemaObject`.
public struct SchemaField: Sendable {
    public var name: String
    public var type: SchemaType
    public var doc: String
    /// Must be present once every layer is merged.
    public var required: Bool

    public init(_ name: String, _ type: SchemaType, required: Bool = false, _ doc: String) {
        self.name = name
        self.type = type
        self.doc = doc
        self.required = required
    }
}
