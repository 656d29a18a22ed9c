import OrderedCollections

/// A container of a service beside its main one: an init container (runs to completion, in
/// order, before the main container starts) or a sidecar (runs beside it for its whole life).
/// It takes the service's security settings as they are (user, read-only root, capabilities,
/// privilege escalation): a container of a service is confined like the service.
public struct Container: Sendable, Hashable {
    /// Which list of the service a container is in; the raw value is the spec key.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case initContainer = "initContainers"
        case sidecar = "sidecars"

        /// `init container`, `sidecar`.
        public var noun: String { self == .initContainer ? "init container" : "sidecar" }
    }

    /// A DNS label: the Kubernetes container name, and the suffix of its compose service and
    /// systemd unit (`<service>-<name>`).
    public var name: String
    /// nil: the service's image (a migration step usually runs the application's own image).
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    /// Its own variables: nothing of the service's environment or secrets is passed on.
    public var env: OrderedDictionary<String, String>
    public var secrets: [SecretRef]
    /// Volumes of the service it mounts too.
    public var volumes: [VolumeMount]
    public var resources: Resources

    public init(name: String, image: String? = nil, command: [String]? = nil, args: [String]? = nil,
                workingDir: String? = nil, env: OrderedDictionary<String, String> = [:], secrets: [SecretRef] = [],
                volumes: [VolumeMount] = [], resources: Resources = Resources()) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.env = env
        self.secrets = secrets
        self.volumes = volumes
        self.resources = resources
    }
}

/// A volume of the service mounted into one of its other containers.
public struct VolumeMount: Sendable, Hashable {
    /// The name of a volume of the service.
    public var name: String
    /// nil: where the service mounts it.
    public var path: String?
    /// nil: as the service mounts it.
    public var readOnly: Bool?

    public init(name: String, path: String? = nil, readOnly: Bool? = nil) {
        self.name = name
        self.path = path
        self.readOnly = readOnly
    }
}

extension Service {
    /// Its init containers and sidecars, sidecars first: that is the order of a pod's
    /// `initContainers`, so a sidecar (a database proxy) runs before the init containers (a
    /// migration) that may need it.
    public var companions: [(role: Container.Role, container: Container)] {
        self.sidecars.map { (Container.Role.sidecar, $0) }
            + self.initContainers.map { (Container.Role.initContainer, $0) }
    }

    /// The spec path of a container of the service: `services.<name>.<role>.<container>`.
    public func specPath(_ role: Container.Role, _ container: Container) -> [String] {
        [Key.Stack.services, self.name, role.rawValue, container.name]
    }

    /// A container of the service as a service of its own, named `<service>-<container>`, for
    /// the targets that run it as one (a compose service, a systemd unit) and for rules: its
    /// self.image, command, environment, secrets, resources and the volumes it mounts; the service's
    /// self.security, self.networks, self.labels and pull policy. Init containers are not restarted; sidecars
    /// restart like the service.
    public func companion(_ container: Container, role: Container.Role) -> Service {
        var systemd = SystemdOptions(
            unit: "\(self.systemd.unit ?? self.name)-\(container.name)", user: self.systemd.user,
            group: self.systemd.group, workingDirectory: self.systemd.workingDirectory,
            type: role == .initContainer ? "oneshot" : nil,
            readWritePaths: self.systemd.readWritePaths, hardening: self.systemd.hardening)
        if self.systemd.unit == nil { systemd.unit = nil }
        let volumes = container.volumes.compactMap { mount -> Volume? in
            guard var volume = self.volumes.first(where: { $0.name == mount.name }) else { return nil }
            volume.path = mount.path ?? volume.path
            volume.readOnly = mount.readOnly ?? volume.readOnly
            return volume
        }
        // An init container waits for what the service waits for (a migration needs the database).
        return Service(
            name: "\(self.name)-\(container.name)", description: "\(container.name) (\(role.noun) of \(self.name))",
            image: container.image ?? self.image, command: container.command, args: container.args,
            workingDir: container.workingDir, env: container.env, secrets: container.secrets,
            secretFileSuffix: self.secretFileSuffix, dependsOn: role == .initContainer ? self.dependsOn : [],
            resources: container.resources, volumes: volumes,
            security: self.security, restart: role == .initContainer ? .never : self.restart,
            pullPolicy: self.pullPolicy, labels: self.labels, networks: self.networks, hosts: self.hosts,
            systemd: systemd, container: container.name)
    }
}
