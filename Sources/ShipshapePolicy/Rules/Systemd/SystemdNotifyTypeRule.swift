import ShipshapeModel
import ShipshapeRender

struct SystemdNotifyTypeRule: Rule {
    let description = RuleDescription(
        id: "systemd-notify-type", category: .systemd,
        summary: "`Type=notify` only for a server that tells systemd it is ready.",
        rationale: "With `Type=notify` systemd waits for `READY=1`. uvicorn, hypercorn, daphne, granian, node and "
            + "celery never send it: the unit stays 'activating' until TimeoutStartSec (90s), is killed, restarts, "
            + "and loops, while units ordered after it never start. gunicorn (20.0+) does send it. A program not "
            + "known either way (a Go binary) is not flagged: it notifies if its code calls sd_notify.",
        remediation: "Set `systemd.type: exec` (the default for these servers), or run the app under gunicorn "
            + "(`-k uvicorn.workers.UvicornWorker`), which notifies.",
        severity: .error, targets: [.systemd],
        equivalents: ["systemd-analyze verify: (none)", "systemd-analyze security: (none)"],
        triggering: [
            Example(SystemdExample.api("{user: demo, execPath: /opt/venv/bin/uvicorn, type: ↓notify}")),
            Example(SystemdExample.api("{user: demo, command: [/usr/bin/node, dist/main.js], type: ↓notify}")),
            Example(SystemdExample.api("{user: demo, command: [/usr/bin/python3, -m, uvicorn, app], type: ↓notify}")),
        ],
        nonTriggering: [
            Example(SystemdExample.api("{user: demo, execPath: /opt/venv/bin/gunicorn, type: notify}")),
            Example(SystemdExample.api("{user: demo, execPath: /opt/venv/bin/uvicorn, type: exec}")),
            Example(SystemdExample.api("{user: demo, execPath: /opt/venv/bin/uvicorn}")),
            Example(SystemdExample.api("{user: demo, execPath: /usr/local/bin/demo, type: notify}")),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let notifying = context.stack.services.filter { $0.systemd.hostUnit == nil && $0.systemd.type == "notify" }
        return notifying.compactMap { service in
            guard let program = SystemdReadiness.program(service), SystemdReadiness.silent.contains(program) else {
                return nil
            }
            let message = "the unit of service '\(service.name)' waits for READY=1, which \(program) never sends"
            return context.finding(message,
                                   at: context.serviceLocation(service, Key.Service.systemd,
                                                               Key.Systemd.type), service: service,
                                   artifact: "\(context.unitFile(service)): Type=notify")
        }
    }
}
