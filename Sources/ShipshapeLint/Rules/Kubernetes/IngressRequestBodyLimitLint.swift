import ShipshapeModel
import ShipshapePolicy

struct IngressRequestBodyLimitLint: LintRule {
    let info = LintRuleInfo(
        id: "request-body-limit", format: .kubernetes,
        triggering: [
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
              annotations: ↓{nginx.ingress.kubernetes.io/ssl-redirect: "true"}
            spec:
              ingressClassName: nginx
              defaultBackend: {service: {name: web, port: {number: 80}}}
            """),
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
              annotations: {nginx.ingress.kubernetes.io/proxy-body-size: ↓"0"}
            spec:
              ingressClassName: nginx
              defaultBackend: {service: {name: web, port: {number: 80}}}
            """),
        ],
        nonTriggering: [
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
              annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 10m}
            spec:
              ingressClassName: nginx
              defaultBackend: {service: {name: web, port: {number: 80}}}
            """),
            LintExample("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop}
            spec:
              ingressClassName: traefik
              defaultBackend: {service: {name: web, port: {number: 80}}}
            """),
        ])

    static let prefix = "nginx.ingress.kubernetes.io/"
    static let bodySize = prefix + "proxy-body-size"

    /// Whether ingress-nginx serves the Ingress: its class names nginx, or it carries ingress-nginx annotations.
    static func isIngressNginx(_ ingress: KubeObject) -> Bool {
        let annotations = ingress.annotations
        let className = ingress.value([.key("spec"), .key("ingressClassName")])?.text
            ?? annotations["kubernetes.io/ingress.class"] ?? ""
        return className.lowercased().contains("nginx") || annotations.keys.contains { $0.hasPrefix(prefix) }
    }

    func check(_ context: LintContext) -> [Finding] {
        context.set.objects.filter { $0.kind == "Ingress" && Self.isIngressNginx($0) }.compactMap { ingress in
            let annotations: DocPath = [.key("metadata"), .key("annotations")]
            guard let size = ingress.annotations[Self.bodySize] else {
                return context.finding("Ingress '\(ingress.name)' sets no request body limit (proxy-body-size)",
                                       in: ingress, at: annotations)
            }
            guard !RequestBodyLimitLint.limits(size) else { return nil }
            return context.finding("Ingress '\(ingress.name)' lifts the request body limit (proxy-body-size 0)",
                                   in: ingress, at: annotations + [.key(Self.bodySize)])
        }
    }
}
