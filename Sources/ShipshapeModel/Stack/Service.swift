import OrderedCollections

/// One service of a stack: a long-running process, or a scheduled job when it has a `schedule`.
///
/// Its properties live in one copy-on-write box: a service is copied wherever it is passed,
/// stored or iterated (every renderer and rule walks every service), and a copy is then one
/// retain instead of one per field. They read and write as `service.image`, through
/// `Properties` (dynamic member lookup).
public struct Service: Sendable, CopyOnWriteFields {
    public struct Properties: Sendable, Hashable {
        public var name: String
        /// The blueprint it was built from (`from:`), if any.
        public var blueprint: String?
        public var description: String?
        public var image: String
        /// Version of the software, used by blueprints in image tags (`${service.version}`).
        public var version: String?
        /// Replaces the image's entrypoint when given.
        public var command: [String]?
        /// Arguments to the command / entrypoint.
        public var args: [String]?
        public var workingDir: String?
        public var ports: [ServicePort]
        /// How the Kubernetes Service is reached: `ClusterIP`, `NodePort` or `LoadBalancer`.
        public var serviceType: ServiceType
        /// The Kubernetes container's name (`kubectl logs -c NAME`); nil names it after the service.
        public var container: String?
        /// Plain (non-secret) environment variables, in declaration order.
        public var env: OrderedDictionary<String, String>
        /// Environment variables whose values come from secrets.
        public var secrets: [SecretRef]
        /// Where a target mounts secrets as files (compose), the variable naming the file is the
        /// secret's variable plus this suffix: `DATABASE_URL_FILE`. Grafana reads `__FILE`.
        public var secretFileSuffix: String
        public var dependsOn: [Dependency]
        /// Who else may call it (Kubernetes network policy); dependents always may.
        public var allowFrom: [AllowedCaller]
        public var replicas: Int
        public var resources: Resources
        public var probes: Probes
        public var autoscale: Autoscale?
        public var rollout: Rollout?
        public var volumes: [Volume]
        /// Set for scheduled jobs (CronJob, systemd timer).
        public var schedule: Schedule?
        public var security: Security
        public var restart: RestartPolicy
        /// How long a stop waits after SIGTERM before it kills; nil: each target's own.
        public var stopGracePeriod: Duration?
        /// The wait before a restart (systemd only; compose and Kubernetes back off on their own).
        public var restartDelay: Duration?
        /// Resource limits of its processes, in declaration order.
        public var ulimits: [Ulimit]
        /// When the image is pulled; nil: each target's own.
        public var pullPolicy: PullPolicy?
        public var labels: OrderedDictionary<String, String>
        public var annotations: OrderedDictionary<String, String>
        /// Compose network tiers the service joins; empty means the renderer decides.
        public var networks: [String]
        /// Addresses where the service runs outside a cluster (VM environments), e.g. `127.0.0.1`.
        public var hosts: [String]
        /// More names other services reach it by: compose network aliases (`plausible_db`), and in
        /// Kubernetes a Service of each name.
        public var aliases: [String] = []

        public var systemd: SystemdOptions
        public var compose: ComposeOptions
        /// Patches merged into the service's Kubernetes objects, by kind (`Deployment`, `Service`...).
        public var kubernetesPatches: OrderedDictionary<String, Patch>
        /// Exemptions from policy rules, each with a reason.
        public var ignore: [Ignore]
        /// Fields the environment profile's defaults do not set on this service, each with a reason.
        public var optOuts: [OptOut] = []
        /// Containers run to completion, in order, before the main one starts (see `Container`).
        public var initContainers: [Container] = []
        /// Containers run beside the main one for its whole life (see `Container`).
        public var sidecars: [Container] = []
    }

    public var fields: CopyOnWrite<Properties>

    public init(
        name: String, blueprint: String? = nil, description: String? = nil, image: String,
        version: String? = nil, command: [String]? = nil, args: [String]? = nil, workingDir: String? = nil,
        ports: [ServicePort] = [], env: OrderedDictionary<String, String> = [:], secrets: [SecretRef] = [],
        secretFileSuffix: String = "_FILE",
        dependsOn: [Dependency] = [], allowFrom: [AllowedCaller] = [], replicas: Int = 1,
        resources: Resources = Resources(),
        probes: Probes = Probes(), autoscale: Autoscale? = nil, rollout: Rollout? = nil, volumes: [Volume] = [],
        schedule: Schedule? = nil, security: Security = Security(), restart: RestartPolicy = .always,
        stopGracePeriod: Duration? = nil, restartDelay: Duration? = nil, ulimits: [Ulimit] = [],
        pullPolicy: PullPolicy? = nil,
        labels: OrderedDictionary<String, String> = [:], annotations: OrderedDictionary<String, String> = [:],
        networks: [String] = [], hosts: [String] = [], systemd: SystemdOptions = SystemdOptions(),
        compose: ComposeOptions = ComposeOptions(),
        kubernetesPatches: OrderedDictionary<String, Patch> = [:], ignore: [Ignore] = [],
        serviceType: ServiceType = .clusterIP, container: String? = nil
    ) {
        fields = CopyOnWrite(Properties(name: name, blueprint: blueprint, description: description, image: image,
            version: version, command: command, args: args, workingDir: workingDir, ports: ports,
            serviceType: serviceType, container: container, env: env, secrets: secrets,
            secretFileSuffix: secretFileSuffix, dependsOn: dependsOn, allowFrom: allowFrom, replicas: replicas,
            resources: resources, probes: probes, autoscale: autoscale, rollout: rollout, volumes: volumes,
            schedule: schedule, security: security, restart: restart, stopGracePeriod: stopGracePeriod,
            restartDelay: restartDelay, ulimits: ulimits, pullPolicy: pullPolicy, labels: labels,
            annotations: annotations, networks: networks, hosts: hosts, systemd: systemd, compose: compose,
            kubernetesPatches: kubernetesPatches, ignore: ignore))
    }

    /// The service's name in a compose file: `compose.name`, else its own.
    public var composeName: String { self.compose.name ?? self.name }

    /// The probe compose's health check comes from: `probes.health`, unless that is a gRPC check
    /// and `compose.healthcheck` names no command. Compose has no gRPC check and images rarely
    /// carry `grpc_health_probe`, so compose then renders no health check (dependents wait for
    /// the container to start) rather than one that calls a program the image may lack; the
    /// `compose-healthcheck-tool` rule reports it.
    public var composeHealth: Probe? {
        guard let probe = self.probes.health else { return nil }
        if case .grpc = probe.check, self.compose.healthcheck == nil { return nil }
        return probe
    }

    /// The name of its Kubernetes container: `container`, else the service's name.
    public var containerName: String { self.container ?? self.name }

    /// A scheduled job rather than a long-running service.
    public var isJob: Bool { self.schedule != nil }

    public func port(named reference: PortReference) -> ServicePort? {
        switch reference {
        case let .name(name): self.ports.first { $0.name == name }
        case let .number(number):
            self.ports.first { $0.port == number } ?? self.ports.first { $0.servicePort == number }
        }
    }
}

/// When a process is restarted after it exits.
public enum RestartPolicy: String, Sendable, Hashable, CaseIterable {
    case always
    case onFailure = "on-failure"
    case unlessStopped = "unless-stopped"
    case never = "no"
}
