import ShipshapeModel
import ShipshapePolicy

struct IngressServiceExistsLint: LintRule {
    let info = LintRuleInfo(
        id: "ingress-service-exists", format: .kubernetes,
        equivalents: ["kube-linter: dangling-ingress", "kube-score: ingress-targets-service"],
        summary: "Every Ingress backend names a Service in the same files.",
        remediation: "Fix the backend's service name, or lint the Service's file together with the Ingress.",
        severity: .warning,
        triggering: [
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec:
              rules:
                - http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend: {service: {name: ↓web, port: {number: 80}}}
            """),
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec:
              defaultBackend: {service: {name: web, port: ↓{number: 8080}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{port: 80}]}
            """),
        ],
        nonTriggering: [LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec:
              defaultBackend: {service: {name: web, port: {number: 80}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{port: 80}]}
            """)])

    /// The paths of every backend service name in an Ingress.
    static func backends(_ ingress: KubeObject) -> [DocPath] {
        var paths: [DocPath] = []
        if ingress.value([.key("spec"), .key("defaultBackend"), .key("service"), .key("name")]) != nil {
            paths.append([.key("spec"), .key("defaultBackend"), .key("service"), .key("name")])
        }
        for (r, rule) in (ingress.value([.key("spec"), .key("rules")])?.items ?? []).enumerated() {
            for (p, path) in (rule.member("http")?.member("paths")?.items ?? []).enumerated()
            where path.member("backend")?.member("service")?.member("name") != nil {
                paths.append([.key("spec"), .key("rules"), .index(r), .key("http"), .key("paths"), .index(p),
                              .key("backend"), .key("service"), .key("name")])
            }
        }
        return paths
    }

    func check(_ context: LintContext) -> [Finding] {
        let services = context.set.objects.filter { $0.kind == "Service" }
        return context.set.objects.filter { $0.kind == "Ingress" }.flatMap { ingress in
            Self.backends(ingress).compactMap { path -> Finding? in
                let name = ingress.value(path)?.text ?? ""
                guard let service = services.first(where: { $0.name == name && sameNamespace($0, ingress) }) else {
                    return context.finding("Ingress '\(ingress.name)' routes to Service '\(name)', which the linted "
                                               + "files do not hold", in: ingress, at: path)
                }
                let port = Array(path.dropLast()) + [.key("port")]
                let number = ingress.value(port + [.key("number")])?.number
                let portName = ingress.value(port + [.key("name")])?.text
                let ports = service.value([.key("spec"), .key("ports")])?.items ?? []
                let exposed = (number == nil && portName == nil) || ports.contains { entry in
                    (number != nil && entry.member("port")?.number == number)
                        || (portName != nil && entry.member("name")?.text == portName)
                }
                if exposed { return nil }
                let wanted = number.map(String.init) ?? portName ?? ""
                return context.finding("Ingress '\(ingress.name)' routes to port \(wanted) of Service '\(name)', "
                                           + "which does not expose it", in: ingress, at: port)
            }
        }
    }
}
