import ArgumentParser
import ShipshapeLoader
import ShipshapeRender

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the stack schema: JSON Schema for editors, or the Markdown field reference of docs/SPEC.md.",
        discussion: """
        --for picks the file the JSON Schema describes: stack (stack.yaml with its environment \
        overlays), profile (environments/<env>.yaml) or blueprint (templates/<name>.yaml). Each \
        accepts a partial layer (nothing a lower layer can supply is required; null removes a \
        value) and rejects unknown keys.

        Editor set-up (YAML language server): save the schema and add a modeline to the file:
          shipshape schema > .shipshape/stack.schema.json
          # yaml-language-server: $schema=.shipshape/stack.schema.json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
        /// Sources/ShipshapeModel/Spec/SpecKeys.generated.swift (scripts/gen-spec-keys); not in the help.
        case swiftKeys = "swift-keys"

        static var allValueStrings: [String] { ["json", "markdown"] }
    }

    @Option(name: .long, help: "json (JSON Schema, default) or markdown (field reference).")
    var format: Format = .json

    @Option(name: .customLong("for"),
            help: "stack (default), profile or blueprint: the file the JSON Schema describes.")
    var file: JSONSchema.File = .stack

    func run() throws {
        switch format {
        case .json: Console.out(JSONEmitter.emit(JSONSchema.schema(for: file)))
        case .markdown: Console.out(SpecReference.markdown)
        case .swiftKeys: Console.out(SpecKeysSource.swift)
        }
    }
}

extension JSONSchema.File: ExpressibleByArgument {}
