import ShipshapeModel
import ShipshapePolicy

extension LintContext {
    /// The `.service` units.
    var services: [SystemdFile] { self.set.systemd.filter { $0.type == "service" } }

    /// A finding about a unit, at a setting (or the `[Service]` header, or the file's start).
    func finding(_ message: String, in unit: SystemdFile, key: String?) -> Finding {
        let at = key.flatMap { unit.setting("Service", $0)?.location } ?? unit.section("Service")?.location
            ?? .start(of: unit.file)
        return finding(message, at: at, object: unit.name, place: key.map { "\($0)=" })
    }
}

extension SystemdFile {
    /// `Type=oneshot`: a task that runs and exits (a timer's job).
    var isOneShot: Bool { setting("Service", "Type")?.text == "oneshot" }
}
