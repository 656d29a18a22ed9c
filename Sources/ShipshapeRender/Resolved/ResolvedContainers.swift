import ShipshapeModel

/// The parts of a service that its init containers and sidecars have too.
extension ResolvedDocument {
    func container(_ c: Container, _ p: [String]) -> DocNode {
        func at(_ rest: String...) -> [String] { p + rest }
        var m = DocMap()
        m.set("name", v(.string(c.name), at("name")))
        m.set("image", c.image.map { v(.string($0), at("image")) })
        m.set("command", c.command.map { v(strings($0), at("command")) })
        m.set("args", c.args.map { v(strings($0), at("args")) })
        m.set("workingDir", c.workingDir.map { v(.string($0), at("workingDir")) })
        m.setNonEmpty("env", .map(c.env.map { ($0.key, v(.string($0.value), at("env", $0.key))) }))
        m.setNonEmpty("secrets", secretRefs(c.secrets, p))
        m.setNonEmpty("volumes", .list(c.volumes.map { mount in
            var vm = DocMap()
            vm.set("name", v(.string(mount.name), at("volumes", mount.name, "name")))
            vm.set("path", mount.path.map { v(.string($0), at("volumes", mount.name, "path")) })
            vm.set("readOnly", mount.readOnly.map { v(.bool($0), at("volumes", mount.name, "readOnly")) })
            return vm.node
        }))
        m.setNonEmpty("resources", resources(c.resources, at("resources")))
        return m.node
    }

    /// `VAR: secret/key`, or the long form when it says more.
    func secretRefs(_ refs: [SecretRef], _ p: [String]) -> DocNode {
        .map(refs.map { ref in
            guard !ref.isDefault else {
                return (ref.variable, v(.string("\(ref.secret)/\(ref.key)"), p + ["secrets", ref.variable]))
            }
            var r = DocMap()
            r.set("secret", ref.secret)
            r.set("key", ref.key)
            r.set("as", ref.delivery.rawValue)
            r.set("file", ref.file)
            return (ref.variable, v(r.node, p + ["secrets", ref.variable]))
        })
    }
}
