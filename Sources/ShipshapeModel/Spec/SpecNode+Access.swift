/// Reads that look at a node's value without copying its payload out of the box.
extension SpecNode {
    /// Whether the value is a mapping (the members are not copied out to find out).
    @inlinable public var isMapping: Bool {
        if case .mapping = storage.value { return true }
        return false
    }
}
