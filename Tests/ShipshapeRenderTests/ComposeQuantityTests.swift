import ShipshapeModel
@testable import ShipshapeRender
import Testing

/// Compose's `cpus` and memory figures, written without trailing zeros or a search by characters.
@Suite struct ComposeQuantityTests {
    /// The way `cpus` was first written (string surgery on the thousandths), kept as the reference.
    static func reference(_ millis: Int) -> String {
        if millis % 1000 == 0 { return "\(millis / 1000)" }
        let fraction = String(millis % 1000)
        var text = "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    @Test func coresMatchTheReferenceForEveryThousandth() throws {
        for millis in 0...20_000 {
            let quantity = try #require(Quantity("\(millis)m"))
            #expect(ComposeService.cpus(quantity) == Self.reference(millis), "\(millis)m")
        }
    }

    @Test func coresAndBytesAsComposeTakesThem() throws {
        let cases = ["500m": "0.5", "50m": "0.05", "1001m": "1.001", "2": "2", "250m": "0.25", "1.5": "1.5"]
        for (text, expected) in cases {
            #expect(ComposeService.cpus(try #require(Quantity(text))) == expected, "\(text)")
        }
        let bytes = ["512Mi": "512m", "2Gi": "2g", "1536Mi": "1536m", "3Ki": "3k", "1000": "1000b"]
        for (text, expected) in bytes {
            #expect(ComposeService.bytes(try #require(Quantity(text))) == expected, "\(text)")
        }
    }
}
