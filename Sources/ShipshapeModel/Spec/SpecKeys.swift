/// A namespace of field names generated from the schema (`Key.Service`, SpecKeys.generated.swift):
/// `schemaTitle` is the object's title in the schema, which names its built-in defaults
/// (`f.defaulted(Key.Proxy.gzip, of: Key.Proxy.self)`).
public protocol SpecObjectKeys {
    static var schemaTitle: String { get }
}
