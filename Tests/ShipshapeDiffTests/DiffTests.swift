import Foundation
import ShipshapeDiff
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

@Suite struct DiffTests {
    static func artifacts(
        _ example: String, _ environment: String, target: Target? = nil
    ) throws -> [ShipshapeDiff.Artifact] {
        let stack = try Rendering.example(example, environment)
        return ArtifactReader.artifacts(try Rendering.files(stack, targets: target.map { [$0] }))
    }

    static func fieldSet(_ report: DiffReport) -> Set<String> {
        Set(
            report.changes.flatMap { change in
                change.kind == .changed
                    ? change.fields.map { "\(change.identity) \($0.path): \($0.old ?? "-") -> \($0.new ?? "-")" }
                    : ["\(change.kind.rawValue) \(change.identity)"]
            })
    }

    @Test func openLearnStagingToProductionShowsExactlyTheOverlays() throws {
        let report = Differ.diff(
            try Self.artifacts("openlearn", "staging", target: .kubernetes),
            try Self.artifacts("openlearn", "production", target: .kubernetes), environments: ("staging", "production"))
        let fields = Self.fieldSet(report)
        let expected: Set<String> = [
            "HorizontalPodAutoscaler/api spec.minReplicas: 2 -> 3",
            "HorizontalPodAutoscaler/api spec.maxReplicas: 4 -> 10",
            "Ingress/openlearn spec.rules[0].host: staging-api.openlearn.example.com -> api.openlearn.example.com",
            "Ingress/openlearn spec.tls[0].hosts: [staging-api.openlearn.example.com] -> [api.openlearn.example.com]",
            "Ingress/openlearn metadata.annotations.cert-manager.io/cluster-issuer: letsencrypt-staging -> "
                + "letsencrypt-prod",
            "Deployment/api spec.template.spec.containers[api].env[ENVIRONMENT].value: staging -> production",
        ]
        #expect(expected.isSubset(of: fields), "\(expected.subtracting(fields))")
        // Everything else that changed follows from the profiles (topology spread in production)
        // or from ${environment}/${values.domain}; nothing is reported as removed and added.
        #expect(
            !report.changes.contains { $0.kind != .changed },
            "\(report.changes.filter { $0.kind != .changed }.map(\.identity))")
        #expect(!fields.contains { $0.contains("metadata.namespace") })
        let unexpected = report.unexpected(try Rendering.example("openlearn", "production").expectedDifferences)
        #expect(
            Self.fieldSet(unexpected) == [
                "Deployment/api spec.template.spec.topologySpreadConstraints: - -> [{labelSelector: "
                    + "{matchLabels: {app.kubernetes.io/instance: openlearn, app.kubernetes.io/name: api}}, maxSkew: 1,"
                    + " topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway}]"
            ])
    }

    @Test func docScraperStagingToProductionChangesTargets() throws {
        let report = Differ.diff(
            try Self.artifacts("doc-scraper", "staging"), try Self.artifacts("doc-scraper", "production"),
            environments: ("staging", "production"))
        #expect(
            report.changes.contains { $0.target == "compose" && $0.kind == .removed && $0.identity == "service/db" })
        #expect(
            report.changes.contains {
                $0.target == "kubernetes" && $0.kind == .added && $0.identity == "HorizontalPodAutoscaler/worker"
            })
        #expect(report.changes.contains { $0.target == "nginx" && $0.kind == .removed })
    }

    @Test func residencyDevelopmentToProductionPublishedPorts() throws {
        let report = Differ.diff(
            try Self.artifacts("residency-scheduler", "development", target: .compose),
            try Self.artifacts("residency-scheduler", "production", target: .compose),
            environments: ("development", "production"))
        let fields = Self.fieldSet(report)
        #expect(fields.contains("service/db ports: [5432:5432] -> -"))
        #expect(fields.contains("service/redis ports: [6379:6379] -> -"))
        #expect(fields.contains("service/db expose: - -> [5432]"))
        #expect(fields.contains("service/celery-worker deploy.replicas: - -> 3"))
    }

    @Test func anEnvironmentAgainstItselfHasNoDifferences() throws {
        for example in Repository.examples {
            let a = try Self.artifacts(example, "production")
            #expect(
                Differ.diff(a, try Self.artifacts(example, "production"), environments: ("production", "production"))
                    .isEmpty)
        }
    }

    @Test func reorderingNamedItemsIsNoChange() throws {
        func render(_ ports: String, _ env: String) throws -> [ShipshapeDiff.Artifact] {
            let folder = Repository.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try """
            stack: s
            services:
              api:
                image: s/api:1
                ports: \(ports)
                env: \(env)
            targets: [kubernetes, compose]
            """.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
            return ArtifactReader.artifacts(try Rendering.files(try Project.load(folder.path).resolve("production")))
        }
        let a = try render("[{name: http, port: 80}, {name: admin, port: 9000}]", "{A: '1', B: '2'}")
        let b = try render("[{name: admin, port: 9000}, {name: http, port: 80}]", "{B: '2', A: '1'}")
        #expect(Differ.diff(a, b).isEmpty, "\(Differ.diff(a, b).changes)")
        let c = try render("[{name: admin, port: 9001}, {name: http, port: 80}]", "{B: '2', A: '1'}")
        #expect(!Differ.diff(a, c).isEmpty)
    }

    @Test func secretLookingValuesAreRedacted() throws {
        let old = ArtifactReader.artifacts(
            RenderedFile(
                path: "k8s/secret.yaml",
                contents: """
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: app}
                    stringData:
                      database-url: postgresql://user:hunter2@db:5432/app
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: cfg}
                    data:
                      DB_PASSWORD: hunter2
                      AWS_KEY_ID: AKIAIOSFODNN7EXAMPLE
                      TOKEN_LIKE: wJalrXUtnFEMI7K7MDENG3bPxRfiCYEXAMPLEKEY123
                      URL: https://admin:s3cr3t@example.com/x
                      LOG_LEVEL: info
                    """))
        let new = ArtifactReader.artifacts(
            RenderedFile(
                path: "k8s/secret.yaml",
                contents: """
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: app}
                    stringData:
                      database-url: postgresql://user:correct-horse@db:5432/app
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: cfg}
                    data:
                      DB_PASSWORD: correct-horse
                      AWS_KEY_ID: AKIAI44QH8DHBEXAMPLE
                      TOKEN_LIKE: je7MtGbClwBF2Zp9Utk7h3yCo8nvbEXAMPLEKEY456
                      URL: https://admin:other@example.com/x
                      LOG_LEVEL: debug
                    """))
        let report = Differ.diff(old, new)
        for format in DiffFormatter.Format.allCases {
            let text = DiffFormatter.format(report, as: format, from: "a", to: "b")
            for secret in [
                "hunter2", "correct-horse", "AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE", "wJalrXUtnFEMI",
                "je7MtGbClwBF2", "s3cr3t", ":other@",
            ] {
                #expect(!text.contains(secret), "\(format) shows \(secret)")
            }
            #expect(text.contains("[redacted]"))
            #expect(text.contains("debug"))  // ordinary values still show
        }
    }

    @Test func formats() throws {
        let report = Differ.diff(
            try Self.artifacts("openlearn", "staging", target: .kubernetes),
            try Self.artifacts("openlearn", "production", target: .kubernetes), environments: ("staging", "production"))
        let json =
            try JSONSerialization.jsonObject(
                with: Data(DiffFormatter.format(report, as: .json, from: "staging", to: "production").utf8))
            as? [String: Any]
        #expect(json?["from"] as? String == "staging")
        #expect((json?["changes"] as? [Any])?.isEmpty == false)
        let markdown = DiffFormatter.format(report, as: .markdown, from: "staging", to: "production")
        #expect(markdown.contains("| kubernetes | HorizontalPodAutoscaler/api | spec.minReplicas | `2` | `3` |"))
        let text = DiffFormatter.format(report, as: .text, from: "staging", to: "production")
        #expect(!text.contains("\u{1B}["))
        #expect(text.hasSuffix(DiffFormatter.summary(report) + "\n"))
        #expect(DiffFormatter.summary(report).hasPrefix("\(report.changes.count) objects differ: kubernetes "))
    }

    @Test func globs() {
        #expect(Glob.matches("kubernetes:Deployment/*:spec.replicas", "kubernetes:Deployment/api:spec.replicas"))
        #expect(Glob.matches("*:*:*host*", "kubernetes:Ingress/shop:spec.rules[0].host"))
        #expect(!Glob.matches("kubernetes:Deployment/*:spec.replicas", "kubernetes:Deployment/api:spec.replicasX"))
        #expect(Glob.matches("*", ""))
    }
}

/// A field's name and value are read on their bytes when every byte is a character, else as
/// characters: both must redact the same fields.
@Suite struct RedactionBytePathTests {
    @Test(arguments: [
        ("env[DB_PASSWORD].value", "hunter2"), ("env[DB_PASSWORD_FILE].value", "x"), ("a.b.c.token", "x"),
        ("spec.data.apiKey", "/run/key"), ("x.api_key_file", "abc"), ("env[TOKEN].valueFrom", "secretKeyRef: x"),
        ("a..b..password.", "x"), ("metadata.name", "api"), ("password", "x"), ("spec.replicas", "3"),
        ("x.Credential", "y"), ("args", "--db-password=hunter2"), ("image", "nginx:1.27"), ("", "x"),
    ])
    func bytesAndCharactersAgree(_ path: String, _ value: String) {
        let bytes = Redaction.show(value, path: path, secret: false) == Redaction.placeholder
        let characters = Redaction.show(value + " über", path: path, secret: false) == Redaction.placeholder
        #expect(bytes == characters)
    }

    @Test func secretFieldsAreRedacted() {
        #expect(Redaction.show("hunter2", path: "env[DB_PASSWORD].value", secret: false) == Redaction.placeholder)
        #expect(Redaction.show("/run/key", path: "spec.apiKey", secret: false) == "/run/key")
        #expect(Redaction.show("3", path: "spec.replicas", secret: false) == "3")
    }
}
