/// Which layer of the precedence order set a value, from lowest to highest precedence:
/// built-in defaults < blueprint (`from:`) < environment profile < stack base < stack overlay.
public enum Layer: Hashable, Sendable, CustomStringConvertible {
    case builtin
    case blueprint(String)
    case profile(String)
    case base
    case overlay(String)

    public var description: String {
        switch self {
        case .builtin: "built-in default"
        case let .blueprint(name): "blueprint \(name)"
        case let .profile(env): "profile \(env)"
        case .base: "stack base"
        case let .overlay(env): "overlay \(env)"
        }
    }
}

/// Where a value in a spec tree was written, and in which layer.
public struct Origin: Hashable, Sendable, CustomStringConvertible {
    // The layer first: the location (twelve bytes, aligned to four) then fills the rest of 32
    // bytes, and a spec node keeps within 96.
    public var layer: Layer
    public var location: SourceLocation

    public init(_ location: SourceLocation, _ layer: Layer) {
        self.location = location
        self.layer = layer
    }

    public var description: String { "\(layer) (\(location))" }
}
