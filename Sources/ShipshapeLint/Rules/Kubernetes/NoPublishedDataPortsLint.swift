import ShipshapeModel
import ShipshapePolicy

struct NoPublishedDataPortsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-published-data-ports", format: .kubernetes,
        triggering: [LintExample("db.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            spec:
              type: NodePort
              selector: {app: db}
              ports: [{name: postgres, port: ↓5432, targetPort: 5432}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: cache, labels: {app: cache}}
            spec:
              containers:
                - name: redis
                  image: redis:7.2
                  ports: [{containerPort: 6379, hostPort: ↓6379}]
            """)],
        nonTriggering: [LintExample("db.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            spec:
              selector: {app: db}
              ports: [{name: postgres, port: 5432}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: LoadBalancer
              selector: {app: web}
              ports: [{name: http, port: 443, targetPort: 8443}]
            """)])

    func check(_ context: LintContext) -> [Finding] {
        services(context) + hostPorts(context)
    }

    /// A NodePort or LoadBalancer Service reaches past the cluster on every port it lists.
    func services(_ context: LintContext) -> [Finding] {
        context.set.objects.filter { $0.kind == "Service" }.flatMap { service -> [Finding] in
            let type = service.value([.key("spec"), .key("type")])?.text ?? "ClusterIP"
            guard type == "NodePort" || type == "LoadBalancer" else { return [] }
            let ports = service.value([.key("spec"), .key("ports")])?.items ?? []
            return ports.enumerated().compactMap { index, port -> Finding? in
                let numbers = [port.member("targetPort")?.number, port.member("port")?.number].compactMap { $0 }
                guard let number = numbers.first(where: { DataPorts.names[$0] != nil }),
                      let kind = DataPorts.names[number] else { return nil }
                return context.finding("Service '\(service.name)' publishes its \(kind) port \(number) outside the "
                                           + "cluster (type \(type))", in: service,
                                       at: [.key("spec"), .key("ports"), .index(index), .key("port")])
            }
        }
    }

    /// A `hostPort` opens the port on the node's own address.
    func hostPorts(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container in
                (container.node.member("ports")?.items ?? []).enumerated().compactMap { index, port -> Finding? in
                    guard let host = port.member("hostPort")?.number, let number = port.member("containerPort")?.number,
                          let kind = DataPorts.names[number] else { return nil }
                    return context.finding("container '\(container.name)' publishes its \(kind) port \(number) on "
                                               + "host port \(host)", in: object,
                                           at: container.path + [.key("ports"), .index(index), .key("hostPort")],
                                           containers: containers)
                }
            }
        }
    }
}
