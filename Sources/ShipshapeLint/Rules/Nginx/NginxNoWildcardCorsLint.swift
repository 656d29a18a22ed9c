import ShipshapeModel
import ShipshapePolicy

struct NginxNoWildcardCorsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-wildcard-cors", format: .nginx,
        triggering: [LintExample("site.conf", """
            server {
                listen 80;
                location /api {
                    add_header Access-Control-Allow-Origin ↓"*" always;
                    proxy_pass http://api:8000;
                }
            }
            """)],
        nonTriggering: [LintExample("site.conf", """
            server {
                listen 80;
                location /api {
                    add_header Access-Control-Allow-Origin https://app.example.com always;
                    proxy_pass http://api:8000;
                }
            }
            """)])

    func check(_ context: LintContext) -> [Finding] {
        NginxScope.all(context.set.nginx).flatMap { scope in
            (scope.block.children ?? []).filter { !$0.isComment && $0.name.text == "add_header" }
                .compactMap { directive -> Finding? in
                    guard directive.arguments.count >= 2,
                          directive.arguments[0].text.lowercased() == "access-control-allow-origin",
                          directive.arguments[1].text == "*" else { return nil }
                    return context.finding("\(scope.label) allows every origin (Access-Control-Allow-Origin *)",
                                           at: directive.arguments[1].location, object: scope.label,
                                           place: "add_header")
                }
        }
    }
}
