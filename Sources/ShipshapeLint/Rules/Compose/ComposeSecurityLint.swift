import ShipshapeModel
import ShipshapePolicy

/// The security settings of compose services, each under its `validate` id: `read_only`
/// (read-only-root-filesystem), `no-new-privileges` (no-privilege-escalation), `cap_drop: [ALL]`
/// (drop-capabilities), `cap_add` (dangerous-capabilities), host namespaces and `privileged`
/// (no-host-access, as `validate` reads them).
struct ComposeSecurityLint: LintRule {
    let id: String
    let info: LintRuleInfo

    static let all: [ComposeSecurityLint] = [
        ComposeSecurityLint(id: "read-only-root-filesystem",
                            bad: "services:\n  web:\n    ↓image: nginx:1.27\n",
                            good: "services:\n  web: {image: \"nginx:1.27\", read_only: true}\n"),
        ComposeSecurityLint(id: "no-privilege-escalation",
                            bad: "services:\n  web:\n    image: nginx:1.27\n    security_opt: ↓[seccomp:default]\n",
                            good: "services:\n  web: {image: \"nginx:1.27\", "
                                + "security_opt: [\"no-new-privileges:true\"]}\n"),
        ComposeSecurityLint(id: "drop-capabilities",
                            bad: "services:\n  web:\n    image: nginx:1.27\n    cap_drop: ↓[NET_RAW]\n",
                            good: "services:\n  web: {image: \"nginx:1.27\", cap_drop: [ALL]}\n"),
        ComposeSecurityLint(id: "dangerous-capabilities",
                            bad: "services:\n  web:\n    image: nginx:1.27\n    cap_add: [CHOWN, ↓CAP_SYS_ADMIN]\n",
                            good: "services:\n  web: {image: \"nginx:1.27\", cap_add: [NET_BIND_SERVICE]}\n"),
        ComposeSecurityLint(id: "no-host-access",
                            bad: "services:\n  web:\n    image: nginx:1.27\n    network_mode: ↓host\n"
                                + "    privileged: ↓true\n",
                            good: "services:\n  web: {image: \"nginx:1.27\", network_mode: bridge}\n"),
    ]

    init(id: String, bad: String, good: String) {
        self.id = id
        info = LintRuleInfo(id: id, format: .compose, triggering: [LintExample("docker-compose.yml", bad)],
                            nonTriggering: [LintExample("docker-compose.yml", good)])
    }

    func check(_ context: LintContext) -> [Finding] {
        context.set.composeServices.flatMap { service in problems(service).map { message, path in
            context.finding("service '\(service.name)' \(message)", in: service, at: path)
        } }
    }

    func problems(_ service: ComposeService) -> [(String, DocPath)] {
        let node = service.node
        switch id {
        case "read-only-root-filesystem":
            return node.member("read_only")?.flag == true ? [] : [("can write to its root filesystem",
                                                                   [.key("read_only")])]
        case "no-privilege-escalation":
            let options = node.member("security_opt")?.items.compactMap(\.text) ?? []
            let set = options.contains { $0 == "no-new-privileges" || $0 == "no-new-privileges:true"
                || $0 == "no-new-privileges=true" }
            return set ? [] : [("allows privilege escalation", [.key("security_opt")])]
        case "drop-capabilities":
            let dropped = node.member("cap_drop")?.items.compactMap { $0.text?.uppercased() } ?? []
            return dropped.contains("ALL") ? [] : [("keeps the default capabilities", [.key("cap_drop")])]
        case "dangerous-capabilities":
            return (node.member("cap_add")?.items ?? []).enumerated().compactMap { index, item in
                let name = Capabilities.bare((item.text ?? "").uppercased())
                return Capabilities.dangerous.contains(name) ? ("adds capability \(name)",
                                                                 [.key("cap_add"), .index(index)]) : nil
            }
        default:
            var out: [(String, DocPath)] = []
            for (key, label) in [("network_mode", "hostNetwork"), ("pid", "hostPID"), ("ipc", "hostIPC")]
            where node.member(key)?.text == "host" {
                out.append(("sets \(label) (\(key): host)", [.key(key)]))
            }
            if node.member("privileged")?.flag == true { out.append(("sets privileged", [.key("privileged")])) }
            return out
        }
    }
}
