import OrderedCollections

/// Reads that look at a node's value without copying its payload out of the box.
extension SpecNode {
    /// Whether the value is a mapping (the members are not copied out to find out).
    @inlinable public var isMapping: Bool {
        if case .mapping = storage.value { return true }
        return false
    }

    /// How many members a mapping has (nil for any other value).
    @inlinable public var memberCount: Int? {
        if case let .mapping(members) = storage.value { return members.count }
        return nil
    }
}
