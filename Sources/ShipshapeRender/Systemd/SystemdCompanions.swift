import ShipshapeModel

/// Init containers and sidecars on systemd, each a unit of its own, `<unit>-<name>.service`,
/// with the service's user and hardening, and its own command, environment and credentials:
/// - an init container is a oneshot unit; the service requires it and starts after it, and the
///   init units run one after the other (after the sidecars and the service's dependencies), so
///   every start of the service runs them again, as every start of a pod does;
/// - a sidecar starts before the service and is stopped with it (`BindsTo=`, `Before=`, so it
///   also stops after it); the service pulls it in (`Wants=`).
extension SystemdUnits {
    var companionUnits: [SystemdUnit] {
        service.companions.flatMap { role, container in
            SystemdUnits(stack: stack, service: service.companion(container, role: role), diagnostics: diagnostics,
                         owner: (service, role, service.specPath(role, container)), hardening: hardening).units
        }
    }

    /// The unit of an init container or sidecar of the service.
    func companionUnit(_ container: Container, _ role: Container.Role) -> String {
        "\(SystemdRenderer.unitName(service.companion(container, role: role), in: stack)).service"
    }

    func companionEntries(into b: inout SectionBuilder) {
        guard let owner else {
            let sidecars = service.sidecars.map { companionUnit($0, .sidecar) }
            let inits = service.initContainers.map { companionUnit($0, .initContainer) }
            if !sidecars.isEmpty { b.raw("Wants", sidecars.joined(separator: " ")) }
            if !inits.isEmpty {
                b.raw("Requires", inits.joined(separator: " "))
                b.raw("After", inits.joined(separator: " "))
            }
            return
        }
        let main = "\(SystemdRenderer.unitName(owner.service, in: stack)).service"
        let units = SystemdUnits(stack: stack, service: owner.service, diagnostics: DiagnosticCollector())
        switch owner.role {
        case .sidecar:
            b.raw("BindsTo", main)
        case .initContainer:
            let names = owner.service.initContainers.map(\.name)
            let index = names.firstIndex(of: service.containerName) ?? 0
            let before = owner.service.sidecars.map { units.companionUnit($0, .sidecar) }
                + owner.service.initContainers.prefix(index).suffix(1).map { units.companionUnit($0, .initContainer) }
            if !before.isEmpty { b.raw("After", before.joined(separator: " ")) }
        }
        b.raw("Before", main)
    }
}
