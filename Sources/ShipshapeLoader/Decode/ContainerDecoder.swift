import ShipshapeModel

/// Reads a service's `initContainers` and `sidecars`, with the same readers as the service's own
/// `command`, `env`, `secrets` and `resources`, and checks what needs the service: names unique
/// in the pod, volumes the service has.
extension ServiceDecoder {
    func decodeContainers(_ f: Fields, into service: inout Service) {
        service.initContainers = f.items(Container.Role.initContainer.rawValue).compactMap {
            container($0, .initContainer, of: service)
        }
        service.sidecars = f.items(Container.Role.sidecar.rawValue).compactMap { container($0, .sidecar, of: service) }
        var seen: [String: Container.Role] = [:]
        for (role, container) in service.companions {
            let node = f[role.rawValue]?.sequence?.first { $0[Key.Container.name]?.scalar == container.name }
            let location = node?[Key.Container.name]?.location ?? f.location
            if container.name == service.containerName {
                diagnostics.error("\(role.noun) '\(container.name)' has the name of the service's own container",
                                  at: location, expected: "a name of its own in the pod")
            } else if let other = seen[container.name], other != role {
                diagnostics.error("'\(container.name)' is both a sidecar and an init container of service "
                                      + "'\(service.name)'", at: location, expected: "a name of its own in the pod")
            }
            seen[container.name] = role
        }
    }

    private func container(_ node: SpecNode, _ role: Container.Role, of service: Service) -> Container? {
        let f = Fields(node, diagnostics)
        let what = "\(role.noun) of service '\(service.name)'"
        guard let name = f.required(Key.Container.name, what, {
            f.value($0, Names.dnsLabelForm) { Names.isDNSLabel($0) ? $0 : nil }
        }) else { return nil }
        let container = Container(
            name: name, image: f.string(Key.Container.image), command: f.strings(Key.Container.command),
            args: f.strings(Key.Container.args),
            workingDir: f.value(Key.Container.workingDir, Names.mountPathForm) { Names.isMountPath($0) ? $0 : nil },
            env: env(f), secrets: secretRefs(f),
            volumes: f.items(Key.Container.volumes).compactMap { mount($0, of: service, in: "\(role.noun) '\(name)'") },
            resources: resources(f.object(Key.Container.resources)))
        if container.secrets.contains(where: { $0.delivery == .file }) {
            // Kubernetes mounts them from the volume `secrets-<name>`.
            let volume = "\(SecretRef.volumeName)-\(name)"
            if volume.count > 63 || service.volumes.contains(where: { $0.name == volume }) {
                diagnostics.error("\(role.noun) '\(name)' reads secrets from files, from the volume '\(volume)', "
                                      + "which is too long or the name of a volume of the service",
                                  at: f[Key.Container.name]?.location ?? f.location,
                                  expected: "a shorter name, or another name for the service's volume")
            }
            for (index, mount) in container.volumes.enumerated() {
                let path = mount.path ?? service.volumes.first { $0.name == mount.name }?.path ?? ""
                guard path == SecretRef.folder || path.hasPrefix(SecretRef.folder + "/") else { continue }
                let item = f[Key.Container.volumes]?.sequence.flatMap { index < $0.count ? $0[index] : nil }
                diagnostics.error("volume '\(mount.name)' is mounted at \(path), where the secrets of "
                                      + "\(role.noun) '\(name)' are",
                                  at: item?[Key.VolumeMount.path]?.location ?? item?.location ?? f.location,
                                  expected: "a mount path outside \(SecretRef.folder)")
            }
        }
        return container
    }

    /// `{name, path, readOnly}`: a volume the service declares.
    private func mount(_ node: SpecNode, of service: Service, in what: String) -> VolumeMount? {
        let f = Fields(node, diagnostics)
        guard let name = f.required(Key.VolumeMount.name, "volume of \(what)", f.string) else { return nil }
        let known = service.volumes.map(\.name)
        guard known.contains(name) else {
            diagnostics.error("service '\(service.name)' has no volume '\(Fields.shorten(name))' to share with "
                                  + what, at: f[Key.VolumeMount.name]?.location ?? f.location,
                              expected: known.isEmpty ? "a volume declared under the service's 'volumes'"
                                  : Suggestions.oneOf(known),
                              hint: Suggestions.hint(for: name, in: known))
            return nil
        }
        let path = f.value(Key.VolumeMount.path, Names.mountPathForm) { Names.isMountPath($0) ? $0 : nil }
        return VolumeMount(name: name, path: path, readOnly: f.bool(Key.VolumeMount.readOnly))
    }
}
