import ShipshapeModel
import ShipshapePolicy

struct ComposeNoHostAccessLint: LintRule {
    let info = LintRuleInfo(
        id: "no-host-access", format: .compose,
        triggering: [LintExample("docker-compose.yml", """
            services:
              web:
                image: nginx:1.27
                network_mode: ↓host
                privileged: ↓true
            """)],
        nonTriggering: [LintExample("docker-compose.yml", """
            services:
              web: {image: "nginx:1.27", network_mode: bridge}
            """)])

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.flatMap { service -> [Finding] in
            var out: [Finding] = []
            for (key, label) in [("network_mode", "hostNetwork"), ("pid", "hostPID"), ("ipc", "hostIPC")]
            where service.node.member(key)?.text == "host" {
                out.append(context.finding("service '\(service.name)' sets \(label) (\(key): host)", in: service,
                                           at: [.key(key)]))
            }
            if service.node.member("privileged")?.flag == true {
                out.append(context.finding("service '\(service.name)' sets privileged", in: service,
                                           at: [.key("privileged")]))
            }
            return out
        }
    }
}
