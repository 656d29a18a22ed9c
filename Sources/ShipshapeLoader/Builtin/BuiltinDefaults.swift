import ShipshapeModel

/// The lowest layer: the one place a default is written. Each key is a type of the schema
/// (docs/SPEC.md); every object of that type, in any layer and any list, gets these values
/// where no layer gives one, after the layers are merged (`DefaultsFill`), so a value an
/// overlay removes with `null` comes back from here. Written as YAML so `resolve --explain`
/// points at the exact line of a default like any other value; decoders read a default from
/// here when a given value was bad (`Fields.defaulted`), never from a literal of their own.
enum BuiltinDefaults {
    static let file = "<built-in>/defaults.yaml"

    static let yaml = """
    Stack:
      targets: [kubernetes]
      kubernetes: {}
      nginx: {}
    Kubernetes:
      namespace: ${stack}-${environment}
      ingressClass: nginx
      topologySpread: false
      networkPolicies: true
    Nginx:
      version: "1.22"
    Service:
      replicas: 1
      serviceType: ClusterIP
      secretFileSuffix: _FILE
      security: {}
    Security:
      runAsNonRoot: false
      readOnlyRootFilesystem: false
      allowPrivilegeEscalation: false
      privileged: false
      hostNetwork: false
      hostPID: false
      hostIPC: false
    SecretReference:
      as: file
    Port:
      protocol: tcp
    Dependency:
      condition: healthy
    # UTC unless given: a CronJob without timeZone runs in the controller's zone, and a timer
    # without one in the host's.
    Schedule:
      timezone: UTC
      concurrency: forbid
    Proxy:
      placement: compose
      gzip: true
      serverTokens: false
      headers: {}
    Headers:
      hstsIncludeSubdomains: true
      nosniff: false
      xssProtection: false
    TLS:
      redirectHTTP: true
      stapling: false
      protocols: [TLSv1.2, TLSv1.3]
    RateLimit:
      burst: 0
    Route:
      websocket: false
      accessLog: true
    ExternalStore:
      storeKind: ClusterSecretStore
      refresh: 1h
    Network:
      internal: false

    """

    /// The parsed defaults, by type. The file is part of the binary and covered by tests
    /// (`BuiltinDefaultsTests`: every type and key is in the schema, every value decodes).
    static let types: SpecNode = {
        (try? YAMLReader.parse(yaml, file: file, layer: .builtin))
            ?? SpecNode(.mapping([:]), origin: Origin(.start(of: file), .builtin))
    }()

    /// The defaults of one type (an empty mapping for a type without any).
    static func node(for type: String) -> SpecNode {
        types[type] ?? SpecNode(.mapping([:]), origin: Origin(.start(of: file), .builtin))
    }

    /// The defaults of the schema object `Key.Proxy.self` names.
    static func node(for type: (some SpecObjectKeys).Type) -> SpecNode {
        node(for: type.schemaTitle)
    }
}
