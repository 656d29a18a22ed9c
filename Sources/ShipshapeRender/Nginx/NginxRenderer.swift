import ShipshapeModel

/// Renders the `nginx` target from the stack's proxy: `<stack>.conf`, a site file for
/// `conf.d/` or `sites-available/` (http context: upstreams, rate-limit zones, servers), and
/// `nginx.conf`, a complete main configuration that includes it from the same folder.
public struct NginxRenderer: TargetRenderer {
    public let target = Target.nginx

    public init() {}

    public func artifacts(_ stack: ResolvedStack, context: RenderContext,
                          diagnostics: DiagnosticCollector) -> [Artifact] {
        let site = site(stack, owner: .nginx, diagnostics: diagnostics)
        guard !site.isEmpty else { return [] }
        let id = ArtifactID(environment: stack.environment, target: .nginx, kind: ArtifactID.nginxMain, name: "nginx")
        return site + [Artifact(id: id, body: .nginx(Self.main(include: "\(stack.name).conf", stack: stack)))]
    }

    /// The site of the stack's proxy (none without a proxy), as part of `owner`'s output.
    public func site(_ stack: ResolvedStack, owner: Target, diagnostics: DiagnosticCollector) -> [Artifact] {
        guard let proxy = stack.proxy else { return [] }
        let id = ArtifactID(environment: stack.environment, target: owner, kind: ArtifactID.nginxSite, name: stack.name)
        return [Artifact(id: id, body: .nginx(NginxSite(stack: stack, proxy: proxy).nodes))]
    }

    static func main(include site: String, stack: ResolvedStack) -> [NginxNode] {
        [
            .comment("Rendered by shipshape for \(stack.name) (\(stack.environment)). "
                     + "Do not edit: change the stack and render again."),
            .d("worker_processes", "auto"),
            .d("worker_rlimit_nofile", "4096"),
            .d("pid", "/run/nginx.pid"),
            .d("error_log", "/var/log/nginx/error.log", "warn"),
            .block("events", [], [.d("worker_connections", "1024")]),
            .block("http", [], [
                .d("include", "/etc/nginx/mime.types"),
                .d("default_type", "application/octet-stream"),
                .d("sendfile", "on"),
                .d("tcp_nopush", "on"),
                .d("keepalive_timeout", "65s"),
                .d("server_tokens", "off"),
                .d("access_log", "/var/log/nginx/access.log"),
                .directive("include", [.raw(site)]),
            ]),
        ]
    }
}

/// The site of one stack and environment.
struct NginxSite {
    let stack: ResolvedStack
    let proxy: Proxy

    static let ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
        + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
        + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

    func at(_ path: String...) -> SourceLocation { stack.source.location(at: [Key.Stack.proxy] + path) }

    var nodes: [NginxNode] {
        var nodes: [NginxNode] = [.comment("Rendered by shipshape for \(stack.name) (\(stack.environment)). "
                                           + "Do not edit: change the stack and render again.")]
        if proxy.routes.contains(where: \.websocket) {
            // A request without `Upgrade` sends `Connection: ""` (no header), not `close`, so the
            // upstream connection stays in the keepalive pool on websocket routes too.
            nodes.append(.block("map", [.raw("$http_upgrade"), .raw("$connection_upgrade")], [
                .d("default", "upgrade"), .d("\"\"", "\"\""),
            ]))
        }
        if resolvesUpstreams {
            nodes.append(.comment("Compose recreates containers with new addresses: look names up every 10s."))
            nodes.append(.d("resolver", Self.composeDNS, "valid=10s", "ipv6=off"))
        } else if stack.targets.contains(.compose), !stack.proxiesFromHost {
            nodes.append(.comment("nginx \(stack.nginx.version) looks upstream names up once, at start: after "
                + "compose recreates a service, restart this proxy (or set nginx.version to "
                + "\(Self.upstreamResolveVersion) or later)."))
        }
        for zone in zones {
            if let note = zone.note { nodes.append(.comment(note)) }
            nodes.append(.d("limit_req_zone", "$binary_remote_addr", "zone=\(zone.name):10m", "rate=\(zone.rate)"))
        }
        for upstream in upstreams {
            let resolve = resolvesUpstreams && upstream.byName
            let servers: [NginxNode] = upstream.servers.map { server in
                .directive("server", [.value(server, at(Key.Proxy.routes))] + (resolve ? [.raw("resolve")] : []))
            }
            let zone: [NginxNode] = resolve ? [.d("zone", upstream.name, "64k")] : []
            nodes.append(.block("upstream", [.raw(upstream.name)], zone + servers + [.d("keepalive", "32")]))
        }
        let hosts = proxy.hosts.map { NginxArgument.value($0, at(Key.Proxy.hosts)) }
        if let tls = proxy.tls {
            if tls.redirectHTTP {
                nodes.append(.block("server", [], [
                    .d("listen", "80"), .d("listen", "[::]:80"),
                    .directive("server_name", hosts),
                    .d("server_tokens", proxy.serverTokens ? "on" : "off"),
                    .d("return", "301", "https://$host$request_uri"),
                ]))
            }
            var listen: [NginxNode] = []
            if !tls.redirectHTTP {
                // Plain HTTP served beside HTTPS: its own server, without HSTS (RFC 6797 8.1: a
                // host must not send it over plain HTTP).
                nodes.append(.block("server", [], [.d("listen", "80"), .d("listen", "[::]:80"),
                                                   .directive("server_name", hosts)] + common(hsts: false)))
            }
            if Self.supportsHTTP2Directive(stack.nginx.version) {
                listen += [.d("listen", "443", "ssl"), .d("listen", "[::]:443", "ssl"), .d("http2", "on")]
            } else {
                listen += [.d("listen", "443", "ssl", "http2"), .d("listen", "[::]:443", "ssl", "http2")]
            }
            nodes.append(.block("server", [],
                                listen + [.directive("server_name", hosts)] + tlsDirectives(tls) + common(hsts: true)))
        } else {
            let listen: [NginxNode] = [.d("listen", "80"), .d("listen", "[::]:80")]
            nodes.append(.block("server", [], listen + [.directive("server_name", hosts)] + common(hsts: false)))
        }
        return nodes
    }

    /// `http2 on;` exists from nginx 1.25.1; before it, `listen ... ssl http2`.
    static func supportsHTTP2Directive(_ version: String) -> Bool {
        atLeast(version, (1, 25, 1))
    }

    static func atLeast(_ version: String, _ minimum: (Int, Int, Int)) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) } + [0, 0, 0]
        return (parts[0], parts[1], parts[2]) >= minimum
    }

    /// The `resolve` parameter of an upstream `server` is open source from nginx 1.27.3 (before,
    /// NGINX Plus only). It keeps the upstream block, so keepalive keeps working; the other
    /// way to re-resolve, `proxy_pass` with a variable, bypasses the upstream and its keepalive.
    static let upstreamResolveVersion = "1.27.3"

    /// Docker's embedded DNS server, in every container on a user-defined network (compose's).
    static let composeDNS = "127.0.0.11"

    /// Whether the site runs in compose on an nginx that can re-resolve upstream names.
    var resolvesUpstreams: Bool {
        stack.targets.contains(.compose) && Self.atLeast(stack.nginx.version, (1, 27, 3))
            && upstreams.contains(where: \.byName)
    }

    func tlsDirectives(_ tls: TLS) -> [NginxNode] {
        var nodes: [NginxNode] = []
        let certificate = tls.certificate ?? "/etc/nginx/tls/\(stack.name)/fullchain.pem"
        let key = tls.key ?? "/etc/nginx/tls/\(stack.name)/privkey.pem"
        nodes.append(.directive("ssl_certificate", [.value(certificate, at(Key.Proxy.tls, Key.TLS.certificate))]))
        nodes.append(.directive("ssl_certificate_key", [.value(key, at(Key.Proxy.tls, Key.TLS.key))]))
        nodes += [
            .directive("ssl_protocols", tls.protocols.map(NginxArgument.raw)),
            .d("ssl_ciphers", Self.ciphers),
            .d("ssl_prefer_server_ciphers", "off"),
            .d("ssl_session_cache", "shared:SSL:10m"),
            .d("ssl_session_timeout", "1d"),
            .d("ssl_session_tickets", "off"),
        ]
        if tls.stapling {
            nodes += [.d("ssl_stapling", "on"), .d("ssl_stapling_verify", "on")]
            let resolvers = at(Key.Proxy.tls, Key.TLS.resolvers)
            nodes.append(.directive("resolver",
                                    tls.resolvers.map { .value($0, resolvers) } + [.raw("valid=300s")]))
            nodes.append(.d("resolver_timeout", "5s"))
        }
        return nodes
    }

    /// Headers, limits, compression and locations, shared by the HTTP and HTTPS servers; HSTS
    /// only where the server is HTTPS.
    func common(hsts sendsHSTS: Bool) -> [NginxNode] {
        var nodes: [NginxNode] = [.d("server_tokens", proxy.serverTokens ? "on" : "off")]
        let h = proxy.headers
        if sendsHSTS, let hsts = h.hsts {
            let value = "max-age=\(hsts.milliseconds / 1000)" + (h.hstsIncludeSubdomains ? "; includeSubDomains" : "")
            nodes.append(.d("add_header", "Strict-Transport-Security", "\"\(value)\"", "always"))
        }
        if h.contentTypeNosniff { nodes.append(.d("add_header", "X-Content-Type-Options", "nosniff", "always")) }
        if let frame = h.frameOptions { nodes.append(.d("add_header", "X-Frame-Options", frame.rawValue, "always")) }
        if let referrer = h.referrerPolicy {
            nodes.append(.directive("add_header", [
                .raw("Referrer-Policy"), .value(referrer, at(Key.Proxy.headers, Key.Headers.referrerPolicy)),
                .raw("always"),
            ]))
        }
        if let csp = h.contentSecurityPolicy {
            nodes.append(.directive("add_header", [
                .raw("Content-Security-Policy"),
                .value(csp, at(Key.Proxy.headers, Key.Headers.contentSecurityPolicy)), .raw("always"),
            ]))
        }
        if h.xssProtection { nodes.append(.d("add_header", "X-XSS-Protection", "\"1; mode=block\"", "always")) }
        if let size = proxy.bodySize { nodes.append(.d("client_max_body_size", size.description)) }
        if let t = proxy.timeouts.connect { nodes.append(.d("proxy_connect_timeout", "\(t.secondsRoundedUp)s")) }
        if let t = proxy.timeouts.read { nodes.append(.d("proxy_read_timeout", "\(t.secondsRoundedUp)s")) }
        if let t = proxy.timeouts.send { nodes.append(.d("proxy_send_timeout", "\(t.secondsRoundedUp)s")) }
        if proxy.gzip {
            nodes += [
                .d("gzip", "on"), .d("gzip_vary", "on"), .d("gzip_proxied", "any"), .d("gzip_min_length", "1024"),
                .d("gzip_types", "text/plain", "text/css", "text/xml", "application/json", "application/javascript",
                   "application/xml", "image/svg+xml"),
            ]
        }
        return nodes + proxy.routes.map(location)
    }

    func location(_ route: Route) -> NginxNode {
        let at = { (key: String) in self.at("routes", route.path, key) }
        var nodes: [NginxNode] = []
        if let limit = route.rateLimit ?? proxy.rateLimit, let zone = zone(for: route, limit) {
            nodes.append(.d("limit_req", "zone=\(zone.name)", "burst=\(zone.burst)", "nodelay"))
            nodes.append(.d("limit_req_status", "429"))
        }
        if let size = route.bodySize { nodes.append(.d("client_max_body_size", size.description)) }
        if let timeout = route.timeout {
            nodes.append(.d("proxy_read_timeout", "\(timeout.secondsRoundedUp)s"))
            nodes.append(.d("proxy_send_timeout", "\(timeout.secondsRoundedUp)s"))
        }
        if !route.allow.isEmpty {
            nodes += route.allow.map { .directive("allow", [.value($0, at(Key.Route.allow))]) }
            nodes.append(.d("deny", "all"))
        }
        if !route.accessLog { nodes.append(.d("access_log", "off")) }
        nodes += route.directives.map { directive in
            .directive(directive.name, directive.arguments.map { .value($0, directive.location) })
        }
        nodes.append(.d("proxy_pass", "http://\(upstreamName(route))"))
        nodes.append(.d("proxy_http_version", "1.1"))
        nodes += [
            .d("proxy_set_header", "Host", "$host"),
            .d("proxy_set_header", "X-Real-IP", "$remote_addr"),
            .d("proxy_set_header", "X-Forwarded-For", "$proxy_add_x_forwarded_for"),
            .d("proxy_set_header", "X-Forwarded-Proto", "$scheme"),
        ]
        if route.websocket {
            nodes += [
                .d("proxy_set_header", "Upgrade", "$http_upgrade"),
                .d("proxy_set_header", "Connection", "$connection_upgrade"),
            ]
        } else {
            nodes.append(.d("proxy_set_header", "Connection", "\"\""))
        }
        return .block("location", [.value(route.path, at(Key.Route.path))], nodes)
    }

    // MARK: upstreams

    struct Upstream {
        var name: String
        var servers: [String]
        /// Servers are host names (compose services, cluster DNS), not addresses.
        var byName: Bool
    }

    func upstreamName(_ route: Route) -> String {
        Bytes.replacing(UInt8(ascii: "-"), with: "_", in: "\(route.service)_\(route.port.description)")
    }

    /// One upstream per routed service port: a server per host where the service lists its
    /// hosts (VMs), else the service name (compose and cluster DNS).
    var upstreams: [Upstream] {
        var result: [Upstream] = []
        for route in proxy.routes {
            let name = upstreamName(route)
            guard !result.contains(where: { $0.name == name }), let service = stack.service(named: route.service),
                  let port = service.port(named: route.port) else { continue }
            if service.hosts.isEmpty, stack.proxiesFromHost {
                let endpoint = stack.hostEndpoint(of: service, port) ?? "127.0.0.1:\(port.port)"
                result.append(Upstream(name: name, servers: [endpoint], byName: false))
                continue
            }
            let host = stack.targets.contains(.compose) ? service.composeName : service.name
            let hosts = service.hosts.isEmpty ? [host] : service.hosts
            result.append(Upstream(name: name, servers: hosts.map { host in
                (Bytes.contains(UInt8(ascii: ":"), in: host) ? "[\(host)]" : host) + ":\(port.port)"
            }, byName: hosts.contains { !Self.isAddress($0) }))
        }
        return result
    }

    /// An IPv4 or IPv6 address rather than a name (the resolver checked the form).
    static func isAddress(_ host: String) -> Bool {
        Bytes.contains(UInt8(ascii: ":"), in: host) || host.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) }
    }

    // MARK: rate limits

    struct Zone: Equatable {
        var name: String
        var rate: String
        var burst: Int
        var note: String?
    }

    /// One zone per distinct limit, named after the first route that uses it.
    var zones: [Zone] {
        var result: [Zone] = []
        for route in proxy.routes {
            guard let limit = route.rateLimit ?? proxy.rateLimit, let zone = zone(for: route, limit) else { continue }
            if !result.contains(where: { $0.name == zone.name }) { result.append(zone) }
        }
        return result
    }

    func zone(for route: Route, _ limit: RateLimit) -> Zone? {
        let owner = route.rateLimit == nil ? "default" : Self.zoneSuffix(route.path)
        let name = Bytes.replacing(UInt8(ascii: "-"), with: "_", in: "\(stack.name)_\(owner)")
        switch limit.per {
        case .second: return Zone(name: name, rate: "\(limit.requests)r/s", burst: limit.burst, note: nil)
        case .minute: return Zone(name: name, rate: "\(limit.requests)r/m", burst: limit.burst, note: nil)
        case .hour:
            // nginx counts per second or per minute, at least 1r/m: an hourly rate is exact in
            // whole requests per minute. Resolving rejects any other (SemanticChecks), so the
            // rounding below only shows for a stack built in code; the comment says so.
            let perMinute = max(1, (limit.requests + 59) / 60)
            let note = "\(limit.requests) requests per hour rounded up to \(perMinute)r/m"
            return Zone(name: name, rate: "\(perMinute)r/m", burst: limit.burst,
                        note: limit.requests % 60 == 0 ? nil : note)
        }
    }

    static func zoneSuffix(_ path: String) -> String {
        let words = path.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.joined(separator: "_")
        return words.isEmpty ? "root" : String(words.prefix(40))
    }
}
