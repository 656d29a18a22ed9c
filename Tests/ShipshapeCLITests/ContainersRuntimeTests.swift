import Foundation
import Testing
import TestSupport

/// Under the real engine (podman + podman-compose, `../shared/runtime`): an init container
/// writes into a scratch volume before the service starts, as the service's non-root user on a
/// read-only root; the service sees the file (its health check reads it); a sidecar shares the
/// service's network namespace (the service reaches it on localhost) and mounts the volume
/// read-only. Skipped, and says so, where the runtime kit is not installed.
///
/// One init container: podman-compose 1.6 passes every `depends_on` to podman as `--requires`,
/// and podman starts a required container again with each dependent, so a one-shot dependency
/// re-runs, and a chain of them (two init containers, or an init container that waits for a
/// database) fails to start (containers/podman-compose#683; #1476 proposes `--requires` for
/// `service_started` only). Docker Compose runs each once, in order.
@Suite struct ContainersRuntimeTests {
    static let publish = 18131

    static let stack = """
        stack: sidecars
        targets: [compose]
        services:
          app:
            image: localhost/runtime-app:latest
            env: {RUNTIME_APP_PORTS: "8000"}
            ports: [{name: http, port: 8000, publish: \(publish)}]
            security: {user: "10001", runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
            volumes: [{name: shared, path: /shared, scratch: true}]
            probes: {readiness: {exec: [grep, -qx, "10001 seeded", /shared/ready], period: 2s}}
            initContainers:
              - name: seed
                command: [sh, -c, "echo \\"$(id -u) seeded\\" > /shared/ready"]
                volumes: [{name: shared}]
            sidecars:
              - name: exporter
                env: {RUNTIME_APP_PORTS: "9100"}
                volumes: [{name: shared, path: /data, readOnly: true}]
        """

    @Test(.enabled(if: EndToEndTests.runtimeInstalled,
                   "needs root and the runtime kit (shared/runtime/install.sh, images.sh; .ci/run runs them)"),
          .timeLimit(.minutes(45)))
    func initContainerAndSidecarWorkUnderTheEngine() throws {
        // One stack on the engine at a time: it waits while scripts/e2e runs (the time limit covers that).
        try RuntimeKit.up(Self.stack) { up, upLog in try Self.check(up: up, log: upLog) }
    }

    static func check(up: Int32, log upLog: String) throws {
        #expect(up == 0, "the init container, app and sidecar did not come up:\n\(upLog)")
        let prefix = "sidecars-development"
        // The init container ran to completion; the app is healthy, so it saw the file.
        let seed = try Processes.run("podman", ["inspect", "\(prefix)_app-seed_1", "--format",
                                                "{{.State.Status}} {{.State.ExitCode}}"])
        #expect(seed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "exited 0", "\(seed.stderr)")
        let app = try Processes.run("podman", ["exec", "\(prefix)_app_1", "cat", "/shared/ready"])
        #expect(app.stdout == "10001 seeded\n", "\(app.stderr)")
        // The sidecar answers the app on localhost: one network namespace, as in a pod.
        let local = try Processes.run("podman", ["exec", "\(prefix)_app_1", "curl", "-sS", "-m", "5", "-o",
                                                 "/dev/null", "-w", "%{http_code}", "http://localhost:9100/"])
        #expect(local.stdout == "200", "\(local.stderr)")
        // It sees the volume where it mounts it, read-only, and runs as the service's user.
        let data = try Processes.run("podman", ["exec", "\(prefix)_app-exporter_1", "cat", "/data/ready"])
        #expect(data.stdout == "10001 seeded\n", "\(data.stderr)")
        let write = try Processes.run("podman", ["exec", "\(prefix)_app-exporter_1", "sh", "-c", "echo x > /data/x"])
        #expect(write.exitCode != 0)
        let user = try Processes.run("podman", ["exec", "\(prefix)_app-exporter_1", "id", "-u"])
        #expect(user.stdout == "10001\n")
        // The service's port is published from the app container, not the sidecar's.
        let host = try Processes.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}",
                                              "http://127.0.0.1:\(Self.publish)/"])
        #expect(host.stdout == "200", "\(host.stderr)")
    }
}
