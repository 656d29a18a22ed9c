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

    /// The most diagnostics printed; the rest are counted ("and N more").
    static let reportLimit = 200

    /// Prints diagnostics sorted by place, each once (an error in the stack base is found again
    /// in every environment resolved), at most `reportLimit` of them.
    static func report(_ diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector.ordered(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        var text = diagnostics.prefix(reportLimit).map(\.description).joined(separator: "\n") + "\n"
        if diagnostics.count > reportLimit { text += "... and \(diagnostics.count - reportLimit) more\n" }
        if errors > 1 { text += "\(errors) errors\n" }
        err(text)
    }
}
