/// A value kept in one box that copies share until one of them changes it: a copy of a value with
/// many reference-counted fields (an artifact, a Kubernetes object) is then one reference count
/// instead of one per field.
public struct CopyOnWrite<Value> {
    @usableFromInline final class Box {
        // Written only through `value`'s accessor, after the box is made unique: a shared box is
        // never written, and no two accesses overlap, so no run-time exclusivity checks (each
        // read of a `var` in a class pays one otherwise).
        @exclusivity(unchecked) @usableFromInline var value: Value
        @inlinable init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @inlinable public init(_ value: Value) { box = Box(value) }

    @inlinable public var value: Value {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    /// Whether two copies share one box (then their values are equal without a look at them).
    @inlinable public func shares(_ other: CopyOnWrite) -> Bool { box === other.box }
}

extension CopyOnWrite: @unchecked Sendable where Value: Sendable {}

/// A value whose fields live in one `CopyOnWrite` box, read and written through dynamic member
/// lookup (`finding.rule`, `probes.liveness`, `systemd.user`): a copy is one reference count,
/// not one per string. Two are equal when they share the box or their fields are equal.
@dynamicMemberLookup
public protocol CopyOnWriteFields: Hashable {
    associatedtype Contents: Hashable
    var fields: CopyOnWrite<Contents> { get set }
}

extension CopyOnWriteFields {
    @inlinable public subscript<Value>(dynamicMember path: WritableKeyPath<Contents, Value>) -> Value {
        get { fields.value[keyPath: path] }
        _modify { yield &fields.value[keyPath: path] }
    }

    @inlinable public static func == (a: Self, b: Self) -> Bool {
        a.fields.shares(b.fields) || a.fields.value == b.fields.value
    }

    @inlinable public func hash(into hasher: inout Hasher) { fields.value.hash(into: &hasher) }
}
