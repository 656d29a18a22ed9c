/// How a service's process is confined.
public struct Security: Sendable, Hashable {
    /// User (name or numeric id) to run as.
    public var user: String?
    public var group: String?
    public var runAsNonRoot: Bool
    public var readOnlyRootFilesystem: Bool
    public var allowPrivilegeEscalation: Bool
    public var privileged: Bool
    public var capabilities: Capabilities
    /// Host namespaces: all false unless a service truly needs the host's network, PID or IPC.
    public var hostNetwork: Bool
    public var hostPID: Bool
    public var hostIPC: Bool

    public init(
        user: String? = nil, group: String? = nil, runAsNonRoot: Bool = false, readOnlyRootFilesystem: Bool = false,
        allowPrivilegeEscalation: Bool = false, privileged: Bool = false, capabilities: Capabilities = Capabilities(),
        hostNetwork: Bool = false, hostPID: Bool = false, hostIPC: Bool = false
    ) {
        self.user = user
        self.group = group
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.privileged = privileged
        self.capabilities = capabilities
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
    }
}

/// Linux capabilities removed from and added to the default set (`ALL`, `NET_BIND_SERVICE`).
public struct Capabilities: Sendable, Hashable {
    public var drop: [String]
    public var add: [String]

    public init(drop: [String] = [], add: [String] = []) {
        self.drop = drop
        self.add = add
    }
}

extension Capabilities {
    /// The Linux capabilities (capabilities(7)), without the `CAP_` prefix.
    public static let linux: Set<String> = [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ]

    /// Capabilities that amount to root on the host, or to leaving the container.
    public static let dangerous: Set<String> = [
        "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_BOOT", "NET_ADMIN", "DAC_READ_SEARCH",
        "MAC_ADMIN", "MAC_OVERRIDE", "BPF", "PERFMON", "SYS_TIME", "LINUX_IMMUTABLE", "SETFCAP",
    ]

    /// A name as written, without `CAP_` (Docker and Kubernetes accept both).
    public static func bare(_ name: String) -> String {
        name.hasPrefix("CAP_") ? String(name.dropFirst(4)) : name
    }
}
