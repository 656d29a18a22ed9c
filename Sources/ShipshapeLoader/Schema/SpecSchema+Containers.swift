/// Init containers and sidecars: their fields are the service's own (`command`, `env`,
/// `secrets`, `resources`...), taken from `serviceOwnFields` so each is written once.
extension SpecSchema {
    public static let service = serviceOwnFields.inserting(containerFields, after: "volumes")

    static let containerFields: [SchemaField] = [
        .init("initContainers", .namedList(key: "name", container),
              "Containers run to completion, one after the other, before the service starts (a migration, a "
                  + "schema check); each must exit 0. Kubernetes `initContainers`; compose a service "
                  + "`<service>-<name>` (`restart: \"no\"`) the service waits for (`service_completed_successfully`);"
                  + " systemd a oneshot unit `<unit>-<name>` the service requires and starts after. podman-compose 1.6 "
                  + "starts a one-shot dependency again with each dependent and fails on chains of them "
                  + "(containers/podman-compose#683); Docker Compose runs each once. Merged by `name`."),
        .init("sidecars", .namedList(key: "name", container),
              "Containers run beside the service for its whole life (a log shipper, a metrics exporter, a "
                  + "database proxy), started before the init containers and stopped after the service. "
                  + "Kubernetes native sidecars (`initContainers` with `restartPolicy: Always`, Kubernetes 1.29+), "
                  + "sharing the pod's network; compose a service `<service>-<name>` in the service's network "
                  + "namespace (`network_mode: service:<service>`; one replica only); systemd a unit `<unit>-<name>` "
                  + "bound to the service's (`BindsTo=`, `Before=`). Merged by `name`."),
    ]

    static let volumeMount = SchemaObject(
        "VolumeMount", doc: "A volume of the service mounted into one of its other containers. Merged by `name`.", [
        .init("name", string, required: true, "Name of a volume of the service."),
        .init("path", string, "Mount path in this container (default: where the service mounts it)."),
        .init("readOnly", bool, "Mount read-only (default: as the service mounts it)."),
    ])

    static let container = SchemaObject(
        "Container",
        doc: "An init container or sidecar of the service. It runs with the service's `security` (user, read-only "
            + "root, capabilities, privilege escalation) and `pullPolicy`; it gets none of the service's `env`, "
            + "`secrets` or volumes unless it lists them. On systemd it runs `command` + `args` on the host (no image)."
            + " Scratch volumes it shares are named volumes on compose (a tmpfs cannot be shared), so their contents "
            + "outlive a restart there.", [
        .init("name", string, required: true,
              "Container name (DNS label, not the service's container name): the Kubernetes container, and the "
                  + "suffix of the compose service and systemd unit (`<service>-<name>`)."),
        .init("image", string, "Container image with tag; default the service's image (a migration step usually "
                  + "runs the application's own image)."),
    ] + serviceOwnFields.fields.filter { ["command", "args", "workingDir", "env", "secrets"].contains($0.name) } + [
        .init("volumes", .namedList(key: "name", volumeMount),
              "Volumes of the service it mounts too, by name (`{name: data}`), at the service's path unless `path` "
                  + "is given."),
    ] + serviceOwnFields.fields.filter { $0.name == "resources" })
}

extension SchemaObject {
    /// The same object with `extra` after the field `name` (at the end when there is none).
    func inserting(_ extra: [SchemaField], after name: String) -> SchemaObject {
        var fields = fields
        fields.insert(contentsOf: extra, at: fields.firstIndex { $0.name == name }.map { $0 + 1 } ?? fields.count)
        return SchemaObject(title, doc: doc, exclusive: exclusive, fields)
    }
}
