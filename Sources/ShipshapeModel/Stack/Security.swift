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
