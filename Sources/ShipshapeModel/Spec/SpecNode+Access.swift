import OrderedCollections

/// Reads that look at a node's value without copying its payload out of the box.
extension SpecNode {
    /// Whether the value is a mapping (the members are not copied out to find out).
    @inlinable public var isMapping: Bool {
        if case .mapping = storage.value { return true }
        return false
    }

    /// Whether the value is a list (the items are not copied out to find out).
    @inlinable public var isSequence: Bool {
        if case .sequence = storage.value { return true }
        return false
    }

    /// Changes a mapping's members where they lie: they are taken out of the box first, so when
    /// no other tree shares this node they have no other holder and nothing is copied; a shared
    /// node's box and members are copied on the first change (copy on write). Resolving fills
    /// defaults and substitutes variables this way. Nothing happens to any other value.
    @inlinable public mutating func updateMembers(_ change: (inout OrderedDictionary<String, SpecNode>) -> Void) {
        guard case var .mapping(members) = storage.value else { return }
        value = .null
        change(&members)
        value = .mapping(members)
    }

    /// `updateMembers` for a list's items.
    @inlinable public mutating func updateItems(_ change: (inout [SpecNode]) -> Void) {
        guard case var .sequence(items) = storage.value else { return }
        value = .null
        change(&items)
        value = .sequence(items)
    }

    /// How many members a mapping has (nil for any other value).
    @inlinable public var memberCount: Int? {
        if case let .mapping(members) = storage.value { return members.count }
        return nil
    }
}
