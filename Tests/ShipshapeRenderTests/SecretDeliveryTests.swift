import Foundation
import ShipshapeLoader
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport

/// Secret delivery per reference (`as: env`, `as: file` with a chosen name) on every target: what
/// a target cannot honour is a located error, and what it renders passes the judges. The fragments
/// each mode renders are pinned by the `secrets-delivery-*` snippets.
@Suite struct SecretDeliveryTests {
    /// Every delivery on every target the judges know, from sources each target can honour.
    static let everyDelivery = """
        stack: shop
        targets: [kubernetes, compose, systemd]
        services:
          api:
            image: shop/api:1.0.0
            command: [/opt/api/bin/api]
            ports: [{name: http, port: 8080}]
            secrets:
              DATABASE_URL: app/database-url
              SECRET_KEY_BASE: {secret: app, key: secret-key-base, as: env}
              TLS_KEY: {secret: app, key: tls-key, as: file, file: tls.key}
              API_TOKEN: {secret: vault, key: api-token, as: env}
              SIGNING_KEY: {secret: vault, key: signing-key, as: file, file: /run/secrets/signing.pem}
        secrets:
          app: {keys: [database-url, secret-key-base, tls-key], source: {existing: shop-app}}
          vault: {keys: [api-token, signing-key], source: {external: {store: vault-backend, path: shop/api}}}

        """

    @Test func everyTargetRendersEveryDeliveryWithoutAValue() throws {
        let files = try Rendering.files(yaml: Self.everyDelivery)
        let kubernetes = try Rendering.file(files, "kubernetes/api.yaml")
        #expect(kubernetes.contains("name: API_TOKEN\n              valueFrom:\n                secretKeyRef:\n"
                                        + "                  name: vault\n                  key: api-token"))
        #expect(kubernetes.contains("- key: signing-key\n                      path: signing.pem"))
        #expect(kubernetes.contains("value: /run/secrets/signing.pem"))
        let compose = try Rendering.file(files, "compose/docker-compose.yml")
        #expect(compose.contains("- \"${SHIPSHAPE_SECRETS_DIR:-/etc/credstore}/shop-app.env\""))
        #expect(compose.contains("- \"${SHIPSHAPE_SECRETS_DIR:-/etc/credstore}/vault.env\""))
        #expect(compose.contains("- source: vault-signing-key\n        target: signing.pem"))
        #expect(!compose.contains("SECRET_KEY_BASE") && !compose.contains("API_TOKEN"))
        let unit = try Rendering.file(files, "systemd/shop-api.service")
        #expect(unit.contains("EnvironmentFile=/etc/credstore/app.env\n"))
        #expect(unit.contains("EnvironmentFile=/etc/credstore/vault.env\n"))
        #expect(unit.contains("LoadCredential=signing.pem:/etc/credstore/vault-signing-key\n"
                                  + "Environment=\"SIGNING_KEY_FILE=%d/signing.pem\"\n"))
        #expect(!unit.contains("SECRET_KEY_BASE") && !unit.contains("API_TOKEN"))
    }

    @Test func theShortFormResolvesAsBeforeAndTheLongFormAsWritten() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.everyDelivery.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true,
                                     encoding: .utf8)
        let api = try #require(try Project.load(folder.path).resolve("production").service(named: "api"))
        #expect(api.secrets.map(\.delivery) == [.file, .env, .file, .env, .file])
        #expect(api.secrets.map(\.path) == ["/run/secrets/app-database-url", "/run/secrets/app-secret-key-base",
                                            "/run/secrets/tls.key", "/run/secrets/vault-api-token",
                                            "/run/secrets/signing.pem"])
        #expect(api.secrets.map(\.isDefault) == [true, false, false, false, false])
    }

    struct Impossible: CustomStringConvertible, Sendable {
        var description: String
        var target: String
        var source: String
        var reference: String
        var message: String
    }

    /// A delivery a target cannot honour, each an error at the reference's `as:`.
    static let impossible: [Impossible] = [
        Impossible(description: "compose: a folder of files as a variable", target: "compose",
                   source: "{files: secrets/app}", reference: "{secret: app, key: token, as: env}",
                   message: "secret 'app' is a folder of files, and compose cannot put a file into the variable"),
        Impossible(description: "compose: an env file as a named file", target: "compose",
                   source: "{envFile: secrets/app.env}", reference: "{secret: app, key: token, as: file, file: t}",
                   message: "secret 'app' comes from an env file, which compose cannot mount as the file"),
        Impossible(description: "systemd: a folder of files as a variable", target: "systemd",
                   source: "{files: secrets/app}", reference: "{secret: app, key: token, as: env}",
                   message: "secret 'app' is a folder of files, which a systemd unit cannot read as the variable"),
        Impossible(description: "systemd: an env file of the stack folder as a variable", target: "systemd",
                   source: "{envFile: secrets/app.env}", reference: "{secret: app, key: token, as: env}",
                   message: "secret 'app' is an env file of the stack folder, which a systemd unit cannot read"),
    ]

    @Test(arguments: impossible)
    func aDeliveryTheTargetCannotHonourIsALocatedError(_ c: Impossible) throws {
        let yaml = """
            stack: shop
            targets: [\(c.target)]
            services:
              api:
                image: shop/api:1.0.0
                command: [/opt/api/bin/api]
                secrets:
                  TOKEN: \(c.reference)
            secrets:
              app: {keys: [token], source: \(c.source)}

            """
        let column = 14 + (c.reference.range(of: "as: ").map { c.reference.distance(from: c.reference.startIndex,
                                                                                        to: $0.upperBound) } ?? 0)
        do {
            _ = try Rendering.files(yaml: yaml)
            Issue.record("\(c): rendered")
        } catch let error as DiagnosticError {
            let found = error.diagnostics.first { $0.message.hasPrefix(c.message) }
            #expect(found != nil, "\(error.diagnostics.map(\.description))")
            #expect(found?.location?.line == 8)
            #expect(found?.location?.column == column, "\(error.diagnostics.map(\.description))")
            #expect(found?.expected?.isEmpty == false)
        }
    }

    @Test func theCommandExitsTwoWithTheLocation() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = """
            stack: shop
            targets: [compose]
            services:
              api:
                image: shop/api:1.0.0
                secrets: {TOKEN: {secret: app, key: token, as: env}}
            secrets:
              app: {keys: [token], source: {files: secrets/app}}

            """
        try yaml.write(to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let result = try Shipshape.run(["render", folder.path, "--out", folder.appendingPathComponent("out").path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("stack.yaml:6:52: error: secret 'app' is a folder of files"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// kubernetes-validate, the compose-spec schema and parser, and systemd-analyze accept every
    /// delivery.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptEveryDelivery() throws {
        try Judges.require()
        let files = try Rendering.files(yaml: Self.everyDelivery)
        #expect(files.count >= 4)
        let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.passed >= 3)
    }
}
