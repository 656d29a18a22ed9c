import OrderedCollections
import ShipshapeModel

/// Substitutes `${values.NAME}`, `${environment}`, `${stack}`, and inside a service
/// `${service.name}` and `${service.version}`. `$${` writes a literal `${`.
/// An unknown variable is a located error with a "did you mean".
struct Interpolation {
    var values: OrderedDictionary<String, String>
    var environment: String
    var stack: String
    let diagnostics: DiagnosticCollector
    /// True while the `values` themselves are substituted: they may not use each other.
    var definingValues = false

    /// Substitutes in every scalar of a tree; `service` gives the `${service.*}` variables.
    /// A tree without a `$` (each node knows) is passed over whole. A node no other tree shares
    /// (the merged tree's own mappings) is changed where it lies; a shared one is copied where
    /// it changes, and only there.
    func apply(_ node: inout SpecNode, service: (name: String, version: String?)? = nil) {
        guard node.containsDollar else { return }
        if case let .scalar(text, quoted) = node.value {
            node.value = .scalar(substitute(text, at: node.location, service: service), quoted: quoted)
        }
        node.updateMembers { members in
            for index in members.values.indices where members.values[index].containsDollar {
                apply(&members.values[index], service: service)
            }
        }
        node.updateItems { items in
            for index in items.indices where items[index].containsDollar { apply(&items[index], service: service) }
        }
    }

    /// `text` with `${...}` replaced and `$${` written as `${`. It works on the UTF-8 bytes:
    /// `$`, `{` and `}` are ASCII and never part of another character's bytes, so no grapheme
    /// clusters are walked.
    func substitute(_ text: String, at location: SourceLocation, service: (name: String, version: String?)?) -> String {
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        return Bytes.read(text) { bytes -> String in
            guard bytes.contains(dollar) else { return text }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            var i = 0
            while i < bytes.count {
                // The text up to the next `$` in one piece.
                let next = bytes[i...].firstIndex(of: dollar) ?? bytes.count
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<next]))
                i = next
                guard i < bytes.count else { break }
                if i + 2 < bytes.count, bytes[i + 1] == dollar, bytes[i + 2] == open {
                    output.append(dollar)
                    output.append(open)
                    i += 3
                } else if i + 1 < bytes.count, bytes[i + 1] == open {
                    guard let end = bytes[(i + 2)...].firstIndex(of: close) else {
                        diagnostics.error("'${' is not closed", at: location,
                                          expected: "${values.NAME}, ${environment} or ${stack}",
                                          hint: "write $${ for a literal ${")
                        return text
                    }
                    let name = String(decoding: bytes[(i + 2)..<end], as: UTF8.self)
                    output += (resolve(name, at: location, service: service) ?? "").utf8
                    i = end + 1
                } else {
                    output.append(dollar)
                    i += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    private func resolve(_ name: String, at location: SourceLocation,
                         service: (name: String, version: String?)?) -> String? {
        switch name {
        case "environment": return environment
        case "stack": return stack
        case "service.name":
            if let service { return service.name }
        case "service.version":
            if let service {
                if let version = service.version { return version }
                diagnostics.error("${service.version} is used but the service has no 'version'", at: location,
                                  expected: "a 'version' on the service")
                return nil
            }
        default:
            if name.hasPrefix("values."), definingValues {
                diagnostics.error("a value uses '${\(name)}'", at: location,
                                  expected: "values that use only ${environment} and ${stack}, not other values")
                return nil
            }
            if name.hasPrefix("values.") {
                let key = String(name.dropFirst("values.".count))
                if let value = values[key] { return value }
                diagnostics.error("unknown variable '${\(name)}'", at: location,
                                  expected: values.isEmpty
                                      ? "a key of 'values' (there are none)"
                                      : Suggestions.oneOf(values.keys.map { "values.\($0)" }),
                                  hint: Suggestions.closest(to: key, in: values.keys)
                                      .map { "did you mean '${values.\($0)}'?" })
                return nil
            }
        }
        var known = ["environment", "stack"] + values.keys.map { "values.\($0)" }
        if service != nil { known += ["service.name", "service.version"] }
        diagnostics.error("unknown variable '${\(name)}'", at: location,
                          expected: "one of " + known.map { "${\($0)}" }.joined(separator: ", "),
                          hint: Suggestions.hint(for: name, in: known).map { $0 + " (write $${ for a literal ${)" }
                              ?? "write $${ for a literal ${")
        return nil
    }
}
