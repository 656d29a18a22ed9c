/// Building blocks for rule examples: a stack with one service `api` that passes every
/// workload rule unless a field is replaced.
public enum ExampleStack {
    /// The good service's fields, one per line, indented for `services.api`.
    public static let goodFields: [String: String] = [
        "image": "image: demo/api:1.4.2",
        "ports": "ports: [{name: http, port: 8080}]",
        "replicas": "replicas: 2",
        "resources": "resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}",
        "probes": "probes: {liveness: {http: /live}, readiness: {http: /ready}}",
    ]

    static let order = ["image", "ports", "replicas", "resources", "probes"]

    /// `stack: demo` with service `api`: the good fields, some replaced (`nil` drops one), plus
    /// extra lines for the service and for the stack.
    public static func api(_ replace: [String: String?] = [:], extra: String = "", stack: String = "",
                           targets: String = "[kubernetes]") -> String {
        var lines = ["stack: demo", "targets: \(targets)", "services:", "  api:"]
        for key in order {
            let line = replace.keys.contains(key) ? replace[key]! : goodFields[key]
            if let line { lines.append("    " + line) }
        }
        if !extra.isEmpty {
            lines += extra.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        if !stack.isEmpty { lines += stack.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `api` behind a proxy with TLS, good headers, a body limit and a rate limit; `proxy`
    /// lines replace the defaults by key (nil drops one), `routes` replaces the route list.
    public static func proxied(_ proxy: [String: String?] = [:], routes: String = "    - {path: /, service: api}",
                               targets: String = "[kubernetes, nginx]") -> String {
        let defaults: [(String, String)] = [
            ("hosts", "  hosts: [demo.example.com]"),
            ("tls", "  tls: {certificate: /etc/ssl/demo.pem, key: /etc/ssl/demo.key}"),
            ("headers", "  headers: {hsts: 365d, nosniff: true, frameOptions: DENY}"),
            ("bodySize", "  bodySize: 10m"),
            ("rateLimit", "  rateLimit: {requests: 100, per: minute, burst: 20}"),
        ]
        var lines = ["proxy:"]
        for (key, line) in defaults {
            let value = proxy.keys.contains(key) ? proxy[key]! : line
            if let value { lines.append(value) }
        }
        for (key, line) in proxy where !defaults.contains(where: { $0.0 == key }) { if let line { lines.append(line) } }
        lines += ["  routes:", routes]
        return api(stack: lines.joined(separator: "\n"), targets: targets)
    }
}
