import ShipshapeModel

/// What the init containers and sidecars of a service need from the whole stack: their secret
/// references (checked like the service's), and names that do not clash with other services
/// (compose and systemd run a container as `<service>-<name>`).
extension SemanticChecks {
    /// `names`: the stack's services (`stack` may come without them).
    func checkContainers(of service: Service, in stack: ResolvedStack, names: Set<String>) {
        for (role, container) in service.companions {
            let path = service.specPath(role, container)
            let at = { (rest: [String]) in stack.source.location(at: path + rest) }
            let what = "\(role.noun) '\(container.name)' of service '\(service.name)'"
            checkSecrets(of: service.companion(container, role: role), in: stack, at: at, what: what)
            let name = "\(service.name)-\(container.name)"
            if names.contains(name) {
                diagnostics.error("\(what) runs as '\(name)' on compose and systemd, which is also the name of a "
                                      + "service", at: at([Key.Container.name]),
                                      expected: "a name that makes no service's name")
            }
        }
    }
}
