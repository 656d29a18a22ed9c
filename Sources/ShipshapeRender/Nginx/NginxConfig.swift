import ShipshapeModel

/// A description of an nginx configuration: directives and blocks. For example
/// `.block("location", [.value("/metrics", at)], [.directive("deny", [.raw("all")])])`.
public indirect enum NginxNode: Sendable, Hashable {
    case directive(String, [NginxArgument])
    case block(String, [NginxArgument], [NginxNode])
    /// A comment line; its text is written by shipshape, never taken from a spec.
    case comment(String)
}

/// An argument of a directive.
public enum NginxArgument: Sendable, Hashable {
    /// Syntax shipshape writes itself: `on`, `301`, `$host`, `https://$host$request_uri`.
    case raw(String)
    /// A value that came from the spec, with where it was written: the writer quotes it, or
    /// rejects it at that location when nginx could not read it back intact.
    case value(String, SourceLocation?)

    /// Arguments are equal when they print the same way: where a value was written is not part of it.
    public static func == (lhs: NginxArgument, rhs: NginxArgument) -> Bool {
        switch (lhs, rhs) {
        case let (.raw(a), .raw(b)), let (.value(a, _), .value(b, _)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .raw(text): hasher.combine(0); hasher.combine(text)
        case let .value(text, _): hasher.combine(1); hasher.combine(text)
        }
    }
}

extension NginxNode {
    static func d(_ name: String, _ args: String...) -> NginxNode { .directive(name, args.map(NginxArgument.raw)) }
}
