import ShipshapeModel

/// Init containers and sidecars on compose, which has neither: each runs as a service of its
/// own, `<service>-<name>`, right after the service in the file.
/// - An init container is a one-shot service (`restart: "no"`) that waits for the service's
///   dependencies; the service waits until it exits 0 (`service_completed_successfully`), and
///   the init containers run one after the other. With replicas, they run once for all of them.
/// - A sidecar joins the service's network namespace (`network_mode: service:<service>`, so
///   `localhost` reaches it as in a pod) and starts after the service. It cannot pair with each
///   of several replicas, nor end with a job: both are errors.
/// - A scratch volume a container shares is a named volume (`<service>-<volume>`): a tmpfs
///   belongs to one container.
extension ComposeService {
    /// The compose services of the service's init containers and sidecars, in the order of the
    /// service's `companions`.
    var companions: [(name: String, node: DocNode)] {
        service.companions.map { role, container in
            let companion = service.companion(container, role: role)
            return (companion.name, ComposeService(stack: stack, service: companion, context: context,
                                                   owner: (service, role)).node)
        }
    }

    /// The service waits for its init containers, each init container for the one before it,
    /// and a sidecar for the service.
    var companionDependencies: [(key: String, value: DocNode)] {
        func condition(_ text: String) -> DocNode { .map([("condition", .string(text))]) }
        guard let owner else {
            return service.initContainers.map {
                ("\(service.name)-\($0.name)", condition("service_completed_successfully"))
            }
        }
        switch owner.role {
        case .sidecar:
            return [(owner.service.composeName, condition("service_started"))]
        case .initContainer:
            let names = owner.service.initContainers.map(\.name)
            guard let index = names.firstIndex(of: service.containerName), index > 0 else { return [] }
            return [("\(owner.service.name)-\(names[index - 1])", condition("service_completed_successfully"))]
        }
    }

    /// A scratch volume of the service (or its owner) that another of its containers mounts.
    func isShared(_ volume: Volume) -> Bool {
        guard volume.source == .scratch else { return false }
        return Self.sharedScratch(owner?.service ?? service).contains(volume.name)
    }

    /// The scratch volumes of a service that its init containers or sidecars mount.
    static func sharedScratch(_ service: Service) -> [String] {
        let mounted = Set(service.companions.flatMap { $0.container.volumes.map(\.name) })
        return service.volumes.filter { $0.source == .scratch && mounted.contains($0.name) }.map(\.name)
    }
}

extension ComposeRenderer {
    /// What compose cannot do with a service's init containers and sidecars.
    func checkCompanions(_ stack: ResolvedStack, context: RenderContext, diagnostics: DiagnosticCollector) {
        for service in stack.services {
            for (role, container) in service.companions {
                let path = service.specPath(role, container)
                let companion = ComposeService(stack: stack, service: service.companion(container, role: role),
                                               context: context)
                for ref in companion.service.secrets {
                    guard case let .impossible(problem, expected)? = companion.delivery(ref) else { continue }
                    diagnostics.error(problem,
                                      at: stack.source.location(at: path + [Key.Container.secrets, ref.variable,
                                          Key.SecretReference.as]),
                                      expected: expected)
                }
                guard role == .sidecar else { continue }
                if service.isJob {
                    diagnostics.error("compose cannot stop sidecar '\(container.name)' when job '\(service.name)' "
                                          + "ends: it runs as a service of its own",
                                      at: stack.source.location(at: path + [Key.Container.name]),
                                      expected: "sidecars of scheduled jobs only in environments that do not "
                                          + "render compose", hint: "set it in the overlay of those environments")
                } else if service.replicas != 1 {
                    diagnostics.error("compose cannot give each of the \(service.replicas) replicas of "
                                          + "'\(service.name)' its own sidecar '\(container.name)': a sidecar runs "
                                          + "as one service in the network namespace of one container",
                                      at: stack.source.location(at: path + [Key.Container.name]),
                                      expected: "replicas: 1 where compose renders a service with sidecars",
                                      hint: "set replicas in the overlay of the environments that render compose")
                }
            }
        }
    }
}
