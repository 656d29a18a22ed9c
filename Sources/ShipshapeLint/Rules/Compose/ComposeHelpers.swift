import ShipshapeModel
import ShipshapePolicy

extension ComposeService {
    /// A one-off task (`restart: "no"`, or only started under a profile): no probes, replicas or restarts.
    var isOneOff: Bool {
        node.member("restart")?.text == "no" || !(node.member("profiles")?.items.isEmpty ?? true)
    }

    /// The service's `user`, as `uid[:gid]` or a name.
    var user: String? { node.member("user")?.text }

    /// The `environment:` entries (mapping or `NAME=value` list) with where each value is.
    var environment: [(name: String, value: String, path: DocPath)] {
        guard let environment = node.member("environment") else { return [] }
        if environment.isMap {
            return environment.pairs.map { ($0.key, $0.value.text ?? "", [.key("environment"), .key($0.key)]) }
        }
        return environment.items.enumerated().compactMap { index, item in
            guard let text = item.text, let equals = text.firstIndex(of: "=") else { return nil }
            return (String(text[..<equals]), String(text[text.index(after: equals)...]),
                    [.key("environment"), .index(index)])
        }
    }
}

extension LintContext {
    /// A finding about a place in a compose service.
    func finding(_ message: String, in service: ComposeService, at path: DocPath) -> Finding {
        let place = path.map(\.description).joined(separator: ".")
        return finding(message, at: service.location(path), object: service.label,
                       place: place.isEmpty ? nil : place)
    }
}
