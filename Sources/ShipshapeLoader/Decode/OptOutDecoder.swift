import ShipshapeModel

/// Reads a service's `optOut` entries: a field of the service schema, dotted, and a reason.
struct OptOutDecoder {
    let diagnostics: DiagnosticCollector

    func decode(_ node: SpecNode) -> OptOut? {
        let f = Fields(node, diagnostics)
        guard let text = f.required(Key.OptOut.field, "optOut entry", f.string) else { return nil }
        guard let reason = f.required(Key.OptOut.reason, "optOut entry for '\(text)'", f.string) else { return nil }
        if reason.trimmingCharacters(in: .whitespaces).count < 10 {
            diagnostics.error("the reason for declining '\(Fields.shorten(text))' is too short to convince a reviewer",
                              at: f[Key.OptOut.reason]?.location,
                              expected: "a sentence saying why the default cannot apply")
        }
        let path = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if let problem = Self.problem(path, in: SpecSchema.service) {
            diagnostics.error("'\(Fields.shorten(text))' is not a field of a service",
                              at: f[Key.OptOut.field]?.location,
                              expected: problem.expected, hint: problem.hint)
            return nil
        }
        return OptOut(field: path, reason: reason, location: node.location)
    }

    /// Why `path` names no field below `object`: what was expected at the first wrong component.
    static func problem(_ path: [String], in object: SchemaObject) -> (expected: String, hint: String?)? {
        var type = SchemaType.object(object)
        for (index, component) in path.enumerated() {
            let above = path.prefix(index).joined(separator: ".")
            switch type {
            case let .object(object):
                guard let field = object.field(component) else {
                    let names = object.keys.map { index == 0 ? $0 : above + "." + $0 }
                    return ("a dotted field such as " + Suggestions.oneOf(names, limit: 6),
                            Suggestions.hint(for: path.prefix(index + 1).joined(separator: "."), in: names))
                }
                type = field.type
            case let .map(value):
                guard !component.isEmpty else { return ("a key below '\(above)'", nil) }
                type = value
            default:
                return ("a field that ends at '\(above)'", nil)
            }
        }
        return nil
    }
}
