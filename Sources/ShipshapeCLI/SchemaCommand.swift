import ArgumentParser
import ShipshapeLoader
import ShipshapeRender

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of stack.yaml (for editor completion and validation).")

    func run() throws {
        Console.out(JSONEmitter.emit(JSONSchema.stack))
    }
}
