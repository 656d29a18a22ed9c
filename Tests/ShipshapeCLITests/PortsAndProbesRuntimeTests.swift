import Foundation
import Testing
import TestSupport

/// Under the real engine (podman + podman-compose, `../shared/runtime`): a port whose Kubernetes
/// Service port differs is still reached on its container port inside the compose network and
/// through `publish`, and an http probe's headers reach the server exactly as written (the server
/// is healthy only when they do), with a value that would break an unquoted shell command.
/// Skipped, and says so, where the runtime kit is not installed.
@Suite struct PortsAndProbesRuntimeTests {
    static let publish = 18097

    /// `web` answers 200 only to the probe's exact headers; `client` waits for it to be healthy,
    /// then its own check reaches `web` by name on the container port.
    static let stack = """
        stack: netprobe
        targets: [compose]
        services:
          web:
            image: localhost/runtime-app:latest
            command:
              - python3
              - -c
              - |
                import http.server as h
                class H(h.BaseHTTPRequestHandler):
                    def do_GET(self):
                        ok = (self.headers.get("Host") == "shop.example.com"
                              and self.headers.get("X-Probe") == "it's $HOME; rm -rf / `id`")
                        self.send_response(200 if ok else 400)
                        self.end_headers()
                h.ThreadingHTTPServer(("", 8080), H).serve_forever()
            ports: [{name: http, port: 8080, servicePort: 80, publish: \(publish)}]
            probes:
              readiness:
                http: /ready
                headers: {Host: shop.example.com, X-Probe: "it's $HOME; rm -rf / `id`"}
                period: 2s
          client:
            image: localhost/runtime-app:latest
            env: {RUNTIME_APP_PORTS: "8000"}
            ports: [{name: http, port: 8000}]
            dependsOn: [web]
            probes:
              readiness:
                exec: [curl, -fsS, -o, /dev/null, -H, "Host: shop.example.com",
                       -H, "X-Probe: it's $HOME; rm -rf / `id`", "http://web:8080/ready"]
                period: 2s
        """

    @Test(.enabled(if: EndToEndTests.runtimeInstalled,
                   "needs root and the runtime kit (shared/runtime/install.sh, images.sh; .ci/run runs them)"),
          .timeLimit(.minutes(45)))
    func containerPortsAndProbeHeadersWorkUnderTheEngine() throws {
        // One stack on the engine at a time: it waits while scripts/e2e runs (the time limit covers that).
        try RuntimeKit.up(Self.stack) { up, upLog in try Self.check(up: up, log: upLog) }
    }

    static func check(up: Int32, log upLog: String) throws {
        #expect(up == 0, "web and client did not both become healthy:\n\(upLog)")
        // The published port maps to the container port; the headers make the answer 200.
        let host = try Processes.run("curl", [
            "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: shop.example.com",
            "-H", "X-Probe: it's $HOME; rm -rf / `id`", "http://127.0.0.1:\(Self.publish)/ready",
        ])
        #expect(host.stdout == "200", "\(host.stderr)")
        // Without them the server says no: the probe's health came from its headers.
        let bare = try Processes.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}",
                                              "http://127.0.0.1:\(Self.publish)/ready"])
        #expect(bare.stdout == "400", "\(bare.stderr)")
        // Compose has no Service port: nothing listens on 80 inside the network.
        let servicePort = try Processes.run("podman", [
            "exec", "netprobe-development_client_1", "curl", "-sS", "-m", "5", "http://web:80/ready",
        ])
        #expect(servicePort.exitCode != 0)
    }
}
