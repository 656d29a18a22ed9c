/// A resource limit of the service's processes (`setrlimit`), by the name compose and Docker
/// use: `nofile`, `nproc`, `core`, ... The soft limit is what a process gets; it may raise it
/// up to the hard limit.
public struct Ulimit: Sendable, Hashable {
    /// The names compose and Docker accept (github.com/docker/go-units, ulimit.go).
    public static let names = [
        "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss",
        "rtprio", "rttime", "sigpending", "stack",
    ]

    public var name: String
    public var soft: Int
    public var hard: Int

    public init(name: String, soft: Int, hard: Int) {
        self.name = name
        self.soft = soft
        self.hard = hard
    }

    /// The systemd directive that sets it: `LimitNOFILE=`, `LimitNPROC=`, ...
    public var systemdDirective: String { "Limit" + name.uppercased() }
}

/// When the container runtime pulls the service's image.
public enum PullPolicy: String, Sendable, Hashable, CaseIterable {
    case always
    case ifNotPresent
    case never

    /// Kubernetes `imagePullPolicy`.
    public var kubernetes: String {
        switch self {
        case .always: "Always"
        case .ifNotPresent: "IfNotPresent"
        case .never: "Never"
        }
    }

    /// Compose `pull_policy`.
    public var compose: String {
        switch self {
        case .always: "always"
        case .ifNotPresent: "missing"
        case .never: "never"
        }
    }
}
