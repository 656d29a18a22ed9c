import ShipshapeModel

/// Which servers tell systemd they are ready. `Type=notify` waits for `READY=1` on
/// `$NOTIFY_SOCKET`; a program that never sends it leaves the unit "activating" until
/// `TimeoutStartSec=` (90s), when systemd kills it and `Restart=` starts it again, forever.
///
/// - gunicorn (20.0 and later) sends `READY=1` from its arbiter, the main process, once its
///   sockets are bound (benoitc/gunicorn#1897; the unit in gunicorn's deployment docs is
///   `Type=notify`). That includes uvicorn workers under gunicorn (`-k uvicorn.workers.UvicornWorker`).
/// - uvicorn, hypercorn, daphne and granian have no sd_notify (uvicorn's `Server` has no
///   notify call; emmett-framework/granian#381 is an open request); node has none in its core
///   (only add-on packages); celery has none. `Type=exec` fits them: systemd reports a failed
///   start when the program cannot be executed, and readiness comes from probes or `After=`.
/// - Any other program (a Go binary, a script) notifies only if its code does (for Go, with
///   go-systemd's `daemon.SdNotify`); shipshape cannot tell, so it defaults to `exec`.
public enum SystemdReadiness {
    /// Programs known to send `READY=1` when started as `Type=notify`.
    public static let notifying: Set<String> = ["gunicorn"]

    /// Servers known never to send `READY=1`.
    public static let silent: Set<String> = [
        "uvicorn", "hypercorn", "daphne", "granian", "node", "nodejs", "npm", "npx", "yarn", "pnpm", "next", "nest",
        "celery",
    ]

    /// The program a unit runs: the name of the command's first word (`/opt/venv/bin/uvicorn`
    /// → `uvicorn`), or the module after `python -m` (`python -m gunicorn` → `gunicorn`).
    public static func program(_ service: Service) -> String? {
        let words = service.systemd.command ?? ((service.command ?? []) + (service.args ?? []))
        guard let first = service.systemd.execPath ?? words.first else { return nil }
        let name = Names.lastComponent(first)
        if name.hasPrefix("python"), let module = words.firstIndex(of: "-m"), module + 1 < words.count {
            return words[module + 1].split(separator: ".").first.map(String.init)
        }
        return name
    }

    /// The `Type=` a long-running service gets when its spec sets none: `notify` for a
    /// program that notifies, `exec` for the rest.
    public static func defaultType(_ service: Service) -> String {
        program(service).map(notifying.contains) == true ? "notify" : "exec"
    }
}
