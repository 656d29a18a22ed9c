import ShipshapeModel
import ShipshapePolicy

extension ComposeService {
    /// A one-off task (`restart: "no"`, or only started under a profile): no probes, replicas or restarts.
    var isOneOff: Bool {
        node.member("restart")?.text == "no" || !(node.member("profiles")?.items.isEmpty ?? true)
    }

    /// The service's `user`, as `uid[:gid]` or a name.
    var user: String? { node.member("user")?.text }
}

extension LintContext {
    /// A finding about a place in a compose service.
    func finding(_ message: String, in service: ComposeService, at path: DocPath) -> Finding {
        let place = path.map(\.description).joined(separator: ".")
        return finding(message, at: service.location(path), object: service.label,
                       place: place.isEmpty ? nil : place)
    }
}
