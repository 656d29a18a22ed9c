/// Storage mounted into a service.
public struct Volume: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Persistent storage of this size (PersistentVolumeClaim, compose named volume).
        case persistent(size: Quantity)
        /// A file from the stack's folder (relative path), mounted read-only by default: configs.
        /// `contents` is the file's text, read by the loader (Kubernetes renders it as a ConfigMap).
        case bind(path: String, contents: String)
        /// Scratch space that lives as long as the container (emptyDir, tmpfs).
        case scratch
    }

    public var name: String
    /// Mount path inside the container.
    public var path: String
    public var source: Source
    public var readOnly: Bool

    public init(name: String, path: String, source: Source, readOnly: Bool = false) {
        self.name = name
        self.path = path
        self.source = source
        self.readOnly = readOnly
    }

    public var isPersistent: Bool {
        if case .persistent = source { return true }
        return false
    }
}
