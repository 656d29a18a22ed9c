import OrderedCollections

/// What the systemd target needs beyond the common fields.
///
/// The settings live in one copy-on-write box: a service's are read by the systemd renderer and
/// several rules in every environment, and a copy is then one retain instead of one per string,
/// list and map. They read and write as `systemd.user`, through `Settings` (dynamic member lookup).
public struct SystemdOptions: Sendable, CopyOnWriteFields {
    /// The sandboxing directives of systemd.exec(5) that `hardening` may set: each only takes
    /// away. Settings that grant (`AmbientCapabilities=`, `User=`, `ExecStartPre=+...`) are not
    /// among them.
    public static let sandboxingDirectives: [String] = [
        "NoNewPrivileges", "PrivateTmp", "PrivateDevices", "PrivateNetwork", "PrivateUsers", "PrivateMounts",
        "PrivateIPC", "ProtectSystem", "ProtectHome", "ProtectKernelTunables", "ProtectKernelModules",
        "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock", "ProtectHostname", "ProtectProc", "ProcSubset",
        "RestrictSUIDSGID", "RestrictNamespaces", "RestrictRealtime", "RestrictAddressFamilies", "RestrictFileSystems",
        "RestrictNetworkInterfaces", "LockPersonality", "MemoryDenyWriteExecute", "SystemCallArchitectures",
        "SystemCallFilter", "SystemCallErrorNumber", "CapabilityBoundingSet", "RemoveIPC", "DynamicUser",
        "KeyringMode", "DevicePolicy", "IPAddressDeny", "IPAddressAllow", "UMask", "ReadOnlyPaths",
        "InaccessiblePaths", "NoExecPaths", "TemporaryFileSystem",
    ]

    public struct Settings: Sendable, Hashable {
        /// Unit name without suffix; default `<stack>-<service>`.
        public var unit: String?
        /// When set, the service is provided by the host (installed from packages) under this unit
        /// name, e.g. `postgresql.service`: the stack does not render it, dependents order after it.
        public var hostUnit: String?
        public var user: String?
        public var group: String?
        public var workingDirectory: String?
        /// `simple`, `exec`, `notify`, `forking` or `oneshot`.
        public var type: String?
        /// Absolute path of the program on the host; replaces the first word of the command.
        public var execPath: String?
        /// The command on the host when it differs from the container's (e.g. listening on
        /// 127.0.0.1 behind nginx instead of 0.0.0.0 in a pod).
        public var command: [String]?
        public var readWritePaths: [String]
        /// Files with environment variables (secrets among them) read by systemd.
        public var environmentFiles: [String]
        /// Hardening settings that replace the profile's for this service, e.g.
        /// `MemoryDenyWriteExecute: "no"` for a JIT. Keys are systemd directive names.
        public var hardening: OrderedDictionary<String, String>
        public var documentation: [String]
        /// Directives the spec does not model, by section then name; a list repeats the directive.
        public var directives: OrderedDictionary<String, OrderedDictionary<String, [String]>>
    }

    public var fields: CopyOnWrite<Settings>

    /// No settings: one box shared by every service without any until one is set.
    public init() { fields = Self.none }

    private static let none = CopyOnWrite(Settings(
        unit: nil, hostUnit: nil, user: nil, group: nil, workingDirectory: nil, type: nil, execPath: nil, command: nil,
        readWritePaths: [], environmentFiles: [], hardening: [:], documentation: [], directives: [:]))

    public init(
        unit: String? = nil, hostUnit: String? = nil, user: String? = nil, group: String? = nil,
        workingDirectory: String? = nil, type: String? = nil, execPath: String? = nil, command: [String]? = nil,
        readWritePaths: [String] = [], environmentFiles: [String] = [],
        hardening: OrderedDictionary<String, String> = [:], documentation: [String] = [],
        directives: OrderedDictionary<String, OrderedDictionary<String, [String]>> = [:]
    ) {
        fields = CopyOnWrite(Settings(
            unit: unit, hostUnit: hostUnit, user: user, group: group, workingDirectory: workingDirectory, type: type,
            execPath: execPath, command: command, readWritePaths: readWritePaths, environmentFiles: environmentFiles,
            hardening: hardening, documentation: documentation, directives: directives))
    }
}
