/// The lowest layer: defaults every stack gets. Written as YAML so `resolve --explain` can point
/// at the exact line of a default like any other value.
enum BuiltinDefaults {
    static let file = "<built-in>/defaults.yaml"

    static let yaml = """
    # Stack-wide defaults.
    stack:
      targets: [kubernetes]
      kubernetes:
        namespace: ${stack}-${environment}
        ingressClass: nginx
        topologySpread: false
      nginx:
        version: "1.22"
    # Every service starts from these, below its blueprint.
    service:
      replicas: 1
      security:
        allowPrivilegeEscalation: false
        privileged: false
        hostNetwork: false
        hostPID: false
        hostIPC: false
    # The proxy, when a stack has one.
    proxy:
      gzip: true
      headers:
        hstsIncludeSubdomains: true

    """
}
