import Foundation
import ShipshapeModel

/// Printing for the commands: results on stdout, diagnostics on stderr.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Prints diagnostics sorted by place, each once (an error in the stack base is found again
    /// in every environment resolved).
    static func report(_ diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector.ordered(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        if errors > 1 { text += "\(errors) errors\n" }
        err(text)
    }
}
