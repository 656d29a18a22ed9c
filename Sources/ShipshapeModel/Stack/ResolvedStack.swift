import OrderedCollections

/// A stack for one environment with every layer applied, every variable substituted and every
/// reference checked: what renderers and policy rules read. Nothing a renderer needs is optional.
public struct ResolvedStack: Sendable {
    public var name: String
    public var description: String?
    public var environment: String
    public var targets: [Target]
    public var values: OrderedDictionary<String, String>
    /// In declaration order.
    public var services: [Service]
    /// Position of each service by name (services are never renamed or reordered once resolved).
    private var positions: [String: Int] = [:]
    public var proxy: Proxy?
    public var secrets: [Secret]
    public var networks: [Network]
    public var kubernetes: KubernetesOptions
    public var nginx: NginxOptions
    public var policy: PolicySettings
    /// Stack-wide exemptions from policy rules.
    public var ignore: [Ignore]
    /// Patterns (`target:object:path`, `*` wildcards) of differences between environments that
    /// overlays are meant to make.
    public var expectedDifferences: [String] = []
    /// The merged spec tree this stack was decoded from: every value with its origin, for
    /// locating findings and for `resolve --explain`.
    public var source: SpecNode

    public init(
        name: String, description: String?, environment: String, targets: [Target],
        values: OrderedDictionary<String, String>, services: [Service], proxy: Proxy?, secrets: [Secret],
        networks: [Network], kubernetes: KubernetesOptions, nginx: NginxOptions, policy: PolicySettings,
        ignore: [Ignore], source: SpecNode
    ) {
        self.name = name
        self.description = description
        self.environment = environment
        self.targets = targets
        self.values = values
        self.services = services
        self.positions = Dictionary(services.enumerated().map { ($1.name, $0) },
                                    uniquingKeysWith: { first, _ in first })
        self.proxy = proxy
        self.secrets = secrets
        self.networks = networks
        self.kubernetes = kubernetes
        self.nginx = nginx
        self.policy = policy
        self.ignore = ignore
        self.source = source
    }

    public func service(named name: String) -> Service? {
        if let index = positions[name], index < services.count, services[index].name == name { return services[index] }
        return services.first { $0.name == name }
    }

    public func secret(named name: String) -> Secret? {
        secrets.first { $0.name == name }
    }

    /// Where the value at a spec path was written (the nearest existing parent for absent values),
    /// e.g. `location(of: "services", "api", "replicas")`.
    public func location(of path: String...) -> SourceLocation {
        source.location(at: path)
    }
}

/// Kubernetes-wide settings of a stack.
public struct KubernetesOptions: Hashable, Sendable {
    /// Namespace for every object; default `<stack>-<environment>`.
    public var namespace: String
    /// `spec.ingressClassName` of the Ingress.
    public var ingressClass: String
    /// cert-manager ClusterIssuer that issues the Ingress certificate, if any.
    public var clusterIssuer: String?
    /// Spread replicated workloads across nodes (topologySpreadConstraints).
    public var topologySpread: Bool
    /// Render NetworkPolicies: deny ingress by default, allow dependents, `allowFrom` and the
    /// ingress controller. Off where the cluster's own policies govern the namespace.
    public var networkPolicies: Bool

    public init(namespace: String, ingressClass: String, clusterIssuer: String?, topologySpread: Bool,
                networkPolicies: Bool = true) {
        self.namespace = namespace
        self.ingressClass = ingressClass
        self.clusterIssuer = clusterIssuer
        self.topologySpread = topologySpread
        self.networkPolicies = networkPolicies
    }
}

/// nginx-wide settings of a stack.
public struct NginxOptions: Hashable, Sendable {
    /// The nginx version the config must run on, e.g. `1.22` (selects `listen 443 ssl http2`
    /// before 1.25.1 and `http2 on;` after).
    public var version: String

    public init(version: String) {
        self.version = version
    }
}

/// A compose network tier.
public struct Network: Hashable, Sendable {
    public var name: String
    /// No route to the outside: only the services on it can reach each other.
    public var isInternal: Bool

    public init(name: String, isInternal: Bool) {
        self.name = name
        self.isInternal = isInternal
    }
}
