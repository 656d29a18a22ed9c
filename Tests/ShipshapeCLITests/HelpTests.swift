import Foundation
import ShipshapeCLI
import Testing
import TestSupport

/// `shipshape help COMMAND` on an 80-column terminal: the discussion is wrapped once, by the
/// argument parser, so no line is cut short in mid-sentence and no example is broken in two.
@Suite struct HelpTests {
    static let commands = [""] + ShipshapeCommand.configuration.subcommands
        .map { $0.configuration.commandName ?? "" }

    @Test(arguments: commands)
    func discussionIsWrappedOnce(_ command: String) throws {
        let result = try Shipshape.run(command.isEmpty ? ["--help"] : ["help", command], environment: ["COLUMNS": "80"])
        #expect(result.exitCode == 0)
        let lines = result.stdout.components(separatedBy: "\n")
        let usage = try #require(lines.firstIndex { $0.hasPrefix("USAGE:") }, "\(result.stdout)")
        let discussion = Array(lines[..<usage])
        for line in discussion {
            #expect(line.count <= 80, "help \(command): a line over 80 columns: \(line)")
        }
        // Inside a paragraph, a line ends only where the next word would not have fitted.
        for (line, next) in zip(discussion, discussion.dropFirst())
        where !line.isEmpty && !line.hasPrefix(" ") && !next.isEmpty && !next.hasPrefix(" ")
            && !line.hasSuffix(":") && !line.hasPrefix("OVERVIEW:") {
            let word = next.split(separator: " ").first.map(String.init) ?? ""
            #expect(line.count + 1 + word.count >= 80, "help \(command): wrapped twice at \"\(line)\"")
        }
    }
}
