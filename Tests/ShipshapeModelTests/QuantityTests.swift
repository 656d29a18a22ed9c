import ShipshapeModel
import Testing

@Suite struct QuantityTests {
    @Test(arguments: [
        ("500m", 0.5), ("1", 1.0), ("0.5", 0.5), ("2", 2.0), ("1000m", 1.0), ("512Mi", 536_870_912.0),
        ("1Gi", 1_073_741_824.0), ("2G", 2e9), ("1e3", 1000.0), ("100k", 100_000.0), ("1.5Gi", 1_610_612_736.0),
    ])
    func parses(text: String, value: Double) throws {
        let quantity = try #require(Quantity(text))
        #expect(quantity.value == value)
        #expect(quantity.text == text)
    }

    @Test(arguments: ["", "1Gx", "abc", "1..5", "Mi", "1 Gi", "--1", ".", "1e99"])
    func rejects(text: String) {
        #expect(Quantity(text) == nil)
    }

    @Test func comparesByValue() throws {
        #expect(try #require(Quantity("1000m")) < #require(Quantity("1.5")))
        #expect(try #require(Quantity("1Gi")) > #require(Quantity("1G")))
    }
}

@Suite struct DurationTests {
    @Test(arguments: [
        ("10s", 10_000), ("5m", 300_000), ("1h30m", 5_400_000), ("500ms", 500), ("30", 30_000),
        ("365d", 31_536_000_000), ("0s", 0),
    ])
    func parses(text: String, milliseconds: Int) throws {
        #expect(try #require(Duration(text)).milliseconds == milliseconds)
    }

    @Test(arguments: ["", "10 seconds", "s", "5x", "-5s", "1.5s", "10s5"])
    func rejects(text: String) {
        #expect(Duration(text) == nil)
    }

    @Test func printsShortestForm() {
        #expect(Duration(milliseconds: 90_000).description == "1m30s")
        #expect(Duration(milliseconds: 1500).description == "1s500ms")
        #expect(Duration(milliseconds: 1500).wholeSeconds == nil)
        #expect(Duration(milliseconds: 30_000).wholeSeconds == 30)
    }
}

@Suite struct PercentTests {
    @Test func parsesBothForms() {
        #expect(Percent("70%")?.value == 70)
        #expect(Percent("80")?.value == 80)
        #expect(Percent("0%") == nil)
        #expect(Percent("101%") == nil)
        #expect(IntOrPercent("25%") == .percent(25))
        #expect(IntOrPercent("1") == .count(1))
        #expect(IntOrPercent("0")?.isZero == true)
        #expect(IntOrPercent("-1") == nil)
    }
}
