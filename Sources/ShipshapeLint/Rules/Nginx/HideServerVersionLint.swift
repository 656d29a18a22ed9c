import ShipshapeModel
import ShipshapePolicy

struct HideServerVersionLint: LintRule {
    let info = LintRuleInfo(
        id: "hide-server-version", format: .nginx,
        triggering: [
            LintExample("site.conf", """
            server {
                listen 80;
                server_tokens ↓on;
            }
            """),
            LintExample("site.conf", """
            ↓server {
                listen 80;
            }
            """),
        ],
        nonTriggering: [LintExample("nginx.conf", """
            events {}
            http {
                server_tokens off;
                server { listen 80; }
            }
            """)])

    func check(_ context: LintContext) -> [Finding] {
        NginxScope.all(context.set.nginx).filter { $0.name == "server" }.compactMap { scope in
            let setting = scope.inherited("server_tokens")
            guard setting?.arguments.first?.text != "off" else { return nil }
            let at = setting?.arguments.first?.location ?? scope.block.location
            return context.finding(setting == nil ? "the server sends its nginx version (server_tokens defaults to on)"
                                       : "the server sends its nginx version",
                                   at: at, object: scope.label, place: "server_tokens")
        }
    }
}
