import ArgumentParser
import ShipshapeLoader
import ShipshapeRender

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the stack schema: JSON Schema for editors, or the Markdown field reference of docs/SPEC.md.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    @Option(name: .long, help: "json (JSON Schema, default) or markdown (field reference).")
    var format: Format = .json

    func run() throws {
        switch format {
        case .json: Console.out(JSONEmitter.emit(JSONSchema.stack))
        case .markdown: Console.out(SpecReference.markdown)
        }
    }
}
