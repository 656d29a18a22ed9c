import Foundation
import Testing
import TestSupport

/// `shipshape init` writes a stack that validates clean and renders; `shipshape graph` draws one.
@Suite struct InitGraphTests {
    @Test(arguments: [
        ["--name", "shop", "--service", "api=fastapi", "--service", "db=postgres", "--service", "cache=redis",
         "--proxy", "shop.example.com"],
        ["--name", "jobs", "--service", "worker=celery-worker", "--service", "broker=redis",
         "--environments", "development,production"],
        [],
    ])
    func initValidatesCleanAndRenders(_ flags: [String]) throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = folder.appendingPathComponent("stack.yaml").path
        let created = try Shipshape.run(["init"] + flags, in: folder.path)
        #expect(created.exitCode == 0, "\(flags): \(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: stack))

        let production = try Shipshape.run(["validate", stack, "--env", "production"])
        #expect(production.exitCode == 0, "\(flags): \(production.stdout)\(production.stderr)")
        let every = try Shipshape.run(["validate", stack])
        #expect(every.exitCode == 0, "\(flags): \(every.stdout)\(every.stderr)")
        let out = folder.appendingPathComponent("out").path
        let render = try Shipshape.run(["render", stack, "--out", out])
        #expect(render.exitCode == 0, "\(flags): \(render.stderr)")
        #expect(render.stderr.contains("rendered"), "\(render.stdout)\(render.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/production/kubernetes"),
                "\(flags): no production manifests")
        #expect(FileManager.default.fileExists(atPath: "\(out)/development/compose/docker-compose.yml"))
        if flags.contains("--proxy") {
            let ingress = try String(contentsOfFile: "\(out)/production/kubernetes/ingress.yaml", encoding: .utf8)
            #expect(ingress.contains("shop.example.com"))
        }

        // It never overwrites without --force.
        let again = try Shipshape.run(["init"] + flags, in: folder.path)
        #expect(again.exitCode == 2)
        #expect(again.stderr.contains("exists") && again.stderr.contains("--force"), "\(again.stderr)")
        let forced = try Shipshape.run(["init", "--force"] + flags, in: folder.path)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
    }

    @Test func initRejectsUnknownBlueprintsWithASuggestion() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Shipshape.run(["init", "--name", "x", "--service", "db=postgress"], in: folder.path)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("did you mean 'postgres'?"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("stack.yaml").path))
    }

    @Test func graphDrawsServicesDependenciesAndRoutes() throws {
        let mermaid = try Shipshape.run(["graph", "examples/residency-scheduler", "--env", "production"])
        #expect(mermaid.exitCode == 0, "\(mermaid.stderr)")
        let text = mermaid.stdout
        #expect(text.hasPrefix("```mermaid\n"))
        #expect(text.contains("title: residency-scheduler (production)"))
        #expect(text.contains("flowchart LR"))
        #expect(text.contains("s_backend --> s_db"), "\(text)")
        #expect(text.contains("s_celery_worker --> s_redis"), "\(text)")
        #expect(text.contains("proxy -- \"/api\" --> s_backend"), "\(text)")
        #expect(!text.contains("(staging)"), "--env limits the graphs")

        let dot = try Shipshape.run(["graph", "examples/residency-scheduler", "--env", "production",
                                     "--format", "dot"])
        #expect(dot.exitCode == 0, "\(dot.stderr)")
        #expect(dot.stdout.hasPrefix("digraph residency_scheduler_production {"))
        #expect(dot.stdout.contains("s_backend -> s_db;"), "\(dot.stdout)")
        #expect(dot.stdout.hasSuffix("}\n"))

        let every = try Shipshape.run(["graph", "examples/openlearn"])
        #expect(every.exitCode == 0, "\(every.stderr)")
        #expect(every.stdout.components(separatedBy: "```mermaid").count - 1 >= 3, "one graph per environment")
    }
}
