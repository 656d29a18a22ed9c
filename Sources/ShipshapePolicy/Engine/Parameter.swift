import Foundation
import ShipshapeModel

/// A threshold a profile, stack or policy file can set, e.g. `min` of `replicas-minimum`.
public struct Parameter: Sendable {
    public var name: String
    public var kind: ParameterKind
    /// The default, written as in a `policy:` setting (a list comma-separated); a test checks
    /// that every default reads as its kind.
    public var defaultValue: String
    public var doc: String

    public init(_ name: String, _ kind: ParameterKind, default defaultValue: String, _ doc: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.doc = doc
    }
}

/// What a parameter may be set to.
public enum ParameterKind: Sendable {
    /// A whole number within the range.
    case integer(ClosedRange<Int>)
    /// A list of words, written as a YAML list or comma-separated; with `allowed`, each must be
    /// one of those.
    case list(allowed: [String]?)
    /// One of a fixed set of words.
    case oneOf([String])
    /// A duration such as `30s`, `5m` or `1h30m`.
    case duration
    /// Any text.
    case string

    /// What is accepted, for error messages: `a whole number from 1 to 1000`.
    public var expected: String {
        switch self {
        case let .integer(range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case let .list(allowed?): "a list of: " + allowed.joined(separator: ", ")
        case .list(nil): "a list of words"
        case let .oneOf(words): "one of " + words.joined(separator: ", ")
        case .duration: ShipshapeModel.Duration.expectedForm
        case .string: "text"
        }
    }

    /// The type, for docs: `integer, 1 to 1000`.
    public var summary: String {
        switch self {
        case let .integer(range): "integer, \(range.lowerBound) to \(range.upperBound)"
        case let .list(allowed?): "list of " + allowed.joined(separator: ", ")
        case .list(nil): "list of words"
        case let .oneOf(words): "one of " + words.joined(separator: ", ")
        case .duration: "duration"
        case .string: "text"
        }
    }

    /// Whether `word` may be an item of a list, or the value of a single word.
    func allows(_ word: String) -> Bool {
        switch self {
        case let .list(allowed?), let .oneOf(allowed): allowed.contains(word)
        case .list(nil): !word.isEmpty
        default: true
        }
    }

    /// The typed value of a scalar as written, nil when it is not of this kind.
    public func value(_ text: String) -> ParameterValue? {
        switch self {
        case let .integer(range): Int(text).flatMap { range.contains($0) ? .integer($0) : nil }
        case .list: value(Self.items(text))
        case .oneOf: allows(text) ? .text(text) : nil
        case .duration: ShipshapeModel.Duration(text).map { .duration($0) }
        case .string: .text(text)
        }
    }

    /// The typed value of a list as written, nil when this kind is not a list or an item is not
    /// allowed.
    public func value(_ items: [String]) -> ParameterValue? {
        guard case .list = self, items.allSatisfy(allows) else { return nil }
        return .list(items)
    }

    /// The items of a comma-separated list, trimmed.
    static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// A parameter's checked value.
public enum ParameterValue: Sendable, Hashable {
    case integer(Int)
    case list([String])
    case duration(ShipshapeModel.Duration)
    /// A `oneOf` word or a `string`.
    case text(String)
}
