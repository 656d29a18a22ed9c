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

    @Test func equalValuesInTwoBoxesDoNotShare() {
        let a = CopyOnWrite([1]), b = CopyOnWrite([1])
        #expect(!a.shares(b))
        #expect(a.value == b.value)
    }
}
