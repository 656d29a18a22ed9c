import ShipshapeModel

/// `systemd.directives`, the systemd escape hatch: each name checked against systemd's index
/// for its section (`SystemdDirectives`), each value escaped as every other value, and refused
/// where it would replace what the spec writes, grant privileges or leave the sandbox.
enum SystemdExtraDirectives {
    static let sections = ["Unit", "Service", "Install"]

    /// Names the spec writes from its own fields, and the field to use instead.
    static let modelled: [String: String] = [
        "Description": "description", "Documentation": "systemd.documentation", "User": "systemd.user",
        "Group": "systemd.group", "ExecStart": "command or systemd.command", "WorkingDirectory":
            "systemd.workingDirectory", "Environment": "env", "EnvironmentFile": "secrets or systemd.environmentFiles",
        "LoadCredential": "secrets", "LoadCredentialEncrypted": "secrets", "SetCredential": "secrets",
        "Type": "systemd.type", "Restart": "restart", "RestartSec": "restartDelay", "TimeoutStopSec":
            "stopGracePeriod", "MemoryMax": "resources.limits.memory", "CPUQuota": "resources.limits.cpu",
        "ReadWritePaths": "systemd.readWritePaths",
    ]

    /// Names that grant what the unit's sandbox takes away.
    static let granting: Set<String> = ["AmbientCapabilities", "PermissionsStartOnly", "SupplementaryGroups",
                                        "Delegate", "RootDirectoryStartOnly"]

    /// Why `name` cannot be written in `section`, or nil.
    static func refusal(_ name: String, in section: String) -> (problem: String, expected: String)? {
        guard SystemdDirectives.sections[section]?.contains(name) == true else {
            return ("'\(name)' is not a directive of [\(section)] in systemd \(SystemdDirectives.version)",
                    "a name listed for [\(section)] in systemd.directives(7)")
        }
        if let field = modelled[name] {
            return ("\(name)= is written from the spec", "the field \(field)")
        }
        if name.hasPrefix("Limit") { return ("\(name)= is written from the spec", "the field ulimits") }
        if SystemdOptions.sandboxingDirectives.contains(name) || name == "CapabilityBoundingSet" {
            return ("\(name)= is a sandboxing setting", "systemd.hardening, which only takes away")
        }
        if granting.contains(name) {
            return ("\(name)= grants what the unit's sandbox takes away", "a directive that does not grant privileges")
        }
        return nil
    }

    /// Why a command line of an `Exec...=` directive cannot be written: a `+` or `!` prefix runs
    /// it with full privileges, and `;` would start a second command that could carry one.
    static func commandRefusal(_ value: String) -> String? {
        let prefix = value.prefix { "-@:+!|".contains($0) }
        if prefix.contains("+") || prefix.contains("!") { return "a '+' or '!' prefix runs the command privileged" }
        if value.split(separator: " ").contains(";") { return "';' starts a second command" }
        return nil
    }
}

extension SystemdUnits {
    /// The extra directives of `section`, checked; problems go to the diagnostics.
    func extraDirectives(_ section: String, into b: inout SectionBuilder) {
        for (name, values) in service.systemd.directives[section] ?? [:] {
            let location = at(Key.Service.systemd, Key.Systemd.directives, section, name)
            if let refusal = SystemdExtraDirectives.refusal(name, in: section) {
                let known = SystemdDirectives.sections[section] ?? []
                diagnostics.error(refusal.problem, at: location, expected: refusal.expected,
                                  hint: known.contains(name) ? nil : Suggestions.hint(for: name, in: known))
                continue
            }
            for value in values {
                if name.hasPrefix("Exec"), let problem = SystemdExtraDirectives.commandRefusal(value) {
                    diagnostics.error("\(name)=\(value): \(problem)", at: location,
                                      expected: "a command without '+', '!' or ';'")
                    continue
                }
                b.text(name, value, at: place(Key.Service.systemd, Key.Systemd.directives, section, name))
            }
        }
    }

    /// Sections of `systemd.directives` that a service unit does not have.
    func checkDirectiveSections() {
        for (section, _) in service.systemd.directives where !SystemdExtraDirectives.sections.contains(section)
            || (section == "Install" && service.isJob) {
            let expected = service.isJob ? "Unit or Service (a scheduled job is started by its timer)"
                : Suggestions.oneOf(SystemdExtraDirectives.sections)
            diagnostics.error("a service unit has no [\(section)] section here",
                              at: at(Key.Service.systemd, Key.Systemd.directives, section), expected: expected)
        }
    }
}
