import ShipshapeModel
import ShipshapeRender

/// SARIF 2.1.0, with rule metadata (and equivalents in other tools) and suppressions.
enum SARIFReporter {
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func document(_ findings: [Finding], rules: [any Rule]) -> DocNode {
        let descriptions = rules.map(\.description)
        let index = Dictionary(uniqueKeysWithValues: descriptions.enumerated().map { ($1.id, $0) })
        let driverRules: [DocNode] = descriptions.map { d in
            .map([
                ("id", .string(d.id)),
                ("name", .string(d.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
                    .joined())),
                ("shortDescription", .map([("text", .string(d.summary))])),
                ("fullDescription", .map([("text", .string(d.rationale))])),
                ("help", .map([("text", .string(d.remediation))])),
                ("defaultConfiguration", .map([("level", .string(level(d.defaultSeverity)))])),
                ("properties", .map([("category", .string(d.category.rawValue)),
                                     ("equivalents", .list(d.equivalents.map(DocNode.string)))])),
            ])
        }
        let results: [DocNode] = findings.map { f in
            var m = DocMap()
            m.set("ruleId", f.rule)
            m.set("ruleIndex", index[f.rule])
            m.set("level", level(f.severity))
            m.set("message", DocNode.map([("text", .string(f.message))]))
            if let location = f.location {
                m.set("locations", DocNode.list([.map([("physicalLocation", .map([
                    ("artifactLocation", .map([("uri", .string(location.file))])),
                    ("region", .map([("startLine", .int(location.line)), ("startColumn", .int(location.column))])),
                ]))])]))
            }
            if let reason = f.suppression {
                m.set("suppressions",
                      DocNode.list([.map([("kind", .string("inSource")), ("justification", .string(reason))])]))
            }
            let artifact = f.artifact.map { [("artifact", DocNode.string($0))] } ?? []
            m.set("properties", DocNode.map([("environment", .string(f.environment))] + artifact))
            return m.node
        }
        return .map([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .list([.map([
                ("tool", .map([("driver", .map([
                    ("name", .string("shipshape")),
                    ("informationUri", .string("https://github.com/shipshape/shipshape")),
                    ("semanticVersion", .string("0.1.0")), ("rules", .list(driverRules)),
                ]))])),
                ("results", .list(results)),
            ])])),
        ])
    }
}
