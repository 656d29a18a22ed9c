import ShipshapeModel

struct NoPublishedDataPortsRule: Rule {
    let description = RuleDescription(
        id: "no-published-data-ports", category: .network,
        summary: "Database, cache, search, broker and metrics ports are not published to the host "
            + "(compose `publish`, a Kubernetes NodePort or LoadBalancer Service).",
        rationale: "A published PostgreSQL or Redis port is one firewall mistake away from the internet; "
            + "the proxy is the only way in.",
        remediation: "Remove `publish` from the port in this environment (publish it in the development overlay only); "
            + "keep the service's `serviceType` ClusterIP.",
        severity: .error, targets: [.compose, .kubernetes],
        equivalents: ["kube-linter: exposed-services", "checkov: CKV_K8S_... (NodePort services)", "Polaris: (none)"],
        triggering: [Example("""
        stack: demo
        targets: [compose]
        services:
          db:
            image: postgres:15.4
            ports: [{name: postgres, port: 5432, publish: ↓5432}]
          cache:
            image: redis:7.2
            ports: [{name: redis, port: 6379, publish: ↓6379}]
        """), Example("""
        stack: demo
        targets: [kubernetes]
        services:
          db:
            image: postgres:15.4
            serviceType: ↓LoadBalancer
            ports: [{name: postgres, port: 5432}]
        """)],
        nonTriggering: [
            Example("stack: demo\ntargets: [compose]\nservices:\n  db:\n    image: postgres:15.4\n"
                + "    ports: [{name: postgres, port: 5432}]\n"),
            Example("stack: demo\ntargets: [compose]\nservices:\n  web:\n    image: demo/web:1\n"
                + "    ports: [{name: http, port: 8080, publish: 8080}]\n"),
        ])

    static let dataPorts: [Int: String] = [
        5432: "PostgreSQL", 3306: "MySQL", 1433: "SQL Server", 27017: "MongoDB", 6379: "Redis", 11211: "memcached",
        9200: "Elasticsearch", 9300: "Elasticsearch transport", 5672: "RabbitMQ", 15672: "RabbitMQ management",
        9092: "Kafka", 2379: "etcd", 9090: "Prometheus",
        9100: "node exporter", 8086: "InfluxDB", 9000: "MinIO", 9001: "MinIO console", 5601: "Kibana",
    ]
    static let dataBlueprints: Set<String> = ["postgres", "redis", "elasticsearch", "prometheus", "minio"]

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.flatMap { service in
            exposed(service, context) + service.ports.compactMap { port -> Finding? in
                guard let host = port.publish else { return nil }
                let dataBlueprint = service.blueprint.map { Self.dataBlueprints.contains($0) } == true
                let kind = Self.dataPorts[port.port] ?? (dataBlueprint ? service.blueprint : nil)
                guard let kind else { return nil }
                return context.finding("service '\(service.name)' publishes its \(kind) port \(port.port) "
                                           + "on host port \(host)",
                                       at: context.serviceLocation(service, Key.Service.ports, port.name,
                                           Key.Port.publish),
                                       service: service,
                                       artifact: "\(context.composeFile): services.\(service.name).ports")
            }
        }
    }

    /// A NodePort or LoadBalancer Service reaches its data ports from outside the cluster.
    func exposed(_ service: Service, _ context: RuleContext) -> [Finding] {
        guard service.serviceType != .clusterIP, !service.isJob, context.renders(.kubernetes) else { return [] }
        let dataBlueprint = service.blueprint.map { Self.dataBlueprints.contains($0) } == true
        guard let port = service.ports.first(where: { Self.dataPorts[$0.port] != nil || dataBlueprint }) else {
            return []
        }
        let kind = Self.dataPorts[port.port] ?? service.blueprint ?? ""
        return [context.finding("service '\(service.name)' exposes its \(kind) port \(port.port) outside the cluster "
                                    + "(a \(service.serviceType.rawValue) Service)",
                                at: context.serviceLocation(service, Key.Service.serviceType), service: service,
                                artifact: context.object("Service", service.name, of: service) + " spec.type")]
    }
}

/// The well-known data ports of `no-published-data-ports` (port to what listens there), for `lint`.
public enum DataPorts {
    public static var names: [Int: String] { NoPublishedDataPortsRule.dataPorts }
}
