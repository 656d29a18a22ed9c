/// The stack's public entry: an nginx site and a Kubernetes Ingress.
public struct Proxy: Sendable, Hashable {
    public var hosts: [String]
    public var tls: TLS?
    public var headers: SecurityHeaders
    public var routes: [Route]
    /// Largest request body accepted (nginx `client_max_body_size`), e.g. `10m`.
    public var bodySize: ByteSize?
    public var timeouts: ProxyTimeouts
    /// Compress text responses.
    public var gzip: Bool
    /// Rate limit for every route that sets none of its own.
    public var rateLimit: RateLimit?
    /// Send the nginx version in the `Server` header and error pages (default false).
    public var serverTokens = false
    /// Where nginx runs in an environment that renders compose.
    public var placement = Placement.compose

    /// Where nginx runs in an environment that renders compose (elsewhere there is one choice:
    /// the Ingress in Kubernetes, the host in a VM environment).
    public enum Placement: String, Sendable, Hashable, CaseIterable {
        /// An nginx service in the compose file, reaching services by name.
        case compose
        /// nginx on the host, in front of compose: it reaches each routed port where compose
        /// publishes it (on 127.0.0.1 unless the port says otherwise).
        case host
    }

    public init(
        hosts: [String], tls: TLS? = nil, headers: SecurityHeaders = SecurityHeaders(), routes: [Route],
        bodySize: ByteSize? = nil, timeouts: ProxyTimeouts = ProxyTimeouts(), gzip: Bool = true,
        rateLimit: RateLimit? = nil
    ) {
        self.hosts = hosts
        self.tls = tls
        self.headers = headers
        self.routes = routes
        self.bodySize = bodySize
        self.timeouts = timeouts
        self.gzip = gzip
        self.rateLimit = rateLimit
    }
}

public struct TLS: Sendable, Hashable {
    /// Certificate and key paths on the proxy host (nginx).
    public var certificate: String?
    public var key: String?
    /// Kubernetes Secret holding the certificate (Ingress `tls.secretName`).
    public var secretName: String?
    /// Redirect plain HTTP to HTTPS.
    public var redirectHTTP: Bool
    /// OCSP stapling.
    public var stapling: Bool
    /// DNS resolvers nginx uses to reach OCSP responders (needed for stapling).
    public var resolvers: [String]
    /// TLS versions accepted.
    public var protocols: [String]

    public init(certificate: String?, key: String?, secretName: String?, redirectHTTP: Bool,
                stapling: Bool, resolvers: [String], protocols: [String]) {
        self.certificate = certificate
        self.key = key
        self.secretName = secretName
        self.redirectHTTP = redirectHTTP
        self.stapling = stapling
        self.resolvers = resolvers
        self.protocols = protocols
    }
}

/// Response headers the proxy adds to every response.
public struct SecurityHeaders: Sendable, Hashable {
    public enum FrameOptions: String, Sendable, Hashable {
        case deny = "DENY"
        case sameOrigin = "SAMEORIGIN"
    }

    /// `Strict-Transport-Security` max-age; nil sends none.
    public var hsts: Duration?
    public var hstsIncludeSubdomains: Bool
    public var contentTypeNosniff: Bool
    public var frameOptions: FrameOptions?
    public var referrerPolicy: String?
    public var contentSecurityPolicy: String?
    /// The legacy `X-XSS-Protection: 1; mode=block`.
    public var xssProtection: Bool

    public init(
        hsts: Duration? = nil, hstsIncludeSubdomains: Bool = true, contentTypeNosniff: Bool = false,
        frameOptions: FrameOptions? = nil, referrerPolicy: String? = nil, contentSecurityPolicy: String? = nil,
        xssProtection: Bool = false
    ) {
        self.hsts = hsts
        self.hstsIncludeSubdomains = hstsIncludeSubdomains
        self.contentTypeNosniff = contentTypeNosniff
        self.frameOptions = frameOptions
        self.referrerPolicy = referrerPolicy
        self.contentSecurityPolicy = contentSecurityPolicy
        self.xssProtection = xssProtection
    }
}

public struct ProxyTimeouts: Sendable, Hashable {
    public var connect: Duration?
    public var read: Duration?
    public var send: Duration?

    public init(connect: Duration? = nil, read: Duration? = nil, send: Duration? = nil) {
        self.connect = connect
        self.read = read
        self.send = send
    }
}

/// A request rate per client address, with a burst allowance.
public struct RateLimit: Sendable, Hashable {
    public enum Per: String, Sendable, Hashable, CaseIterable {
        case second, minute, hour
    }

    public var requests: Int
    public var per: Per
    public var burst: Int

    public init(requests: Int, per: Per, burst: Int = 0) {
        self.requests = requests
        self.per = per
        self.burst = burst
    }
}

/// A path on the proxy and the service port it forwards to.
public struct Route: Sendable, Hashable {
    public var path: String
    public var service: String
    public var port: PortReference
    public var websocket: Bool
    public var accessLog: Bool
    /// Client networks allowed (CIDR or address); empty allows everyone.
    public var allow: [String]
    public var rateLimit: RateLimit?
    public var bodySize: ByteSize?
    public var timeout: Duration?
    /// Extra nginx directives in the route's location: the escape hatch for what the spec does
    /// not model (`proxy_buffering off`).
    public var directives: [NginxDirective]

    public init(
        path: String, service: String, port: PortReference, websocket: Bool = false, accessLog: Bool = true,
        allow: [String] = [], rateLimit: RateLimit? = nil, bodySize: ByteSize? = nil, timeout: Duration? = nil,
        directives: [NginxDirective] = []
    ) {
        self.path = path
        self.service = service
        self.port = port
        self.websocket = websocket
        self.accessLog = accessLog
        self.allow = allow
        self.rateLimit = rateLimit
        self.bodySize = bodySize
        self.timeout = timeout
        self.directives = directives
    }
}

/// One nginx directive the spec does not model: a name and its arguments, each written as one
/// quoted token (so no argument can open a block or end the directive).
public struct NginxDirective: Sendable, Hashable {
    public var name: String
    public var arguments: [String]
    /// Where it is written.
    public var location: SourceLocation?

    public init(name: String, arguments: [String], location: SourceLocation? = nil) {
        self.name = name
        self.arguments = arguments
        self.location = location
    }

    /// Directives shipshape writes itself, or that read files, run code or reach outside the
    /// location: `route.directives` may not name them.
    public static let refused: Set<String> = [
        "include", "load_module", "root", "alias", "proxy_pass", "server_name", "listen", "location", "server",
        "upstream", "http", "events", "stream", "if", "set", "map", "return", "rewrite", "ssl_certificate",
        "ssl_certificate_key", "ssl_password_file", "auth_basic_user_file", "access_log", "error_log", "user",
        "pid", "env", "daemon", "working_directory", "client_body_temp_path", "proxy_temp_path",
        "proxy_store", "proxy_cache_path", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass",
        "memcached_pass", "mirror", "limit_req_zone", "limit_conn_zone", "resolver", "internal",
    ]

    /// Prefixes of module directives that run code: lua, perl, njs.
    public static let refusedPrefixes = ["lua_", "perl", "js_", "njs_"]

    /// Why the name cannot be written, or nil when it can.
    public static func refusal(_ name: String) -> String? {
        guard name.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) != nil else {
            return "is not an nginx directive name"
        }
        if refused.contains(name) { return "is written by shipshape or reaches outside the location" }
        if refusedPrefixes.contains(where: name.hasPrefix) || name.contains("_by_lua") { return "runs code" }
        return nil
    }
}
