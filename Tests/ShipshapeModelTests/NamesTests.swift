import ShipshapeModel
import Testing

@Suite struct NamesTests {
    @Test func dnsLabels() {
        for good in ["api", "celery-worker", "a", "x1", String(repeating: "a", count: 63)] {
            #expect(Names.isDNSLabel(good), "\(good)")
        }
        for bad in [
            "", "Api", "api_server", "-api", "api-", "../etc", "a/b", "a.b", String(repeating: "a", count: 64), "аpi",
        ] {
            #expect(!Names.isDNSLabel(bad), "\(bad)")
        }
    }

    @Test func portNames() {
        #expect(Names.isPortName("http"))
        #expect(!Names.isPortName("8080"))
        #expect(!Names.isPortName("a-very-long-port-name"))
        #expect(!Names.isPortName("a--b"))
    }

    @Test func hostNames() {
        #expect(Names.isHostName("api.openlearn.example.com"))
        #expect(Names.isHostName("*.example.com"))
        #expect(Names.isHostName("localhost"))
        #expect(!Names.isHostName("example.com;"))
        #expect(!Names.isHostName("exa mple.com"))
        #expect(!Names.isHostName("a..b"))
    }

    @Test func suggestions() {
        #expect(Suggestions.closest(to: "replica", in: ["replicas", "resources"]) == "replicas")
        #expect(Suggestions.closest(to: "tga", in: ["tag"]) == "tag")
        #expect(Suggestions.closest(to: "xyz", in: ["replicas"]) == nil)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
    }

    @Test func abbreviationsExpandToTheirOneCandidate() {
        let environments = ["development", "production", "staging"]
        #expect(Suggestions.hint(for: "prod", in: environments) == "did you mean 'production'?")
        #expect(Suggestions.hint(for: "DEV", in: environments) == "did you mean 'development'?")
        #expect(Suggestions.hint(for: "stagin", in: environments) == "did you mean 'staging'?")
        // Too short, or the prefix of more than one candidate: no guess.
        #expect(Suggestions.hint(for: "pr", in: environments) == nil)
        #expect(Suggestions.hint(for: "pro", in: ["production", "profiling"]) == nil)
    }
}
