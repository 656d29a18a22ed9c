@testable import ShipshapeRender
import Testing

/// A quote, backslash or `$` is escaped by its byte: a combining mark after it (one character
/// with it, to Foundation's search, which then missed it) must not end a quoted value early.
@Suite struct QuotingTests {
    @Test func aShellQuoteFollowedByACombiningMarkIsStillEscaped() {
        #expect(Shell.quote("it's") == "'it'\\''s'")
        #expect(Shell.quote("a'\u{301}; touch /tmp/x; '") == "'a'\\''\u{301}; touch /tmp/x; '\\'''")
    }

    @Test func anNginxQuoteFollowedByACombiningMarkIsStillEscaped() throws {
        #expect(try NginxWriter.quote("a\"\u{301}; include x; \"") == "\"a\\\"\u{301}; include x; \\\"\"")
        #expect(try NginxWriter.quote("a\\\u{301} b") == "\"a\\\\\u{301} b\"")
    }

    @Test func aComposeDollarFollowedByACombiningMarkIsStillDoubled() {
        #expect(ComposeFile.literal("$\u{301}{HOME}") == "$$\u{301}{HOME}")
        #expect(ComposeFile.literal("no dollar") == "no dollar")
    }
}
