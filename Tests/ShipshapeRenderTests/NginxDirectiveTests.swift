import Foundation
import ShipshapeLoader
import ShipshapeModel
@testable import ShipshapeRender
import Testing
import TestSupport

/// The nginx escape hatch: `routes[].directives` adds directives the spec does not model to a
/// location, each argument one quoted token, and refuses what reads files, runs code or
/// replaces what shipshape writes.
extension NginxRendererTests {
    @Test func extraDirectivesLandInTheirLocationQuoted() throws {
        let route = #"{path: /, service: api, "#
            + #"directives: [[proxy_buffering, "off"], [add_header, X-Note, "a; b {c}"]]}"#
        let conf = try renderedSite(try stack(route))
        let location = block(conf, "location /")
        #expect(location.contains("proxy_buffering off;"), "\(location)")
        #expect(location.contains(#"add_header X-Note "a; b {c}";"#), "\(location)")
        #expect(location.firstIndex(of: "proxy_buffering off;")! < location.firstIndex { $0.hasPrefix("proxy_pass") }!)
    }

    @Test(arguments: [
        ("[[include, /etc/passwd]]", "'include' is written by shipshape or reaches outside the location"),
        ("[[alias, /]]", "'alias' is written by shipshape or reaches outside the location"),
        ("[[proxy_pass, \"http://evil\"]]", "'proxy_pass' is written by shipshape or reaches outside the location"),
        ("[[content_by_lua_block, x]]", "'content_by_lua_block' runs code"),
        ("[[perl_set, x]]", "'perl_set' runs code"),
        ("[[\"proxy_buffering off; include x\"]]", "is not an nginx directive name"),
        ("[proxy_buffering]", "found a scalar"),
    ])
    func aRefusedDirectiveIsALocatedError(_ directives: String, _ message: String) throws {
        do {
            _ = try stack("{path: /, service: api, directives: \(directives)}")
            Issue.record("accepted \(directives)")
        } catch let error as DiagnosticError {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.message.contains(message), "\(diagnostic)")
            #expect(diagnostic.location?.line == 12, "\(diagnostic)")
        }
    }

    @Test func anArgumentThatNginxWouldReadAsAVariableIsRefused() throws {
        let stack = try stack(#"{path: /, service: api, directives: [[add_header, X-Host, "$host"]]}"#)
        #expect(throws: DiagnosticError.self) { try renderedSite(stack) }
    }

    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func nginxAcceptsExtraDirectives() throws {
        try Judges.require()
        let route = #"{path: /, service: api, directives: [[proxy_buffering, "off"], [proxy_read_timeout, 300s]]}"#
        let files = try NginxRenderer().render(try stack(route))
        let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.lines.contains { $0.hasPrefix("PASS nginx-t") })
    }
}
