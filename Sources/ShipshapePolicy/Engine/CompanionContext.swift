import ShipshapeModel

/// A service's init containers and sidecars, for the rules that look at every container of a
/// pod (image tags, resources). The others need not: a container of a service runs with the
/// service's security settings, which the rules check on the service.
public struct CompanionContainer: Sendable {
    public var service: Service
    public var role: Container.Role
    public var container: Container
    /// The container as a service of its own (`Service.companion`).
    public var companion: Service

    /// `sidecar 'log-shipper' of service 'api'`.
    public var what: String { "\(role.noun) '\(container.name)' of service '\(service.name)'" }
}

extension RuleContext {
    /// Every init container and sidecar of the stack's services, in service order.
    public var companions: [CompanionContainer] {
        stack.services.flatMap { service in
            service.companions.map { role, container in
                CompanionContainer(service: service, role: role, container: container,
                                   companion: service.companion(container, role: role))
            }
        }
    }

    /// Where a field of an init container or sidecar was written (its entry when the field is
    /// not written, e.g. an image taken from the service: then the service's image).
    public func location(_ c: CompanionContainer, _ rest: String...) -> SourceLocation {
        let path = c.service.specPath(c.role, c.container)
        if rest == ["image"], c.container.image == nil { return serviceLocation(c.service, "image") }
        return location(path + rest)
    }

    /// Where it shows in the rendered files: its entry in the pod's `initContainers`, else its
    /// compose service or systemd unit.
    public func artifact(_ c: CompanionContainer, _ path: String) -> String {
        if renders(.kubernetes), workload(c.service) != nil {
            return artifact(c.service, "spec.template.spec.initContainers[\(c.container.name)].\(path)")
        }
        return artifact(c.companion, path)
    }
}
