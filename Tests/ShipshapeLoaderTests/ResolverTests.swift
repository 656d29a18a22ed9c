import Foundation
import ShipshapeLoader
import ShipshapeModel
import Testing
import TestSupport

@Suite struct ResolverTests {
    static let layered = """
        stack: shop
        values: {tag: "1.0", domain: shop.example.com}
        services:
          db:
            from: postgres
            version: "15"
          api:
            from: fastapi
            image: shop/api:${values.tag}
            env: {ENVIRONMENT: "${environment}", STACK: "${stack}"}
            replicas: 2
            autoscale: {min: 2, max: 5, cpu: 70%}
            dependsOn: [db]
        environments:
          development:
            values: {tag: dev}
            services:
              api:
                replicas: 1
                autoscale: null
                ports:
                  - {name: http, publish: 8000}
                  - {name: debug, port: 5678}
          production:
            services:
              api:
                replicas: 4
        """

    @Test func precedenceBuiltinBlueprintProfileBaseOverlay() throws {
        let p = try project(Self.layered)
        let production = try p.resolve("production")
        let api = try #require(production.service(named: "api"))
        #expect(api.replicas == 4)  // overlay beats base (2)
        #expect(api.security.runAsNonRoot)  // production profile default
        #expect(api.ports.map(\.port) == [8000])  // blueprint
        #expect(api.image == "shop/api:1.0")  // values
        #expect(api.env["ENVIRONMENT"] == "production")
        #expect(api.env["STACK"] == "shop")
        #expect(api.autoscale?.max == 5)
        #expect(api.security.allowPrivilegeEscalation == false)  // built-in
        let db = try #require(production.service(named: "db"))
        #expect(db.image == "postgres:15")  // ${service.version}
        #expect(db.replicas == 1)  // built-in default

        let origin = production.source.node(at: ["services", "api", "replicas"])?.origin
        #expect(origin?.layer == .overlay("production"))
        #expect(
            production.source.node(at: ["services", "api", "security", "runAsNonRoot"])?.origin.layer
                == .profile("production"))
        #expect(
            production.source.node(at: ["services", "api", "ports", "http", "port"])?.origin.layer
                == .blueprint("fastapi"))
        #expect(production.source.node(at: ["services", "db", "replicas"])?.origin.layer == .builtin)
    }

    @Test func overlayNullRemovesAndNamedListsMergeByName() throws {
        let development = try project(Self.layered).resolve("development")
        let api = try #require(development.service(named: "api"))
        #expect(api.autoscale == nil)
        #expect(api.replicas == 1)
        #expect(api.image == "shop/api:dev")
        #expect(api.ports.map(\.name) == ["http", "debug"])
        #expect(api.ports.first?.port == 8000)  // kept from the blueprint
        #expect(api.ports.first?.publish == 8000)  // added by the overlay
        #expect(api.security.runAsNonRoot == false)  // development profile sets none
        #expect(development.targets == [.compose])
    }

    @Test func nullInTheBaseRemovesABlueprintValue() throws {
        let p = try project(
            """
            stack: shop
            services:
              api:
                from: fastapi
                image: shop/api:1
                probes: {liveness: null}
            """)
        let api = try #require(p.resolve("production").service(named: "api"))
        #expect(api.probes.liveness == nil)
        #expect(api.probes.readiness != nil)
    }

    @Test func serviceRemovedInAnOverlay() throws {
        let p = try project(
            """
            stack: shop
            services:
              api: {image: shop/api:1}
              debugger: {image: shop/debug:1}
            environments:
              production:
                services: {debugger: null}
            """)
        #expect(try p.resolve("production").services.map(\.name) == ["api"])
        #expect(try p.resolve("staging").services.map(\.name) == ["api", "debugger"])
    }

    @Test func defaultPortsFilledFromFirstPort() throws {
        let p = try project(
            """
            stack: shop
            services:
              api:
                image: shop/api:1
                ports: [{name: web, port: 8080}]
                probes: {readiness: {http: /ready}}
            proxy:
              hosts: [shop.example.com]
              routes: [{path: /, service: api}]
            """)
        let stack = try p.resolve("production")
        #expect(stack.service(named: "api")?.probes.readiness?.port == .name("web"))
        #expect(stack.proxy?.routes.first?.port == .name("web"))
        #expect(stack.proxy?.headers.hsts == .seconds(365 * 86_400))  // production profile
        #expect(stack.proxy?.gzip == true)  // built-in
    }

    @Test func reportsEveryErrorInOneRun() {
        let found = diagnostics {
            _ = try project(
                """
                stack: shop
                services:
                  api:
                    image: shop/api:1
                    replicas: many
                    resources: {limits: {memory: lots}}
                    dependsOn: [nothing]
                """
            ).resolve("production")
        }
        #expect(found.count == 3)
        #expect(found.map { $0.location?.line ?? 0 } == [5, 6, 7])
    }

    @Test func profilesFromAFolderReplaceBuiltInOnesByName() throws {
        let p = try project(
            """
            stack: shop
            services:
              api: {image: shop/api:1}
            environments:
              qa: {}
            """,
            files: [
                "environments/qa.yaml": "environment: qa\ndefaults:\n  targets: [compose]\n  services: {replicas: 3}\n"
            ])
        let qa = try p.resolve("qa")
        #expect(qa.service(named: "api")?.replicas == 3)
        #expect(qa.targets == [.compose])
        #expect(p.environments == ["qa"])
        #expect(p.profiles["production"] != nil)  // built-in ones remain
    }

    @Test func explicitEnvironmentsFolderMustExist() {
        let found = diagnostics { _ = try project("stack: shop\n", profiles: "/nonexistent/folder") }
        #expect(found.first?.message.contains("is not a folder") == true)
    }

    @Test func everyExampleResolvesInEveryEnvironment() throws {
        for example in Repository.examples {
            let p = try Project.load(Repository.path("examples/\(example)"))
            #expect(p.environments == ["development", "staging", "production"], "\(example)")
            for environment in p.environments {
                let stack = try p.resolve(environment)
                #expect(!stack.services.isEmpty)
                #expect(stack.environment == environment)
            }
        }
    }
}

@Suite struct AlternativeKeysTests {
    @Test func alternativesReplaceEachOtherAcrossLayers() throws {
        let p = try project(
            """
            stack: shop
            services:
              db:
                from: postgres
                probes:
                  readiness: {http: /ready, port: postgres}
                volumes:
                  - {name: data, path: /var/lib/postgresql/data, scratch: true}
            secrets:
              s: {keys: [k], source: {existing: shop-secrets}}
            environments:
              development:
                secrets:
                  s: {source: {files: secrets/dev}}
            """)
        let development = try p.resolve("development")
        #expect(development.secret(named: "s")?.source == .files(directory: "secrets/dev"))
        let db = try #require(development.service(named: "db"))
        guard case let .http(path, _, _)? = db.probes.readiness?.check else {
            Issue.record("readiness is \(String(describing: db.probes.readiness))")
            return
        }
        #expect(path == "/ready")
        #expect(db.probes.readiness?.period == .seconds(10))  // timing kept from the blueprint
        #expect(db.volumes.first { $0.name == "data" }?.source == .scratch)
        #expect(try p.resolve("production").secret(named: "s")?.source == .existing(name: "shop-secrets"))
    }
}
