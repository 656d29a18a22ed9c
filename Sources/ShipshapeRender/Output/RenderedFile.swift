/// A file to write: a path relative to the output folder (`production/kubernetes/api.yaml`)
/// and its contents.
public struct RenderedFile: Sendable, Hashable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
