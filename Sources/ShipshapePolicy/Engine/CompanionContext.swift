import OrderedCollections
import ShipshapeModel
import ShipshapeRender

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

/// What several rules read alike, worked out once for an environment rather than once for each
/// rule that reads it (the owners of variables were 5,000 at 5,000 services, for every rule).
final class EnvironmentViews: Sendable {
    /// The long-running services (not jobs), in stack order (`RuleContext.services`).
    let services: [Service]
    let companions: [CompanionContainer]
    let environments: [EnvironmentOwner]
    /// The environment's compose file, as findings name it (`RuleContext.composeFile`).
    let composeFile: String

    init(_ stack: ResolvedStack, artifacts: ArtifactIndex) {
        composeFile = RuleContext.file(kind: ArtifactID.composeFile, in: artifacts) ?? "compose"
        services = stack.services.filter { !$0.isJob }
        let companions = stack.services.flatMap { service in
            service.companions.map { role, container in
                CompanionContainer(service: service, role: role, container: container,
                                   companion: service.companion(container, role: role))
            }
        }
        self.companions = companions
        environments = stack.services.map { EnvironmentOwner(service: $0, companion: nil, env: $0.env) }
            + companions.map { c in EnvironmentOwner(service: c.service, companion: c, env: c.container.env) }
    }
}

extension RuleContext {
    /// Every init container and sidecar of the stack's services, in service order.
    public var companions: [CompanionContainer] { views.companions }

    /// Where a field of an init container or sidecar was written (its entry when the field is
    /// not written, e.g. an image taken from the service: then the service's image).
    public func location(_ c: CompanionContainer, _ rest: String...) -> SourceLocation {
        let path = c.service.specPath(c.role, c.container)
        if rest == ["image"], c.container.image == nil { return serviceLocation(c.service, Key.Service.image) }
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

/// The plain variables of a service or of one of its containers, for the rules that read values.
public struct EnvironmentOwner: Sendable {
    public var service: Service
    public var companion: CompanionContainer?
    /// The variables as the stack holds them (not copied out for each rule that reads them).
    public var env: OrderedDictionary<String, String>

    /// `service 'api'`, `sidecar 'shipper' of service 'api'`.
    public var what: String { companion?.what ?? "service '\(service.name)'" }
}

extension RuleContext {
    /// Every service's variables, then every init container's and sidecar's.
    public var environments: [EnvironmentOwner] { views.environments }

    /// Where a variable was written.
    public func location(_ owner: EnvironmentOwner, env name: String) -> SourceLocation {
        guard let c = owner.companion else { return serviceLocation(owner.service, Key.Service.env, name) }
        return location(c, "env", name)
    }

    /// Where a variable shows in the rendered files.
    public func artifact(_ owner: EnvironmentOwner, env name: String) -> String {
        guard let c = owner.companion else { return artifact(owner.service, "env[\(name)]") }
        return artifact(c, "env[\(name)]")
    }
}
