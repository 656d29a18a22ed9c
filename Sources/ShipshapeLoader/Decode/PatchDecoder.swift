import Foundation
import OrderedCollections
import ShipshapeModel

/// Reads patches (`kubernetes.patches`, `compose.patch`): YAML trees whose plain scalars are
/// typed as YAML 1.2's core schema types them, so a value prints back as it was written.
struct PatchDecoder {
    let diagnostics: DiagnosticCollector

    /// Identity fields a Kubernetes patch may not touch, and the `metadata` it may.
    static let identity = ["apiVersion", "kind"]
    static let patchableMetadata = ["labels", "annotations"]
    /// A Kubernetes field, inside a patch (not a field of the spec).
    static let metadata = "metadata"

    /// `patches: {Deployment: {...}, Service: {...}}` of a service.
    func kubernetes(_ f: Fields?) -> OrderedDictionary<String, Patch> {
        guard let members = f?[Key.ServiceKubernetes.patches]?.mapping else { return [:] }
        var patches = OrderedDictionary<String, Patch>()
        for (kind, node) in members {
            guard kind.range(of: #"^[A-Z][A-Za-z0-9]*$"#, options: .regularExpression) != nil else {
                diagnostics.error("'\(Fields.shorten(kind))' is not a Kubernetes kind", at: node.keyLocation,
                                  expected: "a kind such as Deployment, Service or HorizontalPodAutoscaler")
                continue
            }
            guard let mapping = node.mapping else {
                diagnostics.error("found \(node.kindDescription)", at: node.location, expected: "a mapping")
                continue
            }
            var ok = true
            for key in Self.identity where mapping[key] != nil {
                ok = false
                diagnostics.error("a patch cannot change '\(key)'", at: mapping[key]?.keyLocation,
                                  expected: "fields of the \(kind) other than apiVersion, kind, name and namespace")
            }
            for (key, value) in node.mapping?[Self.metadata]?.mapping ?? [:] {
                guard Self.patchableMetadata.contains(key) else {
                    ok = false
                    diagnostics.error("a patch cannot change 'metadata.\(key)'", at: value.keyLocation,
                                      expected: "metadata.labels or metadata.annotations (name and namespace are "
                                          + "the object's identity)")
                    continue
                }
                ok = checkLabels(value, values: key == "labels") && ok
            }
            if ok, let value = value(node) { patches[kind] = Patch(value, location: node.keyLocation) }
        }
        return patches
    }

    /// Keys (and, for labels, values) of a patched `metadata.labels` or `metadata.annotations`.
    private func checkLabels(_ node: SpecNode, values: Bool) -> Bool {
        guard let members = node.mapping else {
            diagnostics.error("found \(node.kindDescription)", at: node.location, expected: "a mapping")
            return false
        }
        var ok = true
        for (key, value) in members {
            if !Names.isLabelKey(key) {
                ok = false
                diagnostics.error("'\(Fields.shorten(key))' is not a valid key", at: value.keyLocation,
                                  expected: Names.labelKeyForm)
            } else if value.scalar == nil || (values && !Names.isLabelValue(value.scalar ?? "")) {
                ok = false
                diagnostics.error("not a valid label value", at: value.location, expected: Names.labelValueForm)
            }
        }
        return ok
    }

    /// `compose.patch` of a service: merged into its compose entry.
    func compose(_ f: Fields?) -> Patch? {
        guard let node = f?[Key.Compose.patch] else { return nil }
        guard node.isMapping else {
            diagnostics.error("found \(node.kindDescription)", at: node.location,
                              expected: "a mapping of compose service keys")
            return nil
        }
        return value(node).map { Patch($0, location: node.keyLocation ?? node.location) }
    }

    /// The typed value of a tree; nil (with an error) where a value cannot print back as written.
    func value(_ node: SpecNode) -> PatchValue? {
        switch node.value {
        case .null:
            diagnostics.error("a patch cannot remove a field", at: node.location,
                              expected: "a value (a patch adds or replaces what shipshape renders)")
            return nil
        case let .scalar(text, quoted):
            return quoted ? .string(text) : plain(text, at: node.location)
        case let .mapping(members):
            var result: [PatchMember] = []
            for (key, member) in members {
                guard let value = value(member) else { return nil }
                result.append(PatchMember(key, value))
            }
            return .map(result)
        case let .sequence(items):
            var result: [PatchValue] = []
            for item in items {
                guard let value = value(item) else { return nil }
                result.append(value)
            }
            return .list(result)
        }
    }

    /// A plain scalar as YAML 1.2's core schema reads it: booleans, integers (decimal, 0o, 0x),
    /// else text. Fractions are refused: they would print back as text.
    private func plain(_ text: String, at location: SourceLocation) -> PatchValue? {
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if text.range(of: #"^[-+]?[0-9]+$"#, options: .regularExpression) != nil {
            if let number = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return .int(number) }
        } else if text.hasPrefix("0x"), let number = Int(text.dropFirst(2), radix: 16) {
            return .int(number)
        } else if text.hasPrefix("0o"), let number = Int(text.dropFirst(2), radix: 8) {
            return .int(number)
        }
        let fraction = #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#
        let special = #"^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$"#
        if text.range(of: fraction, options: .regularExpression) != nil
            || text.range(of: special, options: .regularExpression) != nil {
            diagnostics.error("'\(Fields.shorten(text))' is a fraction, which a patch cannot print back as a number",
                              at: location, expected: "an integer, or the value quoted as text (\"\(text)\")")
            return nil
        }
        return .string(text)
    }
}
