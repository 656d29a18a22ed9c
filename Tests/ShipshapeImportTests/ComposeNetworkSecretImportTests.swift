import Foundation
import ShipshapeImport
import ShipshapeModel
import ShipshapePipeline
import ShipshapeRender
import TestSupport
import Testing

/// Compose shapes that are not shipshape's own: secret files on the host chosen by a variable,
/// services on a second network, networks no service joins. Each imports to a stack that renders,
/// and what differs from the source is a located loss.
struct ComposeNetworkSecretImportTests {
    /// Imports `compose` (written as docker-compose.yml in a fresh folder), writes the stack and
    /// renders its compose file.
    static func importAndRender(_ compose: String) throws -> (ImportResult, stack: String, rendered: String) {
        let out = Repository.temporaryFolder()
        let path = out.appendingPathComponent("docker-compose.yml").path
        try compose.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ComposeImporter.run(
            base: [try InputFile.read(path)], options: ImportOptions(name: "shop", outFolder: out.path))
        try StackWriter.write(result, sources: [path], to: out.path, force: false)
        let stack = try String(contentsOf: out.appendingPathComponent(StackWriter.stackFile), encoding: .utf8)
        let files = try Pipeline.load(out.path).render(["development"], targets: [.compose]).files
        let rendered = try #require(files.first { $0.path.hasSuffix("docker-compose.yml") }).contents
        return (result, stack, rendered)
    }

    static func losses(_ result: ImportResult, _ key: String) -> [Loss] {
        result.losses.filter { $0.key == key }
    }

    @Test func hostSecretFilesInAnotherFolderBecomeExistingSecretsWithLocatedLosses() throws {
        let compose = """
            services:
              api:
                image: shop/api:1.0
                secrets: [api-keys-db-password, api-keys-token]
            secrets:
              api-keys-db-password:
                file: ${CREDENTIALS:-/run/keys}/api-keys-db-password
              api-keys-token:
                file: /run/keys/token
            """
        let (result, stack, rendered) = try Self.importAndRender(compose)
        #expect(stack.contains("existing: api-keys"))
        #expect(!stack.contains("files:"))
        // The folder differs (and a variable chose it): located at the `file:` value.
        let folder = Self.losses(result, "secrets.api-keys-db-password.file")
        #expect(folder.count == 1)
        #expect(folder.first?.reason.contains("${CREDENTIALS}") == true)
        #expect(folder.first?.fix.contains("SHIPSHAPE_SECRETS_DIR=/run/keys") == true)
        #expect(folder.first?.location.line == 7)
        #expect(folder.first?.location.column == 11)
        // The token file is not named <existing>-<key>: the rename is a loss too.
        let token = Self.losses(result, "secrets.api-keys-token.file")
        #expect(token.contains { $0.fix.contains("rename the host file to api-keys-token") })
        #expect(token.contains { $0.fix.contains("SHIPSHAPE_SECRETS_DIR=/run/keys") })
        #expect(rendered.contains("file: \"${SHIPSHAPE_SECRETS_DIR:-/etc/credstore}/api-keys-db-password\""))
        #expect(result.secrets.isEmpty, "no value to provide: the files exist on the host")
    }

    @Test func hostSecretFilesInTheSpecsFolderCarryOverWithoutLoss() throws {
        let compose = """
            services:
              api:
                image: shop/api:1.0
                secrets: [vault-db-password]
                environment: {DB_PASSWORD_FILE: /run/secrets/vault-db-password}
            secrets:
              vault-db-password:
                file: ${SHIPSHAPE_SECRETS_DIR:-/etc/credstore}/prod-vault-db-password
            """
        let (result, stack, rendered) = try Self.importAndRender(compose)
        #expect(stack.contains("existing: prod-vault"))
        #expect(result.losses.isEmpty, "\(result.losses)")
        #expect(rendered.contains("file: \"${SHIPSHAPE_SECRETS_DIR:-/etc/credstore}/prod-vault-db-password\""))
        #expect(rendered.contains("DB_PASSWORD_FILE: /run/secrets/vault-db-password"))
    }

    @Test func aVariableThatChoseASecretFileInsideTheStackIsALoss() throws {
        let compose = """
            services:
              api:
                image: shop/api:1.0
                secrets: [app-db-password]
            secrets:
              app-db-password:
                file: ${SECRETS_DIR:-./secrets/app}/db-password
            """
        let (result, stack, rendered) = try Self.importAndRender(compose)
        #expect(stack.contains("files: secrets/app"))
        let loss = Self.losses(result, "secrets.app-db-password.file")
        #expect(loss.count == 1)
        #expect(loss.first?.reason.contains("${SECRETS_DIR}") == true)
        #expect(loss.first?.reason.contains("secrets/app in the stack's folder") == true)
        #expect(rendered.contains("app-db-password:\n    file: secrets/app/db-password")
            || rendered.contains("file: \"../../../secrets/app/db-password\""))
    }

    @Test func servicesOnASecondNetworkKeepBothAndUnusedNetworksAreDropped() throws {
        let compose = """
            services:
              web:
                image: shop/web:1.0
                ports: ["8080:8080"]
                networks: [backend, edge]
              db:
                image: postgres:16
                networks: [backend]
            networks:
              backend: {internal: true}
              edge: {}
              unused: {}
            """
        let (result, stack, rendered) = try Self.importAndRender(compose)
        #expect(!stack.contains("unused"))
        #expect(result.losses.isEmpty, "\(result.losses)")
        #expect(stack.contains("internal: true"))
        // The published port is reachable from the host: web stays on edge, nothing is added.
        #expect(rendered.contains("    networks:\n      - backend\n      - edge\n"))
        #expect(!rendered.contains("published"))
        #expect(!rendered.contains("unused"))
    }

    @Test func servicesWithoutNetworksNeedNoStackNetworks() throws {
        let compose = """
            services:
              web:
                image: shop/web:1.0
                ports: ["8080:8080"]
              cache:
                image: redis:7
            networks:
              spare: {driver: bridge}
            """
        let (result, stack, rendered) = try Self.importAndRender(compose)
        #expect(!stack.contains("networks"))
        #expect(result.losses.isEmpty, "\(result.losses)")
        #expect(!rendered.contains("spare"))
        #expect(!rendered.contains("      - default"))
    }

    @Test func anImplicitDefaultBesideANamedNetworkIsKept() throws {
        let compose = """
            services:
              web:
                image: shop/web:1.0
                networks: [edge]
              worker:
                image: shop/worker:1.0
            networks:
              edge: {}
            """
        let (_, stack, rendered) = try Self.importAndRender(compose)
        #expect(stack.contains("default: {}") || stack.contains("default:\n"))
        #expect(rendered.contains("  worker:") && rendered.contains("      - default"))
        #expect(rendered.contains("      - edge"))
    }
}
