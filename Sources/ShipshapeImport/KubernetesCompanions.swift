import ShipshapeModel
import ShipshapeRender

/// The init containers and sidecars of an imported pod: native sidecars (`initContainers` with
/// `restartPolicy: Always`) and every container after the first become `sidecars`, the other
/// init containers `initContainers`, with what the spec models of them.
extension KubernetesStack {
    static let companionHandled: Set<String> = [
        "name", "image", "command", "args", "workingDir", "env", "resources", "securityContext", "volumeMounts",
        "imagePullPolicy", "terminationMessagePath", "terminationMessagePolicy", "restartPolicy",
    ]

    mutating func companions(pod: SourceNode?, main: SourceNode, id: String, volumes: [DocNode],
                             into m: inout DocMap) {
        let inits = pod?["initContainers"]?.items ?? []
        let sidecars = inits.filter { $0["restartPolicy"]?.text == "Always" }
            + (pod?["containers"]?.items ?? []).dropFirst()
        let initContainers = inits.filter { $0["restartPolicy"]?.text != "Always" }
        let declared = Set(volumes.compactMap { node -> String? in
            guard case let .map(members) = node, case let .string(name)? = members.first(where: {
                $0.key == "name"
            })?.value else { return nil }
            return name
        })
        for (key, list) in [("sidecars", sidecars), ("initContainers", initContainers)] {
            let items = list.compactMap { companion($0, pod: pod, main: main, id: id, declared: declared) }
            m.setNonEmpty(key, .list(items))
        }
    }

    private mutating func companion(_ c: SourceNode, pod: SourceNode?, main: SourceNode, id: String,
                                    declared: Set<String>) -> DocNode? {
        let name = c["name"]?.text ?? "?"
        let where_ = "\(id).containers[\(name)]"
        guard Names.isDNSLabel(name), name != main["name"]?.text else {
            log.lost(c, where_, "a container name that is no DNS label, or the main container's",
                     "add it under the service's `sidecars` or `initContainers` with a name of its own")
            return nil
        }
        for (key, value) in c.members ?? [] where !Self.companionHandled.contains(key) {
            log.lost(value, "\(where_).\(key)", "the spec has no '\(key)' on an init container or sidecar",
                     "patch the output (kustomize) for it")
        }
        // Literal `${` (a shell's variable) is written `$${`: the spec interpolates `${...}`.
        func literal(_ text: String) -> DocNode { .string(text.replacingOccurrences(of: "${", with: "$${")) }
        var m = DocMap()
        m.set("name", name)
        if let image = c["image"]?.text, image != main["image"]?.text { m.set("image", literal(Self.image(image))) }
        if let command = c["command"]?.strings { m.set("command", DocNode.list(command.map(literal))) }
        if let args = c["args"]?.strings { m.set("args", DocNode.list(args.map(literal))) }
        m.set("workingDir", c["workingDir"]?.text.map(literal))
        env(c, pod: pod, id: where_, into: &m)
        if let resources = c["resources"] { m.setNonEmpty("resources", self.resources(resources, id: where_)) }
        var mounts: [DocNode] = []
        for mount in c["volumeMounts"]?.items ?? [] {
            guard let volume = mount["name"]?.text, !volume.hasPrefix("shipshape-secrets") else { continue }
            let label = Naming.label(volume, fallback: "data")
            guard declared.contains(label) else {
                log.lost(mount, "\(where_).volumeMounts[\(volume)]", "a volume the main container does not mount",
                         "mount it in the service too, then list it under the container's `volumes`")
                continue
            }
            var v = DocMap()
            v.set("name", label)
            v.set("path", mount["mountPath"]?.text)
            if mount["readOnly"]?.bool == true { v.set("readOnly", true) }
            mounts.append(v.node)
        }
        m.setNonEmpty("volumes", .list(mounts))
        if security(c, pod: pod, id: where_) != security(main, pod: pod, id: id) {
            log.lost(c["securityContext"] ?? c, "\(where_).securityContext",
                     "an init container or sidecar runs with the service's security settings",
                     "check that the service's `security` suits it")
        }
        return m.node
    }

    /// `name:tag@sha256:...` as `name@sha256:...`: the digest is what is pulled, and the compose
    /// specification takes a tag or a digest, not both.
    static func image(_ reference: String) -> String {
        guard let at = reference.firstIndex(of: "@") else { return reference }
        let name = reference[..<at]
        let lastPart = name.split(separator: "/").last ?? name[...]
        guard let colon = lastPart.lastIndex(of: ":") else { return reference }
        return String(name[..<colon]) + String(reference[at...])
    }
}
