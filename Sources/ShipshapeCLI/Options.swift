import ArgumentParser
import ShipshapeLoader
import ShipshapeModel
import ShipshapePipeline
import ShipshapeRender

/// The stack to work on, and where its profiles and blueprints come from.
struct StackOptions: ParsableArguments {
    @Argument(help: "The stack file, or a folder holding stack.yaml.")
    var stack: String = "stack.yaml"

    @Option(
        name: .customLong("environments"),
        help: "Folder of environment profiles (default: the nearest environments/ folder, else the built-in ones).")
    var environmentsFolder: String?

    @Option(name: .customLong("templates"),
            help: "Folder of blueprints (default: the nearest templates/ folder, else the built-in ones).")
    var templatesFolder: String?

    func load() throws -> Project {
        try Project.load(stack, environmentsFolder: environmentsFolder, templatesFolder: templatesFolder)
    }

    func pipeline(layout: Layout = .flat, outputFolder: String? = nil) throws -> Pipeline {
        Pipeline(project: try load(), layout: layout, outputFolder: outputFolder)
    }
}

extension Target: ExpressibleByArgument {}
extension Layout: ExpressibleByArgument {}
