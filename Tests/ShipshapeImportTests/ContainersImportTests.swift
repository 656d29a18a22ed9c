import Foundation
import TestSupport
import Testing

/// `shipshape import kubernetes` carries init containers and sidecars over: native sidecars and
/// extra containers become `sidecars`, the rest `initContainers`; rendering the import gives the
/// same pod back.
struct ContainersImportTests {
    static let stack = """
        stack: shop
        targets: [kubernetes]
        secrets:
          db: {keys: [url]}
        services:
          api:
            image: shop/api:1.0.0
            command: [/opt/api/bin/api]
            secrets: {DATABASE_URL: db/url}
            volumes: [{name: logs, path: /var/log/api, scratch: true}]
            initContainers:
              - name: migrate
                command: [sh, -c, "exec /opt/api/bin/api migrate --url-file ${DATABASE_URL_FILE}"]
                secrets: {DATABASE_URL: db/url}
            sidecars:
              - name: shipper
                image: shop/shipper:2.1.0
                volumes: [{name: logs, path: /logs, readOnly: true}]

        """

    @Test func renderedContainersImportAndRenderTheSame() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.stack.replacingOccurrences(of: "${DATABASE", with: "$${DATABASE")
            .write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let first = work.appendingPathComponent("first").path
        let render = try Shipshape.run(["render", work.path, "--env", "production", "--out", first])
        #expect(render.exitCode == 0, "\(render.stderr)")
        let imported = work.appendingPathComponent("imported").path
        let run = try Shipshape.run(["import", "kubernetes", "\(first)/production/kubernetes", "--out", imported,
                                     "--name", "shop"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let yaml = try String(contentsOfFile: "\(imported)/stack.yaml", encoding: .utf8)
        #expect(yaml.contains("""
                sidecars:
                  - name: shipper
                    image: shop/shipper:2.1.0
                    volumes:
                      - name: logs
                        path: /logs
                        readOnly: true
                initContainers:
                  - name: migrate
                    command:
                      - sh
                      - "-c"
                      - "exec /opt/api/bin/api migrate --url-file $${DATABASE_URL_FILE}"
                    secrets:
                      DATABASE_URL: db/url
            """), "\(yaml)")
        #expect(!yaml.contains("lost"), "\(yaml)")
        let second = work.appendingPathComponent("second").path
        let again = try Shipshape.run(["render", imported, "--env", "production", "--out", second])
        #expect(again.exitCode == 0, "\(again.stderr)")
        let before = try String(contentsOfFile: "\(first)/production/kubernetes/api.yaml", encoding: .utf8)
        let after = try String(contentsOfFile: "\(second)/production/kubernetes/api.yaml", encoding: .utf8)
        func pod(_ text: String) -> Substring {
            let start = text.range(of: "      initContainers:")!.lowerBound
            let end = text.range(of: "      containers:")!.lowerBound
            return text[start..<end]
        }
        #expect(pod(before) == pod(after), "\(before)\n---\n\(after)")
    }

    @Test func aTagBesideADigestIsDropped() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  initContainers:
                    - name: wait
                      image: busybox:1.38.0@sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d
                      command: [sh, -c, "sleep 1"]
                      ports: [{containerPort: 80}]
                  containers:
                    - {name: api, image: "shop/api:1.0.0"}
                    - {name: exporter, image: "prom/statsd-exporter:v0.26.0"}

            """.write(to: work.appendingPathComponent("api.yaml"), atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("out").path
        let run = try Shipshape.run(["import", "kubernetes", work.appendingPathComponent("api.yaml").path,
                                     "--out", out, "--name", "shop"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let yaml = try String(contentsOfFile: "\(out)/stack.yaml", encoding: .utf8)
        #expect(yaml.contains("image: busybox@sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d"))
        #expect(yaml.contains("    sidecars:\n      - name: exporter\n        image: prom/statsd-exporter:v0.26.0\n"),
                "\(yaml)")
        // What the spec does not model of a container is reported, at its line.
        #expect((run.stdout + run.stderr).contains("api.yaml:13:18: lost: Deployment/api.containers[wait].ports"),
                "\(run.stdout)\(run.stderr)")
    }
}
