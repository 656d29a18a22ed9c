import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

/// The lifecycle fields of a service (`stopGracePeriod`, `restartDelay`, `ulimits`, `pullPolicy`)
/// and a port published on one host address, on every target: rendered where the target can
/// honour them, a located error (render and validate alike) where it cannot.
@Suite struct LifecycleFieldTests {
    /// Each environment renders only targets that can honour what it sets: staging renders all
    /// three with the portable fields, production adds ulimits (compose, systemd), development a
    /// restart delay (systemd).
    static let stack = """
        stack: shop
        services:
          api:
            image: shop/api:1.0.0
            command: [/opt/api/bin/api]
            ports:
              - {name: http, port: 8080, publish: {port: 8080, address: 127.0.0.1}}
              - {name: admin, port: 9090, publish: {port: 9090, address: "::1"}}
              - {name: metrics, port: 9100, publish: 9100}
              - {name: dns, port: 5353, protocol: udp, publish: {port: 5353, address: "fd00::53"}}
            stopGracePeriod: 45s
            pullPolicy: always
          worker:
            image: shop/worker:1.0.0
            command: [/opt/worker/bin/worker]
            stopGracePeriod: 1500ms
            pullPolicy: never
        environments:
          staging:
            targets: [kubernetes, compose, systemd]
          production:
            targets: [compose, systemd]
            services:
              worker:
                ulimits: {nofile: {soft: 1024, hard: 65536}, nproc: 4096, core: 0, memlock: -1,
                          stack: {soft: 8388608, hard: -1}}
          development:
            targets: [systemd]
            services:
              worker: {restartDelay: 5s}

        """

    @Test func kubernetesHasTheGracePeriodInThePodSpecAndThePullPolicyOnTheContainer() throws {
        let files = try Rendering.files(yaml: Self.stack, environment: "staging")
        let api = try Rendering.file(files, "kubernetes/api.yaml")
        #expect(api.contains("      terminationGracePeriodSeconds: 45\n"), "\(api)")
        #expect(api.contains("          imagePullPolicy: Always\n"))
        let worker = try Rendering.file(files, "kubernetes/worker.yaml")
        // Whole seconds only: 1500ms rounds up.
        #expect(worker.contains("      terminationGracePeriodSeconds: 2\n"))
        #expect(worker.contains("          imagePullPolicy: Never\n"))
        // Publishing is compose's: nothing of the host address reaches a Service.
        #expect(!api.contains("127.0.0.1") && !api.contains("hostIP") && !api.contains("hostPort"))
    }

    @Test func kubernetesKeepsItsPullPolicyAndGracePeriodWhenTheSpecSaysNothing() throws {
        let files = try Rendering.files(yaml: """
            stack: shop
            targets: [kubernetes]
            services:
              api: {image: shop/api:1.0.0}

            """, environment: "staging")
        let api = try Rendering.file(files, "kubernetes/api.yaml")
        #expect(api.contains("imagePullPolicy: IfNotPresent\n"))
        #expect(!api.contains("terminationGracePeriodSeconds"))
    }

    @Test func composeBindsPublishedPortsToTheirAddressAndSetsGracePullAndUlimits() throws {
        let staging = try Rendering.file("compose/docker-compose.yml", yaml: Self.stack, environment: "staging")
        #expect(staging.contains("""
                ports:
                  - "127.0.0.1:8080:8080"
                  - "[::1]:9090:9090"
                  - "9100:9100"
                  - "[fd00::53]:5353:5353/udp"

            """), "\(staging)")
        #expect(staging.contains("    image: shop/api:1.0.0\n    pull_policy: always\n"))
        #expect(staging.contains("    image: shop/worker:1.0.0\n    pull_policy: never\n"))
        #expect(staging.contains("    stop_grace_period: \"45s\"\n"))
        // Seconds where whole (podman-compose reads no `1h30m`), else milliseconds.
        #expect(staging.contains("    stop_grace_period: \"1500ms\"\n"))
        #expect(!staging.contains("ulimits"))
        let production = try Rendering.file("compose/docker-compose.yml", yaml: Self.stack, environment: "production")
        #expect(production.contains("""
                ulimits:
                  nofile:
                    soft: 1024
                    hard: 65536
                  nproc: 4096
                  core: 0
                  memlock: -1
                  stack:
                    soft: 8388608
                    hard: -1

            """), "\(production)")
    }

    @Test func systemdSetsTimeoutStopRestartSecAndLimits() throws {
        let staging = try Rendering.file("systemd/shop-api.service", yaml: Self.stack, environment: "staging")
        #expect(staging.contains("RestartSec=10\nTimeoutStopSec=45\n"), "\(staging)")
        let worker = try Rendering.file("systemd/shop-worker.service", yaml: Self.stack, environment: "staging")
        #expect(worker.contains("TimeoutStopSec=1500ms\n"))
        // No image on a host: the pull policy has nothing to say there.
        #expect(!worker.contains("never") && !worker.contains("Pull"))
        let production = try Rendering.file("systemd/shop-worker.service", yaml: Self.stack, environment: "production")
        #expect(production.contains("TimeoutStopSec=1500ms\nLimitNOFILE=1024:65536\nLimitNPROC=4096\nLimitCORE=0\n"
                                    + "LimitMEMLOCK=infinity\nLimitSTACK=8388608:infinity\n"), "\(production)")
        let development = try Rendering.file("systemd/shop-worker.service", yaml: Self.stack,
                                             environment: "development")
        #expect(development.contains("Restart=always\nRestartSec=5\nTimeoutStopSec=1500ms\n"), "\(development)")
    }

    /// What a target cannot honour is an error at the value, from render and validate alike.
    @Test func targetsThatCannotHonourAFieldSayWhyAtTheValue() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            stack: shop
            targets: [kubernetes, compose, systemd]
            services:
              api:
                image: shop/api:1.0.0
                command: [/opt/api/bin/api]
                restartDelay: 5s
                ulimits: {nofile: 65536}
              report:
                image: shop/report:1.0.0
                command: [/opt/report/bin/report]
                schedule: {cron: "0 2 * * *"}
                restartDelay: 1m

            """.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let render = try Shipshape.run(["render", folder.path, "--env", "production",
                                        "--out", folder.appendingPathComponent("out").path])
        #expect(render.exitCode == 2)
        let errors = render.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        let expected = [
            ":7:19: error: compose cannot wait before a restart",
            ":7:19: error: Kubernetes cannot wait a fixed time before a restart: the kubelet backs off exponentially",
            ":8:14: error: Kubernetes has no per-container ulimits",
            ":13:19: error: compose cannot wait before a restart",
            ":13:19: error: Kubernetes cannot wait a fixed time before a restart",
            ":13:19: error: a scheduled job is not restarted on systemd",
        ]
        for message in expected {
            #expect(errors.contains { $0.contains(message) }, "\(message)\n\(render.stderr)")
        }
        #expect(errors.count == expected.count, "\(render.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        let validate = try Shipshape.run(["validate", folder.path, "--env", "production"])
        #expect(validate.exitCode == 2)
        #expect(validate.stderr == render.stderr, "render:\n\(render.stderr)\nvalidate:\n\(validate.stderr)")
    }

    /// -1 is no limit: above every number, for the soft-at-most-hard check and in systemd.
    @Test func unlimitedIsAboveEveryNumber() {
        let cases: [(Int, Int, Bool, String)] = [
            (-1, -1, true, "infinity"), (5, -1, true, "5:infinity"), (-1, 5, false, "infinity:5"),
            (6, 5, false, "6:5"), (5, 5, true, "5"),
        ]
        for (soft, hard, ordered, systemd) in cases {
            let limit = Ulimit(name: "nofile", soft: soft, hard: hard)
            #expect(limit.isOrdered == ordered && limit.systemdValue == systemd, "\(soft) \(hard)")
        }
    }

    @Test func hostAddressesAreIPv4OrIPv6Literals() {
        for good in ["127.0.0.1", "0.0.0.0", "10.1.2.3", "::1", "::", "fd00::53", "2001:db8::1",
                     "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "fe80::1:2"] {
            #expect(ServicePort.isHostAddress(good), "\(good)")
        }
        for bad in ["", "localhost", "127.0.0.256", "127.0.0", "01.2.3.4", "[::1]", "::1%eth0", "1:2:3:4:5:6:7:8:9",
                    "1::2::3", ":1::", "1:2:3:4:5:6:7", "12345::", "::g", "١٢٧.0.0.1", "10.0.0.1/8", "::1.2.3"] {
            #expect(!ServicePort.isHostAddress(bad), "\(bad)")
        }
    }

    /// kubernetes-validate, the compose-spec schema and parser, and systemd-analyze accept what
    /// every environment renders (`systemd-analyze security` only in production: the other
    /// profiles do not harden units).
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptEveryField() throws {
        try Judges.require()
        for environment in ["staging", "production", "development"] {
            let files = try Rendering.files(yaml: Self.stack, environment: environment)
            let skip = environment == "production" ? "checkov" : "checkov,systemd-security"
            let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": skip])
            #expect(verdict.failed == 0, "\(environment): \(verdict.failures)\n\(verdict.details)")
            #expect(verdict.passed >= files.count, "\(environment): \(verdict.lines)")
        }
    }
}
