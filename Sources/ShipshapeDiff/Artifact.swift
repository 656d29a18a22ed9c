import ShipshapeRender

/// A comparable value: what the diff walks. Lists of maps that carry a `name` are matched by
/// name; other lists of maps by position; lists of scalars compare as one value.
public indirect enum DiffValue: Sendable, Hashable {
    case scalar(String)
    case map([String: DiffValue])
    case list([DiffValue])

    /// A rendered document as the diff sees it: what reading its YAML back would give (every
    /// scalar as its text), without printing and parsing it.
    public init(_ node: DocNode) {
        switch node {
        case .null: self = .scalar("null")
        case let .bool(b): self = .scalar(b ? "true" : "false")
        case let .int(i): self = .scalar(String(i))
        case let .string(s): self = .scalar(s)
        case let .map(members):
            self = .map(Dictionary(members.map { ($0.key, DiffValue($0.value)) }, uniquingKeysWith: { a, _ in a }))
        case let .list(items): self = .list(items.map(DiffValue.init))
        case let .commented(inner, _): self = DiffValue(inner)
        }
    }

    /// The value as one line, for reports.
    public var summary: String {
        switch self {
        case let .scalar(s): s
        case let .list(items): "[" + items.map(\.summary).joined(separator: ", ") + "]"
        case let .map(members):
            "{" + members.keys.sorted().map { "\($0): \(members[$0]!.summary)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One object of a rendered target, identified the same way in every environment: a
/// Kubernetes object by kind and name (its namespace is a field), a compose service by name, an
/// nginx block by its header, a systemd unit by file name.
public struct Artifact: Sendable, Hashable {
    /// `kubernetes`, `compose`, `nginx`, `systemd`, or `file` for anything else.
    public var target: String
    /// For example `Deployment/api`, `service/backend`, `server api.example.com:443`, `openlearn-api.service`.
    public var identity: String
    /// The file it came from (relative to the folder compared).
    public var file: String
    public var value: DiffValue

    public init(target: String, identity: String, file: String, value: DiffValue) {
        self.target = target
        self.identity = identity
        self.file = file
        self.value = value
    }
}
