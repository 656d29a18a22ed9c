import ShipshapeModel
import ShipshapePolicy

struct TLSModernProtocolsLint: LintRule {
    let info = LintRuleInfo(
        id: "tls-modern-protocols", format: .nginx,
        triggering: [LintExample("site.conf", """
            server {
                listen 443 ssl;
                ssl_protocols ↓TLSv1.1 TLSv1.2;
            }
            """)],
        nonTriggering: [LintExample("site.conf", """
            server {
                listen 443 ssl;
                ssl_protocols TLSv1.2 TLSv1.3;
            }
            """)])

    static let old: Set<String> = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1"]

    func check(_ context: LintContext) -> [Finding] {
        NginxScope.all(context.set.nginx).flatMap { scope in
            (scope.block.children ?? []).filter { !$0.isComment && $0.name.text == "ssl_protocols" }
                .compactMap { directive -> Finding? in
                    let bad = directive.arguments.filter { Self.old.contains($0.text) }
                    guard let first = bad.first else { return nil }
                    return context.finding("\(scope.label) accepts \(bad.map(\.text).joined(separator: " and "))",
                                           at: first.location, object: scope.label, place: "ssl_protocols")
                }
        }
    }
}
