import ShipshapeModel

struct ComposeHealthcheckForDependentsRule: Rule {
    let description = RuleDescription(
        id: "compose-healthcheck-for-dependents", category: .compose,
        summary: "A service that others wait on to be healthy has a health check.",
        rationale: "Without one compose can only wait for the container to start, "
            + "so dependents race a database that is not ready.",
        remediation: "Give the dependency a readiness (or liveness) probe; compose renders it as its healthcheck.",
        severity: .error, targets: [.compose],
        equivalents: ["docker compose: depends_on condition service_healthy"],
        triggering: [Example("""
        stack: demo
        targets: [compose]
        services:
          web:
            image: demo/web:1.0
            ↓dependsOn: [db]
          db:
            image: postgres:15.4
        """)],
        nonTriggering: [Example("""
        stack: demo
        targets: [compose]
        services:
          web:
            image: demo/web:1.0
            dependsOn: [db]
          db:
            from: postgres
        """)])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.flatMap { service in
            service.dependsOn.compactMap { dependency -> Finding? in
                guard dependency.condition == .healthy, let other = context.stack.service(named: dependency.service),
                      !other.isJob, other.composeHealth == nil else { return nil }
                return context.finding("service '\(service.name)' waits for '\(other.name)' to be healthy, "
                                           + "but '\(other.name)' has no health check",
                                       at: context.serviceLocation(service, Key.Service.dependsOn), service: service,
                                       artifact: "\(context.composeFile): "
                                           + "services.\(service.name).depends_on.\(other.name)")
            }
        }
    }
}
