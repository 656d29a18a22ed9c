import ShipshapeModel

/// The parts of a service that its init containers and sidecars have too.
extension ResolvedDocument {
    func container(_ c: Container, _ p: [String]) -> DocNode {
        func at(_ rest: String...) -> [String] { p + rest }
        var m = DocMap()
        m.set("name", v(.string(c.name), at(Key.Container.name)))
        m.set("image", c.image.map { v(.string($0), at(Key.Container.image)) })
        m.set("command", c.command.map { v(strings($0), at(Key.Container.command)) })
        m.set("args", c.args.map { v(strings($0), at(Key.Container.args)) })
        m.set("workingDir", c.workingDir.map { v(.string($0), at(Key.Container.workingDir)) })
        m.setNonEmpty("env", .map(c.env.map { ($0.key, v(.string($0.value), at(Key.Container.env, $0.key))) }))
        m.setNonEmpty("secrets", secretRefs(c.secrets, p))
        m.setNonEmpty("volumes", .list(c.volumes.map { mount in
            var vm = DocMap()
            vm.set("name", v(.string(mount.name), at(Key.Container.volumes, mount.name, Key.VolumeMount.name)))
            vm.set("path", mount.path.map { v(.string($0), at(Key.Container.volumes, mount.name,
                                                              Key.VolumeMount.path)) })
            vm.set("readOnly",
                   mount.readOnly.map { v(.bool($0), at(Key.Container.volumes, mount.name, Key.VolumeMount.readOnly)) })
            return vm.node
        }))
        m.setNonEmpty("resources", resources(c.resources, at(Key.Container.resources)))
        return m.node
    }

    /// `VAR: secret/key`, or the long form when it says more.
    func secretRefs(_ refs: [SecretRef], _ p: [String]) -> DocNode {
        .map(refs.map { ref in
            guard !ref.isDefault else {
                return (ref.variable, v(.string("\(ref.secret)/\(ref.key)"), p + [Key.Service.secrets, ref.variable]))
            }
            var r = DocMap()
            r.set("secret", ref.secret)
            r.set("key", ref.key)
            r.set("as", ref.delivery.rawValue)
            r.set("file", ref.file)
            return (ref.variable, v(r.node, p + [Key.Service.secrets, ref.variable]))
        })
    }
}
