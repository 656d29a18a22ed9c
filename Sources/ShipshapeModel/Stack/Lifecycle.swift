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

    /// `-1`, as compose and Docker write it: no limit.
    public static let unlimited = -1

    /// The systemd directive that sets it: `LimitNOFILE=`, `LimitNPROC=`, ...
    public var systemdDirective: String { "Limit" + name.uppercased() }

    /// The directive's value: `65536`, `1024:65536`, `infinity`.
    public var systemdValue: String {
        func text(_ value: Int) -> String { value == Self.unlimited ? "infinity" : "\(value)" }
        return soft == hard ? text(soft) : "\(text(soft)):\(text(hard))"
    }

    /// Whether the soft limit is at most the hard one (`-1`, no limit, is above every number).
    public var isOrdered: Bool {
        hard == Self.unlimited || (soft != Self.unlimited && soft <= hard)
    }
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
