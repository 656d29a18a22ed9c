import ShipshapeModel
import Testing

/// Copies share one box until one changes; a change never shows in another copy.
@Suite struct CopyOnWriteTests {
    @Test func aChangeCopiesTheBoxFirst() {
        var a = CopyOnWrite(["x", "y"])
        let b = a
        #expect(a.shares(b))
        a.value.append("z")
        #expect(!a.shares(b))
        #expect(a.value == ["x", "y", "z"])
        #expect(b.value == ["x", "y"])
        var c = a
        c.value[0] = "w"
        #expect(a.value == ["x", "y", "z"])
        #expect(c.value == ["w", "y", "z"])
    }

    @Test func aBoxOfItsOwnIsChangedInPlace() {
        var a = CopyOnWrite([1])
        a.value.append(2)
        let before = a
        a.value.append(3)  // `before` shares the box: copied
        #expect(before.value == [1, 2])
        var d = CopyOnWrite([1])
        let copy = d
        _ = copy
        d.value = [5]
        #expect(d.value == [5])
    }
}
