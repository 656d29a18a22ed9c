import ShipshapeModel

/// Renders the `systemd` target for virtual machines: `<unit>.service` for every long-running
/// service, and `<unit>.service` + `<unit>.timer` for every scheduled job. Services the host
/// provides (`systemd.hostUnit`, e.g. `postgresql.service`) are not rendered; their dependents
/// order after them. Replicas are a cluster notion: on a VM one unit runs, and its process
/// manages its own workers (uvicorn `--workers`, gunicorn `--workers`, celery `--concurrency`).
public struct SystemdRenderer: TargetRenderer {
    public let target = Target.systemd

    public init() {}

    public func artifacts(_ stack: ResolvedStack, context: RenderContext,
                          diagnostics: DiagnosticCollector) -> [Artifact] {
        var artifacts: [Artifact] = []
        forEachArtifact(stack, context: context, diagnostics: diagnostics) { artifacts.append($0) }
        return artifacts
    }

    /// The units of a few hundred services at a time, each batch on every core; units and
    /// problems handed over in service order, so a caller holds one batch at a time.
    public func forEachArtifact(_ stack: ResolvedStack, context: RenderContext, diagnostics: DiagnosticCollector,
                                _ body: (Artifact) -> Void) {
        let services = stack.services.filter { $0.systemd.hostUnit == nil }
        let hardening = HardeningEntries()
        let batch = 256
        for start in stride(from: 0, to: services.count, by: batch) {
            let results = Parallel.map(Array(services[start..<min(start + batch, services.count)])) { service in
                let problems = DiagnosticCollector()
                let units = SystemdUnits(stack: stack, service: service, diagnostics: problems,
                                         hardening: hardening).units
                return (units, problems.diagnostics)
            }
            for (units, problems) in results {
                problems.forEach(diagnostics.report)
                for unit in units {
                    body(Artifact(id: ArtifactID(environment: stack.environment, target: .systemd,
                                                 kind: ArtifactID.systemdUnit, name: unit.name), body: .systemd(unit)))
                }
            }
        }
    }

    /// The unit name of a service without suffix: `systemd.unit`, else `<stack>-<service>`.
    public static func unitName(_ service: Service, in stack: ResolvedStack) -> String {
        service.systemd.unit ?? "\(stack.name)-\(service.name)"
    }
}

/// The units of one service.
struct SystemdUnits {
    let stack: ResolvedStack
    let service: Service
    /// Where problems go; each is reported and rendering goes on.
    let diagnostics: DiagnosticCollector
    /// Set for the unit of an init container or sidecar: the service it belongs to, and the
    /// container's path in the spec.
    let owner: (service: Service, role: Container.Role, path: [String])?
    /// Where the service (or the container) is written in the spec: the start of every place.
    let specPath: [String]
    /// The entries of `systemd.hardening` maps the services of an environment share.
    let hardening: HardeningEntries?

    init(stack: ResolvedStack, service: Service, diagnostics: DiagnosticCollector,
         owner: (service: Service, role: Container.Role, path: [String])? = nil, hardening: HardeningEntries? = nil) {
        self.stack = stack
        self.service = service
        self.diagnostics = diagnostics
        self.owner = owner
        self.hardening = hardening
        specPath = owner?.path ?? [Key.Stack.services, service.name]
    }

    func at(_ path: String...) -> SourceLocation {
        stack.source.location(at: specPath + path)
    }

    /// Where an entry was written, looked up only if a writer rejects its value.
    func place(_ path: String...) -> SystemdUnit.Place {
        .spec(stack.source, start: specPath, path: path)
    }

    var name: String { SystemdRenderer.unitName(service, in: stack) }

    var units: [SystemdUnit] {
        let valid = Bytes.all(name) {
            (97...122).contains($0 | 0x20) || (48...57).contains($0) || $0 == 58 || $0 == 95 || $0 == 46 || $0 == 45
        }
        guard valid, !name.isEmpty, name.utf8.count <= 200 else {
            diagnostics.error("'\(name)' is not a valid unit name", at: at(Key.Service.systemd, Key.Systemd.unit),
                              expected: "letters, digits, ':', '_', '.' and '-'")
            return []
        }
        checkDirectiveSections()
        let wantedBy = service.isJob || owner != nil ? [] : [install("multi-user.target", extra: true)]
        var units = [SystemdUnit(name: "\(name).service", sections: [unitSection, serviceSection] + wantedBy)]
        if owner == nil { units += companionUnits }
        if let schedule = service.schedule {
            let description = SystemdUnit.Entry(key: "Description", value: .text("Schedule of \(description)"),
                                                place: place(Key.Service.description))
            units.append(SystemdUnit(name: "\(name).timer", sections: [
                .init(name: "Unit", entries: [description]),
                .init(name: "Timer", entries: timerEntries(schedule)),
                install("timers.target"),
            ]))
        }
        return units
    }

    var description: String { service.description ?? "\(stack.name) \(service.name)" }

    func install(_ target: String, extra: Bool = false) -> SystemdUnit.Section {
        var b = SectionBuilder()
        b.raw("WantedBy", target)
        if extra { extraDirectives("Install", into: &b) }
        return .init(name: "Install", entries: b.entries)
    }

    /// The unit a dependency is: its host unit, or the unit shipshape renders for it.
    func dependencyUnit(_ dependency: Dependency) -> String? {
        guard let other = stack.service(named: dependency.service), !other.isJob else { return nil }
        return other.systemd.hostUnit ?? "\(SystemdRenderer.unitName(other, in: stack)).service"
    }

    var unitSection: SystemdUnit.Section {
        var b = SectionBuilder()
        b.text("Description", description, at: place(Key.Service.description))
        if !service.systemd.documentation.isEmpty {
            b.text("Documentation", service.systemd.documentation.joined(separator: " "),
                   at: place(Key.Service.systemd, Key.Systemd.documentation))
        }
        let dependencies = service.dependsOn.compactMap { dep in dependencyUnit(dep).map { (dep, $0) } }
        b.raw("After", (["network-online.target"] + dependencies.map(\.1)).joined(separator: " "))
        let started = dependencies.filter { $0.0.condition == .started }.map(\.1)
        b.raw("Wants", (["network-online.target"] + started).joined(separator: " "))
        let required = dependencies.filter { $0.0.condition == .healthy }.map(\.1)
        if !required.isEmpty { b.raw("Requires", required.joined(separator: " ")) }
        companionEntries(into: &b)
        extraDirectives("Unit", into: &b)
        return .init(name: "Unit", entries: b.entries)
    }

    var serviceSection: SystemdUnit.Section {
        var b = SectionBuilder()
        // Unset: `notify` only for a server that sends READY=1 (gunicorn), else `exec` (see
        // SystemdReadiness; the `systemd-notify-type` rule checks a `notify` the spec sets).
        let type = service.systemd.type ?? (service.isJob ? "oneshot" : SystemdReadiness.defaultType(service))
        b.raw("Type", type)
        b.text("User", service.systemd.user ?? service.security.user,
               at: place(Key.Service.systemd, Key.Systemd.user))
        b.text("Group", service.systemd.group ?? service.security.group,
               at: place(Key.Service.systemd, Key.Systemd.group))
        if let directory = service.systemd.workingDirectory {
            if directory.hasPrefix("/") {
                b.text("WorkingDirectory", directory, at: place(Key.Service.systemd, Key.Systemd.workingDirectory))
            } else {
                diagnostics.error("working directory '\(directory)' is not absolute",
                                  at: at(Key.Service.systemd,
                                         Key.Systemd.workingDirectory), expected: "an absolute path")
            }
        }
        for (key, value) in service.env {
            // systemd passes only names of letters, digits and '_' (and drops the others with a
            // warning); containers also take '.' and '-' (`discovery.seed_hosts`).
            guard Bytes.all(key, { (97...122).contains($0 | 0x20) || (48...57).contains($0) || $0 == 95 }) else {
                let node = stack.source.node(at: [Key.Stack.services, service.name, Key.Service.env, key])
                diagnostics.error("systemd cannot pass the variable '\(key)'",
                                  at: node?.keyLocation ?? at(Key.Service.env, key),
                                  expected: "a name of letters, digits and '_' for the systemd target",
                                  hint: "rename it, or leave systemd out of this environment's targets")
                continue
            }
            b.assignments("Environment", [(key, value)], at: place(Key.Service.env, key))
        }
        for file in service.systemd.environmentFiles {
            if file.hasPrefix("/") || file.hasPrefix("-/") {
                b.text("EnvironmentFile", file, at: place(Key.Service.systemd, Key.Systemd.environmentFiles))
            } else {
                diagnostics.error("environment file '\(file)' is not absolute",
                                  at: at(Key.Service.systemd, Key.Systemd.environmentFiles),
                                  expected: "an absolute path")
            }
        }
        var environmentFiles: [String] = []
        for ref in service.secrets {
            // The short form: credentials (from /etc/credstore), never inline, read through VAR_FILE —
            // unless the service reads its secrets from `systemd.environmentFiles`.
            if ref.isDefault {
                guard service.systemd.environmentFiles.isEmpty else { continue }
                b.raw("LoadCredential", ref.sourceName)
                b.raw("Environment", "\"\(ref.variable)\(service.secretFileSuffix)=%d/\(ref.sourceName)\"")
                continue
            }
            switch ref.delivery {
            case .file:
                b.raw("LoadCredential", "\(ref.fileName):\(Self.credentialStore)/\(ref.sourceName)")
                b.raw("Environment", "\"\(ref.variable)\(service.secretFileSuffix)=%d/\(ref.fileName)\"")
            case .env:
                guard let file = environmentFile(ref), !environmentFiles.contains(file) else { continue }
                environmentFiles.append(file)
                b.text("EnvironmentFile", file, at: place(Key.Service.secrets, ref.variable))
            }
        }
        if let command {
            b.command("ExecStart", command, at: place(service.systemd.command == nil ? "command" : "systemd"))
        }
        if !service.isJob {
            switch service.restart {
            case .always, .unlessStopped: b.raw("Restart", "always")
            case .onFailure: b.raw("Restart", "on-failure")
            case .never: b.raw("Restart", "no")
            }
            b.raw("RestartSec", service.restartDelay.map(Self.timeSpan) ?? "10")
        } else if service.restartDelay != nil {
            diagnostics.error("a scheduled job is not restarted on systemd: its timer starts it again",
                              at: at(Key.Service.restartDelay),
                              expected: "no restartDelay on a service with a schedule")
        }
        b.raw("TimeoutStopSec", service.stopGracePeriod.map(Self.timeSpan) ?? "30")
        for limit in service.ulimits {
            b.raw(limit.systemdDirective, limit.systemdValue)
        }
        if let memory = service.resources.limits.memory { b.raw("MemoryMax", "\(Int(memory.value.rounded()))") }
        if let cpu = service.resources.limits.cpu { b.raw("CPUQuota", "\(max(1, Int((cpu.value * 100).rounded())))%") }
        if let shared = hardening?.entries(service.systemd.hardening) {
            b.entries += shared
        } else {
            hardeningEntries(into: &b)
        }
        checkProtectHome()
        if !service.systemd.readWritePaths.isEmpty {
            for path in service.systemd.readWritePaths where !path.hasPrefix("/") || path.contains(" ") {
                diagnostics.error("'\(path)' is not an absolute path without spaces",
                                  at: at(Key.Service.systemd, Key.Systemd.readWritePaths),
                                  expected: "an absolute path such as /var/log/app")
            }
            b.text("ReadWritePaths", service.systemd.readWritePaths.joined(separator: " "),
                   at: place(Key.Service.systemd, Key.Systemd.readWritePaths))
        }
        extraDirectives("Service", into: &b)
        return .init(name: "Service", entries: b.entries)
    }

    /// The entries of `systemd.hardening`, each checked (a bad name or value is reported here).
    func hardeningEntries(into b: inout SectionBuilder) {
        for (key, value) in service.systemd.hardening {
            if HardeningEntries.isSettingName(key) {
                b.text(key, value, at: place(Key.Service.systemd, Key.Systemd.hardening, key))
            } else {
                diagnostics.error("'\(key)' is not a systemd setting name",
                                  at: at(Key.Service.systemd, Key.Systemd.hardening, key),
                                  expected: "a name such as NoNewPrivileges")
            }
        }
    }

    /// A time span as systemd reads it: whole seconds, else milliseconds (`1500ms`).
    static func timeSpan(_ duration: Duration) -> String {
        duration.wholeSeconds.map { "\($0)" } ?? "\(duration.milliseconds)ms"
    }

    /// Where systemd reads credentials by name (`LoadCredential=ID`) and env files of secrets.
    static let credentialStore = "/etc/credstore"

    /// The env file that holds a variable delivered `as: env`: `/etc/credstore/<secret>.env` for a
    /// secret that exists on the host (`existing`, `external`); a folder of files or an env file
    /// relative to the stack cannot be read as one, which is an error.
    func environmentFile(_ ref: SecretRef) -> String? {
        guard let secret = stack.secret(named: ref.secret) else { return nil }
        switch secret.source {
        case .existing, .external:
            // Named like the unit's credentials (`<secret>-<key>`), whatever the source's name.
            return "\(Self.credentialStore)/\(secret.name).env"
        case .files, .envFile:
            let kind = if case .files = secret.source { "a folder of files" } else { "an env file of the stack folder" }
            diagnostics.error("secret '\(secret.name)' is \(kind), which a systemd unit cannot read as the variable "
                                  + "\(ref.variable)", at: at(Key.Service.secrets, ref.variable,
                                                              Key.SecretReference.as),
                              expected: "'as: file' (a credential), or an 'existing:' source for this environment "
                                  + "(EnvironmentFile=\(Self.credentialStore)/<name>.env)")
            return nil
        }
    }

    /// ProtectHome= that hides a path the service needs.
    func checkProtectHome() {
        guard let setting = service.systemd.hardening["ProtectHome"],
              ["yes", "true", "tmpfs"].contains(setting.lowercased()) else { return }
        let paths = [service.systemd.workingDirectory, service.systemd.execPath].compactMap { $0 }
            + service.systemd.environmentFiles + service.systemd.readWritePaths
        // On the bytes: a path under a hidden root, or one that may be missing (`-/home/...`).
        guard let hidden = paths.first(where: { path in
            Bytes.read(path) { bytes in
                let bare = bytes.first == UInt8(ascii: "-") ? UnsafeBufferPointer(rebasing: bytes.dropFirst()) : bytes
                return Bytes.hasPrefix(bare, "/home/") || Bytes.hasPrefix(bare, "/root/")
                    || Bytes.hasPrefix(bare, "/run/user/")
            }
        }) else { return }
        diagnostics.error("ProtectHome=\(setting) hides \(hidden), which service '\(service.name)' needs",
                          at: at(Key.Service.systemd, Key.Systemd.hardening, "ProtectHome"),
                          expected: "ProtectHome=read-only, or the program outside /home",
                          hint: "set systemd.hardening.ProtectHome: read-only on the service")
    }

    /// `systemd.command`, else `command` + `args`, with the program replaced by `execPath`.
    var command: [String]? {
        var words = service.systemd.command ?? ((service.command ?? []) + (service.args ?? []))
        guard !words.isEmpty else {
            if let owner {
                diagnostics.error("\(owner.role.noun) '\(service.containerName)' of service '\(owner.service.name)' "
                                      + "has no command to run on a host", at: at(Key.Container.name),
                                  expected: "'command': systemd runs the program on the host, not an image")
                return nil
            }
            diagnostics.error("service '\(service.name)' has no command to run on a host", at: at(Key.Service.systemd),
                              expected: "'command', or 'systemd.command' / 'systemd.execPath'")
            return nil
        }
        if let exec = service.systemd.execPath {
            guard exec.hasPrefix("/") else {
                diagnostics.error("execPath '\(exec)' is not absolute",
                                  at: at(Key.Service.systemd, Key.Systemd.execPath),
                                  expected: "an absolute path")
                return nil
            }
            words[0] = exec
        }
        return words
    }

    func timerEntries(_ schedule: Schedule) -> [SystemdUnit.Entry] {
        switch SystemdCalendar.onCalendar(schedule.cron, timezone: schedule.timezone) {
        case let .success(calendar):
            return [
                .init(key: "OnCalendar", value: .raw(calendar), location: nil),
                .init(key: "Persistent", value: .raw("true"), location: nil),
                .init(key: "Unit", value: .raw("\(name).service"), location: nil),
            ]
        case let .failure(error):
            diagnostics.error("the schedule '\(schedule.cron.text)' cannot become a systemd timer: \(error.reason)",
                              at: at(Key.Service.schedule,
                                     Key.Schedule.cron), expected: "a cron expression systemd can express")
            return []
        }
    }
}
