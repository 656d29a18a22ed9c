import ShipshapeModel
import ShipshapePolicy

struct IngressTLSRequiredLint: LintRule {
    let info = LintRuleInfo(
        id: "tls-required", format: .kubernetes,
        triggering: [
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop}
            spec:
              ↓ingressClassName: nginx
              defaultBackend: {service: {name: web, port: {number: 80}}}
            """),
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
              annotations: {nginx.ingress.kubernetes.io/ssl-redirect: ↓"false"}
            spec:
              ingressClassName: nginx
              tls: [{hosts: [shop.example.com], secretName: shop-tls}]
              defaultBackend: {service: {name: web, port: {number: 80}}}
            """),
        ],
        nonTriggering: [LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
              annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "true"}
            spec:
              ingressClassName: nginx
              tls: [{hosts: [shop.example.com], secretName: shop-tls}]
              defaultBackend: {service: {name: web, port: {number: 80}}}
            """)])

    static let redirect = "nginx.ingress.kubernetes.io/ssl-redirect"

    func check(_ context: LintContext) -> [Finding] {
        context.set.objects.filter { $0.kind == "Ingress" }.compactMap { ingress -> Finding? in
            guard !(ingress.value([.key("spec"), .key("tls")])?.items.isEmpty ?? true) else {
                return context.finding("Ingress '\(ingress.name)' serves plain HTTP (no spec.tls)", in: ingress,
                                       at: [.key("spec")])
            }
            guard ingress.annotations[Self.redirect]?.lowercased() == "false" else { return nil }
            return context.finding("Ingress '\(ingress.name)' serves plain HTTP next to HTTPS (ssl-redirect false)",
                                   in: ingress, at: [.key("metadata"), .key("annotations"), .key(Self.redirect)])
        }
    }
}
