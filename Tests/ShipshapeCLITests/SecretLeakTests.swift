import Foundation
import Testing
import TestSupport

/// Secret values live in files, env files and external stores, never in the spec. This test
/// puts real-looking values in all three and runs every command that prints or writes
/// something — render, render --check, validate in every format, diff in every format, resolve
/// with --explain, and failing runs — then looks for the values everywhere shipshape wrote.
@Suite struct SecretLeakTests {
    static let values = [
        "postgresql://admin:Sup3rS3cret-FILES@db/app", "tok_FILES_9f8e7d6c5b4a",
        "postgresql://admin:Sup3rS3cret-ENVFILE@db/app", "tok_ENVFILE_1a2b3c4d",
        "hvs.EXTERNAL-STORE-TOKEN-77c1",
    ]

    /// Fragments that must not show either (a value cut or re-encoded is still a leak).
    static let fragments = ["Sup3rS3cret", "tok_FILES", "tok_ENVFILE", "EXTERNAL-STORE-TOKEN"]

    static let stack = """
        stack: vault
        services:
          api:
            image: demo/api:1.4.2
            command: [/usr/bin/demo-api]
            ports: [{name: http, port: 8080}]
            env: {MODE: production}
            secrets:
              DATABASE_URL: app/database-url
              API_TOKEN: app/api-token
            replicas: 2
            resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
            probes: {liveness: {http: /live, port: http}, readiness: {http: /ready, port: http}}
            security: {user: "10001", group: "10001"}
            hosts: [127.0.0.1]
            systemd: {user: demo}
        proxy:
          hosts: [vault.example.com]
          routes: [{path: /, service: api, port: http}]
        secrets:
          app: {keys: [database-url, api-token]}
        environments:
          development:
            targets: [compose, systemd]
            secrets: {app: {source: {files: secrets/dev}}}
          staging:
            targets: [compose, nginx]
            secrets: {app: {source: {envFile: secrets/staging.env}}}
          production:
            targets: [kubernetes, nginx, systemd]
            secrets: {app: {source: {external: {store: vault-backend, path: app/production}}}}

        """

    static func makeStack(in folder: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("secrets/dev"), withIntermediateDirectories: true)
        try stack.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        try values[0].write(
            to: folder.appendingPathComponent("secrets/dev/database-url"), atomically: true, encoding: .utf8)
        try values[1].write(
            to: folder.appendingPathComponent("secrets/dev/api-token"), atomically: true, encoding: .utf8)
        try "DATABASE_URL=\(values[2])\nAPI_TOKEN=\(values[3])\n"
            .write(to: folder.appendingPathComponent("secrets/staging.env"), atomically: true, encoding: .utf8)
    }

    @Test func noSecretValueReachesAFileAReportADiffOrAMessage() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.makeStack(in: work)
        let path = work.path
        // What an external store's client would hold; shipshape must never read or print it.
        let environment = ["VAULT_TOKEN": Self.values[4], "NO_COLOR": "1"]

        var runs: [[String]] = [
            ["render", path], ["render", path, "--check"],
            ["render", path, "--layout", "kustomize", "--out", "\(path)/kustomize"],
            ["resolve", path, "--env", "production", "--explain"],
            ["resolve", path, "--env", "staging", "--format", "json"],
            ["resolve", path, "--env", "development", "--explain"],
        ]
        for format in ["text", "json", "sarif", "junit", "github"] {
            runs.append(["validate", path, "--format", format, "--fail-on", "never"])
        }
        for format in ["text", "json", "markdown"] {
            runs.append(["diff", path, "development", "staging", "--format", format])
            runs.append(["diff", path, "staging", "production", "--format", format])
        }
        runs.append(["diff", "--files", "\(path)/rendered/development", "\(path)/rendered/staging"])

        var printed = ""
        for arguments in runs {
            let result = try Shipshape.run(arguments, environment: environment)
            #expect(!result.signaled && result.exitCode != 2, "\(arguments): exit \(result.exitCode)\n\(result.stderr)")
            printed += result.stdout + result.stderr
        }

        // Failing runs next to the same secret files: a syntax error, an unknown key, and a
        // credential pasted where a secret reference belongs. (A missing env file is fine: it
        // lives on the deploy host, and shipshape never opens it.)
        let mistakes = [
            ("    env: {MODE: production}", "    env: {MODE: production"),
            ("API_TOKEN: app/api-token", "API_TOKEN: app/no-such-key"),
            ("API_TOKEN: app/api-token", "API_TOKEN: \"\(Self.values[2])\""),
        ]
        for (index, (good, bad)) in mistakes.enumerated() {
            let broken = work.appendingPathComponent("broken-\(index)")
            try Self.makeStack(in: broken)
            #expect(Self.stack.contains(good))
            try Self.stack.replacingOccurrences(of: good, with: bad)
                .write(to: broken.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
            for arguments in [
                ["render", broken.path], ["validate", broken.path], ["diff", broken.path, "staging", "production"],
            ] {
                let result = try Shipshape.run(arguments, environment: environment)
                #expect(result.exitCode == 2, "\(arguments) with '\(bad)': exit \(result.exitCode)")
                printed += result.stdout + result.stderr
            }
        }

        let files = try RenderedText.read(work).filter {
            !$0.key.hasPrefix("secrets/") && !$0.key.hasPrefix("broken-") && $0.key != "stack.yaml"
        }
        #expect(files.count > 10, "rendered \(files.keys.sorted())")
        // The rendered files do reference the secrets, by name and path.
        #expect(files.values.contains { $0.contains("DATABASE_URL_FILE") })
        #expect(files.values.contains { $0.contains("env_file") && $0.contains("secrets/staging.env") })
        #expect(files.values.contains { $0.contains("kind: ExternalSecret") })

        for needle in Self.values + Self.fragments {
            for (name, text) in files {
                #expect(!text.contains(needle), "\(name) holds a secret value")
            }
            #expect(!printed.contains(needle), "a command printed a secret value")
        }
    }

    /// A credential written into a plain variable is a policy finding; the finding names the
    /// variable, never the value, and the diff redacts it.
    @Test func findingsAndDiffsNamePlaintextSecretsWithoutPrintingThem() throws {
        let work = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.makeStack(in: work)
        let leaked = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9v3kLmN"
        try Self.stack.replacingOccurrences(
            of: "env: {MODE: production}", with: "env: {MODE: production, AWS_SECRET_ACCESS_KEY: \(leaked)}"
        )
        .replacingOccurrences(
            of: "  staging:\n    targets: [compose, nginx]", with: "  staging:\n    targets: [kubernetes]"
        )
        .write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        var printed = ""
        for format in ["text", "json", "sarif", "junit", "github"] {
            let result = try Shipshape.run(["validate", work.path, "--format", format], environment: ["NO_COLOR": "1"])
            #expect(result.exitCode == 1, "the plaintext secret is an error in production")
            #expect((result.stdout + result.stderr).contains("AWS_SECRET_ACCESS_KEY"))
            printed += result.stdout + result.stderr
        }
        let diff = try Shipshape.run(["diff", work.path, "staging", "production", "--target", "kubernetes"])
        printed += diff.stdout + diff.stderr
        #expect(!printed.contains(leaked) && !printed.contains("wJalrXUtnFEMI"))
    }
}
