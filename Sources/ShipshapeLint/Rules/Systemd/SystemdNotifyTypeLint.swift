import ShipshapeModel
import ShipshapePolicy
import ShipshapeRender

struct SystemdNotifyTypeLint: LintRule {
    let info = LintRuleInfo(
        id: "systemd-notify-type", format: .systemd,
        triggering: [
            LintExample("api.service", """
            [Service]
            ↓Type=notify
            ExecStart=/opt/venv/bin/uvicorn app:app --port 8000
            """),
            LintExample("api.service", """
            [Service]
            ↓Type=notify
            ExecStart=-/usr/bin/python3 -m uvicorn app:app
            """),
        ],
        nonTriggering: [
            LintExample("api.service", """
            [Service]
            Type=notify
            ExecStart=/opt/venv/bin/gunicorn -k uvicorn.workers.UvicornWorker app:app
            """),
            LintExample("api.service", """
            [Service]
            Type=exec
            ExecStart=/usr/bin/node dist/main.js
            """),
        ])

    /// The program `ExecStart=` runs, as `validate` names it: the first word's file name (after
    /// systemd's `@-:+!` prefixes), or the module after `python -m`.
    static func program(_ execStart: String) -> String? {
        let words = execStart.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard var first = words.first else { return nil }
        while let prefix = first.first, "@-:+!".contains(prefix) { first.removeFirst() }
        let name = String(first.split(separator: "/").last ?? Substring(first))
        if name.hasPrefix("python"), let module = words.firstIndex(of: "-m"), module + 1 < words.count {
            return words[module + 1].split(separator: ".").first.map(String.init)
        }
        return name.isEmpty ? nil : name
    }

    func check(_ context: LintContext) -> [Finding] {
        context.services.compactMap { unit -> Finding? in
            guard unit.setting("Service", "Type")?.text == "notify",
                  let exec = unit.setting("Service", "ExecStart")?.text, let program = Self.program(exec),
                  SystemdReadiness.silent.contains(program) else { return nil }
            return context.finding("the unit waits for READY=1, which \(program) never sends", in: unit, key: "Type")
        }
    }
}
