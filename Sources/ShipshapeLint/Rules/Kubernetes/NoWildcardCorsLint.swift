import ShipshapeModel
import ShipshapePolicy

/// `no-wildcard-cors` as `validate` reads it: an environment variable about CORS origins that lists `*`.
enum WildcardCors {
    static func allowsEvery(name: String, value: String) -> Bool {
        let upper = name.uppercased()
        return (upper.contains("CORS") || upper.contains("ALLOWED_ORIGINS") || upper.contains("ALLOW_ORIGIN"))
            && value.split(whereSeparator: { ", []\"'".contains($0) }).contains("*")
    }
}

struct NoWildcardCorsLint: LintRule {
    let info = LintRuleInfo(
        id: "no-wildcard-cors", format: .kubernetes,
        triggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: shop/api:1.0
                      env:
                        - {name: LOG_LEVEL, value: info}
                        - {name: CORS_ORIGINS, value: ↓"*"}
            """),
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: api
              annotations:
                nginx.ingress.kubernetes.io/enable-cors: ↓"true"
            spec:
              defaultBackend: {service: {name: api, port: {number: 80}}}
            """),
        ],
        nonTriggering: [LintExample("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: shop/api:1.0
                      env: [{name: CORS_ORIGINS, value: "https://app.example.com"}, {name: GLOB, value: "*"}]
            """),
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: api
              annotations:
                nginx.ingress.kubernetes.io/enable-cors: "true"
                nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com"
            spec:
              defaultBackend: {service: {name: api, port: {number: 80}}}
            """),
        ])

    static let enable = "nginx.ingress.kubernetes.io/enable-cors"
    static let origin = "nginx.ingress.kubernetes.io/cors-allow-origin"

    func check(_ context: LintContext) -> [Finding] {
        environment(context) + ingresses(context)
    }

    /// ingress-nginx answers CORS requests with `cors-allow-origin`, which is `*` where not set.
    func ingresses(_ context: LintContext) -> [Finding] {
        context.set.objects.filter { $0.kind == "Ingress" }.compactMap { ingress -> Finding? in
            let annotations = ingress.annotations
            guard annotations[Self.enable]?.lowercased() == "true" else { return nil }
            let path: DocPath = [.key("metadata"), .key("annotations")]
            if let origins = annotations[Self.origin] {
                guard origins.split(whereSeparator: { ", ".contains($0) }).contains("*") else { return nil }
                return context.finding("Ingress '\(ingress.name)' allows every origin (cors-allow-origin)",
                                       in: ingress, at: path + [.key(Self.origin)])
            }
            return context.finding("Ingress '\(ingress.name)' enables CORS without cors-allow-origin, which "
                                       + "allows every origin", in: ingress, at: path + [.key(Self.enable)])
        }
    }

    func environment(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object in
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container in
                (container.node.member("env")?.items ?? []).enumerated().compactMap { index, entry -> Finding? in
                    guard let name = entry.member("name")?.text, let value = entry.member("value")?.text,
                          WildcardCors.allowsEvery(name: name, value: value) else { return nil }
                    return context.finding("\(name) of container '\(container.name)' allows every origin",
                                           in: object, at: container.path + [.key("env"), .index(index), .key("value")],
                                           containers: containers)
                }
            }
        }
    }
}
