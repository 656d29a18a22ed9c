import Foundation
import OrderedCollections
import ShipshapeModel

/// Reads typed values out of a merged mapping, reporting every bad value at its location.
/// Absent and null members read as nil; a bad value is reported and reads as nil.
struct Fields {
    /// Where the mapping was written (its node is not kept: each `Fields` made and dropped then
    /// counts one reference less).
    let location: SourceLocation
    /// The node's members, taken out of its box once: every read is then one lookup.
    private let members: OrderedDictionary<String, SpecNode>?
    /// For the mapping of a schema object with many keys (a service's, read key by key dozens
    /// of times): the object, and the position among `members` of each field's member (-1:
    /// absent), so a read finds its key through the schema's table instead of hashing it. Empty
    /// when a member is not a field of the object. Positions, not nodes: an array of them is
    /// freed without a look at each element (one of optional nodes released each through a
    /// generic witness). Stored apart rather than as an optional pair, which every read copied
    /// (two reference counts).
    private let object: SchemaObject?
    private let positions: [Int32]
    let diagnostics: DiagnosticCollector

    init(_ node: SpecNode, _ diagnostics: DiagnosticCollector, object: SchemaObject? = nil) {
        let members = node.mapping
        location = node.location
        self.members = members
        self.diagnostics = diagnostics
        if let object, let members, let positions = Self.placed(members, object) {
            self.object = object
            self.positions = positions
        } else {
            self.object = nil
            positions = []
        }
    }

    private static func placed(_ members: OrderedDictionary<String, SpecNode>, _ object: SchemaObject) -> [Int32]? {
        var positions = [Int32](repeating: -1, count: object.fieldCount)
        for index in members.keys.indices {
            guard let field = object.index(of: members.keys[index]) else { return nil }
            positions[field] = Int32(index)
        }
        return positions
    }

    subscript(key: String) -> SpecNode? {
        let found: SpecNode?
        if let field = object?.index(of: key) {
            let position = Int(positions[field])
            found = position < 0 ? nil : members?.values[position]
        } else {
            found = members?[key]
        }
        guard let member = found, !member.isNull else { return nil }
        return member
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    /// The member `key` when it is a mapping. Where this mapping is read through its schema
    /// object and the member is one of its objects with several keys (a service's `security`,
    /// `systemd`), the member is read through that object's table too.
    func object(_ key: String) -> Fields? {
        guard let member = self[key], let count = member.memberCount else { return nil }
        guard count >= Self.tableFrom, let object, case let .object(type)? = object.fieldType(key) else {
            return Fields(member, diagnostics)
        }
        return Fields(member, diagnostics, object: type)
    }

    /// The fewest keys for which finding them through the schema's table pays: below, a
    /// comparison of each key costs less than placing the members first.
    private static let tableFrom = 6

    /// The fields of `member` when it is a mapping (as `object(_:)` reads a member), else nil.
    init?(mapping member: SpecNode?, _ diagnostics: DiagnosticCollector) {
        guard let member, member.isMapping else { return nil }
        self.init(member, diagnostics)
    }

    /// Reads a scalar member and converts it; reports `'text' is not <expected>` on failure.
    /// (`expected` is only spelled out for a message: most values are fine.)
    func value<T>(_ key: String, _ expected: @autoclosure () -> String, _ convert: (String) -> T?) -> T? {
        guard let member = self[key] else { return nil }
        return Self.convert(member, expected(), diagnostics, convert)
    }

    static func convert<T>(_ node: SpecNode, _ expected: @autoclosure () -> String, _ diagnostics: DiagnosticCollector,
                           _ convert: (String) -> T?) -> T? {
        guard let text = node.scalar else {
            diagnostics.error("found \(node.kindDescription)", at: node.location, expected: expected())
            return nil
        }
        guard let result = convert(text) else {
            diagnostics.error("'\(Self.shorten(text))' is not valid here", at: node.location, expected: expected())
            return nil
        }
        return result
    }

    /// A member the built-in defaults give every object of `type` (`BuiltinDefaults`): after
    /// merging it is always there, unless its value was bad (reported); then, to go on
    /// collecting errors, the default itself.
    func defaulted<T>(_ key: String, of type: (some SpecObjectKeys).Type, _ read: (Fields, String) -> T?) -> T {
        if let value = read(self, key) { return value }
        let builtin = Fields(BuiltinDefaults.node(for: type), DiagnosticCollector())
        guard let value = read(builtin, key) else {
            preconditionFailure("\(BuiltinDefaults.file) has no default for \(type.schemaTitle).\(key)")
        }
        return value
    }

    /// A required member; reports it missing at this mapping.
    func required<T>(_ key: String, _ what: @autoclosure () -> String, _ read: (String) -> T?) -> T? {
        guard has(key) else {
            diagnostics.error("\(what()) has no '\(key)'", at: location, expected: "a value for '\(key)'")
            return nil
        }
        return read(key)
    }

    func string(_ key: String) -> String? {
        value(key, "a string") { $0 }
    }

    func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        func expected() -> String {
            range == Int.min...Int.max ? "a whole number"
                : range.upperBound == Int.max ? "a whole number of at least \(range.lowerBound)"
                : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        }
        return value(key, expected()) { text in Int(text).flatMap { range.contains($0) ? $0 : nil } }
    }

    func bool(_ key: String) -> Bool? {
        value(key, "true or false") {
            // By length first: a text of another length is neither, and is not compared.
            switch $0.utf8.count {
            case 4: $0 == "true" || $0 == "True" || $0 == "TRUE" ? true : nil
            case 5: $0 == "false" || $0 == "False" || $0 == "FALSE" ? false : nil
            default: nil
            }
        }
    }

    func duration(_ key: String) -> ShipshapeModel.Duration? {
        value(key, ShipshapeModel.Duration.expectedForm, ShipshapeModel.Duration.init)
    }

    func quantity(_ key: String) -> Quantity? {
        value(key, Quantity.expectedForm, Quantity.init)
    }

    func byteSize(_ key: String) -> ByteSize? {
        value(key, ByteSize.expectedForm, ByteSize.init)
    }

    func percent(_ key: String) -> Percent? {
        value(key, Percent.expectedForm, Percent.init)
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        value(key, Suggestions.oneOf(E.allCases.map { "'\($0.rawValue)'" }), E.init(rawValue:))
    }

    func strings(_ key: String) -> [String]? {
        guard let member = self[key] else { return nil }
        guard let items = member.sequence else {
            diagnostics.error("found \(member.kindDescription)", at: member.location, expected: "a list of strings")
            return nil
        }
        var result = [String]()
        result.reserveCapacity(items.count)
        for item in items {
            if let text = Self.convert(item, "a string", diagnostics, { $0 }) { result.append(text) }
        }
        return result
    }

    /// A mapping of names to scalars, in declaration order.
    func stringMap(_ key: String) -> OrderedDictionary<String, String> {
        guard let member = self[key], let members = member.mapping else { return [:] }
        var result = OrderedDictionary<String, String>()
        for (name, value) in members {
            if let text = Self.convert(value, "a scalar", diagnostics, { $0 }) { result[name] = text }
        }
        return result
    }

    /// Items of a list member, or [] when absent.
    func items(_ key: String) -> [SpecNode] {
        self[key]?.sequence ?? []
    }

    static func shorten(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(77)) + "..." : text
    }
}
