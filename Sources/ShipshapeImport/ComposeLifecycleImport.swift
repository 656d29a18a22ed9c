import ShipshapeModel
import ShipshapeRender

extension ComposeContext {
    /// `stop_grace_period`, `ulimits` and `pull_policy`: the spec's `stopGracePeriod`, `ulimits`
    /// and `pullPolicy`; a value the spec cannot hold is a loss.
    mutating func lifecycle(_ node: SourceNode, path: String, into m: inout DocMap) {
        if let value = node["stop_grace_period"], let text = plain(value) {
            // Go durations (`1m30s`, `1.5s`) and compose's bare seconds; fractions are not the spec's.
            if let duration = Duration(text) {
                m.set("stopGracePeriod", duration.description)
            } else {
                log.lost(value, "\(path).stop_grace_period", "not a duration the spec reads",
                         "write it as 90s, 1m30s or 500ms under `stopGracePeriod`")
            }
        }
        if let value = node["pull_policy"], let text = plain(value) {
            let policies = ["always": "always", "missing": "ifNotPresent", "if_not_present": "ifNotPresent",
                            "never": "never"]
            if let policy = policies[text] {
                m.set("pullPolicy", policy)
            } else {
                log.lost(value, "\(path).pull_policy", "the spec has no '\(text)' pull policy",
                         "build and push the image in CI; use always, missing or never")
            }
        }
        var limits: [(key: String, value: DocNode)] = []
        for (name, limit) in node["ulimits"]?.members ?? [] {
            if let single = plain(limit).flatMap(Int.init) {
                limits.append((name, .int(single)))
            } else if let soft = plain(limit["soft"]).flatMap(Int.init),
                      let hard = plain(limit["hard"]).flatMap(Int.init) {
                limits.append((name, .map([("soft", .int(soft)), ("hard", .int(hard))])))
            } else {
                log.lost(limit, "\(path).ulimits.\(name)", "not a limit the spec reads",
                         "a number, or {soft, hard} numbers, under `ulimits`")
            }
        }
        if !limits.isEmpty { m.set("ulimits", DocNode.map(limits)) }
    }
}
