@testable import ShipshapeLoader
import Testing

/// The nesting pre-scan finds lines by searching for line feeds (by bytes); a line feed right
/// after a carriage return ends no line, as in a `String`'s characters (CR LF is one).
@Suite struct NestingScannerTests {
    /// `depth` block mappings, each a level deeper, then a flow list `[[...]]` `flow` deep.
    static func nested(_ depth: Int, flow: Int) -> String {
        (0..<depth).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined()
            + String(repeating: " ", count: depth) + "v: " + String(repeating: "[", count: flow)
            + String(repeating: "]", count: flow) + "\n"
    }

    @Test func blockAndFlowLevelsAddUpAcrossLines() throws {
        let found = try #require(NestingScanner.firstTooDeep(Self.nested(150, flow: 60), limit: 200))
        #expect(found.line == 151)
        #expect(found.column == 150 + 3 + 50)  // at the 50th `[`
        #expect(NestingScanner.firstTooDeep(Self.nested(150, flow: 49), limit: 200) == nil)
    }

    @Test func aLineFeedAfterACarriageReturnEndsNoLine() throws {
        let lf = try #require(NestingScanner.firstTooDeep("a:\n b:\n  c: [[[[\n", limit: 3))
        #expect(lf.line == 3 && lf.column == 6)
        // One line of three levels of flow after the first key: found at the third `[`.
        let crlf = try #require(NestingScanner.firstTooDeep("a:\r\n b:\r\n  c: [[[[\r\n", limit: 3))
        #expect(crlf.line == 1 && crlf.column == 17)
        let mixed = try #require(NestingScanner.firstTooDeep("a:\r\n b:\n  c: [[[[\n", limit: 3))
        #expect(mixed.line == 2)
    }
}
