import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport
import Yams

/// gRPC probes, http probe headers, a service port other than the container port, Service types
/// with node ports and container names (issue #17), on every target where they mean something.
@Suite struct PortsAndProbesTests {
    static let stack = """
        stack: shop
        targets: [kubernetes, compose, nginx, systemd]
        services:
          web:
            image: shop/web:1.0.0
            command: [/usr/bin/web]
            container: server
            serviceType: NodePort
            ports:
              - {name: http, port: 8080, servicePort: 80, nodePort: 30080}
            probes:
              readiness:
                http: /ready
                headers: {Host: shop.example.com, X-Probe: "it's $HOME; rm -rf /"}
            hosts: [127.0.0.1]
          cart:
            image: shop/cart:1.0.0
            command: [/usr/bin/cart]
            serviceType: LoadBalancer
            ports: [{name: grpc, port: 7070}]
            probes:
              readiness: {grpc: {service: hipstershop.CartService}, port: grpc}
              liveness: {grpc: true, port: 7070}
            hosts: [127.0.0.1]
          pay:
            image: shop/pay:1.0.0
            command: [/usr/bin/pay]
            ports: [{name: grpc, port: 50051}]
            probes:
              readiness: {grpc: true}
            compose: {healthcheck: [grpc_health_probe, "-addr=:50051"]}
            dependsOn: [cart]
            hosts: [127.0.0.1]
        proxy:
          hosts: [shop.example.com]
          tls: null
          routes:
            - {path: /, service: web, port: 80}
        """

    static func render() throws -> [RenderedFile] {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try stack.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        return try Rendering.files(Project.load(folder.path).resolve("production"))
    }

    static func objects(_ text: String) throws -> [[String: Any]] {
        try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    static func object(_ text: String, _ kind: String) throws -> [String: Any] {
        try #require(try objects(text).first { $0["kind"] as? String == kind })
    }

    @Test func kubernetesServicePortsTypesAndNodePorts() throws {
        let files = try Self.render()
        let web = try Self.object(Rendering.file(files, "kubernetes/web.yaml"), "Service")
        #expect(dig(web, "spec", "type") as? String == "NodePort")
        #expect(dig(web, "spec", "ports", 0, "port") as? Int == 80)
        #expect(dig(web, "spec", "ports", 0, "targetPort") as? String == "http")
        #expect(dig(web, "spec", "ports", 0, "nodePort") as? Int == 30080)
        let deployment = try Self.object(Rendering.file(files, "kubernetes/web.yaml"), "Deployment")
        let container = dig(deployment, "spec", "template", "spec", "containers", 0)
        #expect(dig(container, "name") as? String == "server")
        #expect(dig(container, "ports", 0, "containerPort") as? Int == 8080)
        let cart = try Self.object(Rendering.file(files, "kubernetes/cart.yaml"), "Service")
        #expect(dig(cart, "spec", "type") as? String == "LoadBalancer")
        #expect(dig(cart, "spec", "ports", 0, "port") as? Int == 7070)
        #expect(dig(cart, "spec", "ports", 0, "nodePort") == nil)
        let cartDeployment = try Self.object(Rendering.file(files, "kubernetes/cart.yaml"), "Deployment")
        #expect(dig(cartDeployment, "spec", "template", "spec", "containers", 0, "name") as? String == "cart")
        // The Ingress reaches the Service by port name, whatever its number.
        let ingress = try Self.object(Rendering.file(files, "kubernetes/ingress.yaml"), "Ingress")
        #expect(dig(ingress, "spec", "rules", 0, "http", "paths", 0, "backend", "service", "port", "name") as? String
            == "http")
    }

    @Test func kubernetesGRPCProbesAndHTTPHeaders() throws {
        let files = try Self.render()
        let web = try Self.object(Rendering.file(files, "kubernetes/web.yaml"), "Deployment")
        let get = dig(web, "spec", "template", "spec", "containers", 0, "readinessProbe", "httpGet")
        #expect(dig(get, "httpHeaders", 0, "name") as? String == "Host")
        #expect(dig(get, "httpHeaders", 0, "value") as? String == "shop.example.com")
        #expect(dig(get, "httpHeaders", 1, "value") as? String == "it's $HOME; rm -rf /")
        let cart = try Self.object(Rendering.file(files, "kubernetes/cart.yaml"), "Deployment")
        let container = dig(cart, "spec", "template", "spec", "containers", 0)
        // GRPCAction.port is a number: the named port is resolved.
        #expect(dig(container, "readinessProbe", "grpc", "port") as? Int == 7070)
        #expect(dig(container, "readinessProbe", "grpc", "service") as? String == "hipstershop.CartService")
        #expect(dig(container, "livenessProbe", "grpc", "port") as? Int == 7070)
        #expect(dig(container, "livenessProbe", "grpc", "service") == nil)
    }

    @Test func composeUsesContainerPortsQuotedHeadersAndNoGRPCTool() throws {
        let text = try Rendering.file(Self.render(), "docker-compose.yml")
        let compose = try #require(try Yams.load(yaml: text) as? [String: Any])
        let web = dig(compose, "services", "web")
        #expect(dig(web, "expose", 0) as? String == "8080")
        #expect(dig(web, "container_name") == nil)
        let test = try #require(dig(web, "healthcheck", "test") as? [String])
        // Each header one single-quoted word; `$` doubled for compose's interpolation.
        #expect(test == ["CMD-SHELL", "curl -fsS -H 'Host: shop.example.com' -H 'X-Probe: it'\\''s $$HOME; rm -rf /' "
            + "'http://localhost:8080/ready' >/dev/null || exit 1"])
        // cart: a gRPC probe without compose.healthcheck renders no check; pay waits for start.
        #expect(dig(compose, "services", "cart", "healthcheck") == nil)
        #expect(dig(compose, "services", "pay", "depends_on", "cart", "condition") as? String == "service_started")
        #expect(dig(compose, "services", "pay", "healthcheck", "test") as? [String]
            == ["CMD", "grpc_health_probe", "-addr=:50051"])
    }

    /// The shell gives the header back as the single argument it was written as.
    @Test func aHeaderValueCannotChangeTheCommand() throws {
        let text = try Rendering.file(Self.render(), "docker-compose.yml")
        let compose = try #require(try Yams.load(yaml: text) as? [String: Any])
        let test = try #require(dig(compose, "services", "web", "healthcheck", "test") as? [String])
        // Compose turns `$$` into `$`; the shell then parses the command. Print its arguments.
        let script = test[1].replacingOccurrences(of: "$$", with: "$")
            .replacingOccurrences(of: "curl -fsS", with: "printf '%s\\n'")
            .replacingOccurrences(of: " >/dev/null || exit 1", with: "")
        let result = try Processes.run("/bin/sh", ["-c", script])
        #expect(result.stdout == "-H\nHost: shop.example.com\n-H\nX-Probe: it's $HOME; rm -rf /\n"
            + "http://localhost:8080/ready\n")
    }

    @Test func nginxAndSystemdReachTheProcessPort() throws {
        let files = try Self.render()
        let site = try Rendering.file(files, "nginx/shop.conf")
        #expect(site.contains("server 127.0.0.1:8080"))
        #expect(!site.contains("127.0.0.1:80;"))
        #expect(!files.contains { $0.path.contains("/systemd/") && $0.contents.contains("grpc") })
    }

    /// kubernetes-validate --strict and the compose schema accept the output.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptTheOutput() throws {
        try Judges.require()
        let files = try Self.render().filter { $0.path.contains("/kubernetes/") || $0.path.contains("/compose/") }
        let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.lines.contains { $0.hasPrefix("PASS") && $0.contains("kubernetes-validate") })
    }
}
