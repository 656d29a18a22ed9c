import ShipshapeModel

struct NoDebugInProductionRule: Rule {
    let description = RuleDescription(
        id: "no-debug-in-production", category: .secrets,
        summary: "Debug switches are off (DEBUG=true, NODE_ENV=development, LOG_LEVEL=debug and friends).",
        rationale: "Debug modes leak stack traces, settings and sometimes consoles; "
            + "debug logging leaks data and costs money.",
        remediation: "Turn the switch off in this environment's overlay, or set it only in development.",
        severity: .error,
        equivalents: ["kube-linter: (none)", "Polaris: (none)", "checkov: (none)"],
        triggering: [
            Example(ExampleStack.api(extra: "env:\n  DEBUG: ↓\"true\"\n  NODE_ENV: ↓development"
                                         + "\n  LOG_LEVEL: ↓debug")),
        ],
        nonTriggering: [
            Example(ExampleStack.api(extra: "env:\n  DEBUG: \"false\"\n  NODE_ENV: production\n  LOG_LEVEL: info")),
        ])

    static let switches: [String: Set<String>] = [
        "DEBUG": ["true", "1", "yes", "on"], "FLASK_DEBUG": ["true", "1"], "DJANGO_DEBUG": ["true", "1"],
        "APP_DEBUG": ["true", "1"],
        "NODE_ENV": ["development", "dev"], "APP_ENV": ["development", "dev", "local"], "RAILS_ENV": ["development"],
        "LOG_LEVEL": ["debug", "trace"], "LOGLEVEL": ["debug", "trace"],
    ]

    func check(_ context: RuleContext) -> [Finding] {
        context.environments.flatMap { owner in
            owner.env.compactMap { name, value -> Finding? in
                guard Self.switches[name.uppercased()]?.contains(value.lowercased()) == true else { return nil }
                return context.finding("\(name)=\(value) in \(owner.what)",
                                       at: context.location(owner, env: name),
                                       service: owner.service, artifact: context.artifact(owner, env: name))
            }
        }
    }
}

/// The debug switches of `no-debug-in-production` (variable to the values that turn it on), for `lint`.
public enum DebugSwitches {
    public static var all: [String: Set<String>] { NoDebugInProductionRule.switches }
}
