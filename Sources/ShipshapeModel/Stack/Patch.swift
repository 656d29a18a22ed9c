/// A value of a patch, typed as YAML 1.2's core schema reads a plain scalar (`3` a number,
/// `true` a boolean, `"3"` a string), so it prints back with the type it was written with.
public indirect enum PatchValue: Sendable, Hashable {
    case bool(Bool)
    case int(Int)
    case string(String)
    case map([PatchMember])
    case list([PatchValue])
}

public struct PatchMember: Sendable, Hashable {
    public var key: String
    public var value: PatchValue

    public init(_ key: String, _ value: PatchValue) {
        self.key = key
        self.value = value
    }
}

/// The escape hatch for what the spec does not model: structured YAML merged into a rendered
/// object (a Kubernetes object of the service, its compose service). Mappings merge key by key,
/// lists of items with a `name` merge by name, anything else replaces; it never changes an
/// object's kind, name or namespace.
public struct Patch: Sendable, Hashable {
    /// A mapping.
    public var value: PatchValue
    /// Where the patch is written, for reports.
    public var location: SourceLocation?

    public init(_ value: PatchValue, location: SourceLocation? = nil) {
        self.value = value
        self.location = location
    }

    /// The dotted paths of the patch's leaves, for reports: `spec.template.spec.priorityClassName`.
    public var paths: [String] {
        func walk(_ value: PatchValue, _ prefix: String) -> [String] {
            guard case let .map(members) = value, !members.isEmpty else { return [prefix] }
            return members.flatMap { walk($0.value, prefix.isEmpty ? $0.key : prefix + "." + $0.key) }
        }
        return walk(value, "")
    }
}
