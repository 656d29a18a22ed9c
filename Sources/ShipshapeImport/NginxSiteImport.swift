import Foundation
import ShipshapeModel
import ShipshapeRender

/// An nginx service of a compose file whose mounted site proxies to other services: its site,
/// read with `NginxReader`, becomes the stack's `proxy:` (hosts, TLS, headers, limits, routes),
/// and the service itself is the proxy shipshape renders. What the spec cannot say is a loss
/// located in the site file.
struct NginxSiteImport {
    /// The compose service that runs nginx, and the site it mounts.
    var service: String
    var node: SourceNode
    var sitePath: String
    var siteMount: SourceNode
    var statements: [NginxStatement]

    /// What shipshape renders itself, word for word: the same directive is no loss.
    static let rendered: Set<[String]> = [
        ["ssl_prefer_server_ciphers", "off"], ["ssl_session_cache", "shared:SSL:10m"],
        ["ssl_session_timeout", "1d"], ["ssl_session_tickets", "off"], ["ssl_stapling_verify", "on"],
        ["resolver_timeout", "5s"], ["http2", "on"], ["gzip_vary", "on"], ["gzip_proxied", "any"],
        ["gzip_min_length", "1024"], ["keepalive", "32"], ["proxy_http_version", "1.1"],
        ["limit_req_status", "429"], ["deny", "all"],
        [
            "gzip_types", "text/plain", "text/css", "text/xml", "application/json", "application/javascript",
            "application/xml", "image/svg+xml",
        ],
        [
            "ssl_ciphers",
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305",
        ],
        ["proxy_set_header", "Host", "$host"], ["proxy_set_header", "X-Real-IP", "$remote_addr"],
        ["proxy_set_header", "X-Forwarded-For", "$proxy_add_x_forwarded_for"],
        ["proxy_set_header", "X-Forwarded-Proto", "$scheme"], ["proxy_set_header", "Connection", ""],
        ["proxy_set_header", "Connection", "$connection_upgrade"],
        ["proxy_set_header", "Connection", "upgrade"],
    ]

    /// Where a mounted site file that is not nginx configuration goes wrong (nginx's own line and column).
    static func unreadable(_ node: SourceNode, folder: String, plain: (SourceNode?) -> String?) -> SourceLocation? {
        for item in node["volumes"]?.items ?? [] {
            let parts = (plain(item) ?? "").split(separator: ":").map(String.init)
            guard parts.count >= 2, parts[1].hasPrefix("/etc/nginx/"), parts[1].hasSuffix(".conf"),
                parts[0].hasPrefix(".") || parts[0].hasPrefix("/")
            else { continue }
            let path = parts[0].hasPrefix("/") ? parts[0] : (folder as NSString).appendingPathComponent(parts[0])
            guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: path).standardizedFileURL.path),
                let text = String(data: data, encoding: .utf8)
            else { continue }
            do {
                _ = try NginxReader.statements(text, file: parts[0])
            } catch let error as DiagnosticError {
                return error.diagnostics.first?.location ?? .start(of: parts[0])
            } catch {
                return .start(of: parts[0])
            }
        }
        return nil
    }

    /// Whether `node` runs nginx and mounts a site file that can be read: the import, else nil.
    static func detect(_ name: String, _ node: SourceNode, folder: String, plain: (SourceNode?) -> String?)
        -> NginxSiteImport?
    {
        guard let image = plain(node["image"]) else { return nil }
        let repository = image.split(separator: ":").first.map(String.init) ?? image
        guard repository.split(separator: "/").last.map({ $0.hasPrefix("nginx") }) == true else { return nil }
        for item in node["volumes"]?.items ?? [] {
            let source: String?
            let target: String?
            if item.members != nil {
                source = plain(item["source"])
                target = plain(item["target"])
            } else {
                let parts = (plain(item) ?? "").split(separator: ":").map(String.init)
                source = parts.count >= 2 ? parts[0] : nil
                target = parts.count >= 2 ? parts[1] : nil
            }
            guard let source, let target, target.hasPrefix("/etc/nginx/"), target.hasSuffix(".conf"),
                target != "/etc/nginx/nginx.conf", source.hasPrefix(".") || source.hasPrefix("/")
            else { continue }
            let path = source.hasPrefix("/") ? source : (folder as NSString).appendingPathComponent(source)
            let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
            guard let data = FileManager.default.contents(atPath: standardized), data.count <= 1_048_576,
                let text = String(data: data, encoding: .utf8),
                let statements = try? NginxReader.statements(text, file: source)
            else { continue }
            guard statements.contains(where: { $0.name.text == "server" && $0.children != nil }) else { continue }
            return NginxSiteImport(
                service: name, node: node, sitePath: source, siteMount: item, statements: statements)
        }
        return nil
    }
}

extension ComposeContext {
    /// The proxy read from the site: `proxy:` for the stack, and the nginx version.
    mutating func proxy(_ site: NginxSiteImport, services: [(key: String, value: DocNode)]) -> DocNode? {
        let path = "services.\(site.service)"
        var upstreams: [String: (host: String, port: Int)] = [:]
        var zones: [String: (requests: Int, per: String)] = [:]
        var hosts: [String] = []
        var tls = DocMap()
        var hasTLS = false
        var redirect = false
        var proxy = DocMap()
        var headers = DocMap()
        var timeouts = DocMap()
        var routes: [DocNode] = []
        var routePaths: Set<String> = []
        var routed: [String] = []
        func lost(_ statement: NginxStatement, _ key: String, _ why: String, _ fix: String) {
            log.lost(SourceNode(.null, at: statement.location), key, why, fix)
        }
        func known(_ statement: NginxStatement) -> Bool { NginxSiteImport.rendered.contains(statement.words) }
        for statement in site.statements where !statement.isComment {
            let words = statement.words
            switch words[0] {
            case "upstream" where statement.children != nil && words.count == 2:
                let servers = (statement.children ?? []).filter { $0.name.text == "server" }
                for child in statement.children ?? [] where !child.isComment && child.name.text != "server" {
                    if !known(child), child.name.text != "zone" {
                        lost(child, "upstream \(words[1]).\(child.name.text)", "shipshape renders its own upstream",
                             "nothing, or patch the rendered site")
                    }
                }
                guard servers.count == 1, let target = servers[0].arguments.first?.text,
                    let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...])
                else {
                    lost(statement, "upstream \(words[1])", "one upstream is one service and port",
                         "give each server its own service, or scale one service with `replicas`")
                    continue
                }
                upstreams[words[1]] = (String(target[..<colon]), port)
            case "limit_req_zone":
                let zone = words.first { $0.hasPrefix("zone=") }?.dropFirst(5).split(separator: ":").first
                let rate = words.first { $0.hasPrefix("rate=") }?.dropFirst(5)
                if let zone, let rate, let r = rate.firstIndex(of: "r"), let n = Int(rate[..<r]),
                    ["r/s": "second", "r/m": "minute"][String(rate[r...])] != nil
                {
                    zones[String(zone)] = (n, ["r/s": "second", "r/m": "minute"][String(rate[r...])]!)
                } else {
                    lost(statement, "limit_req_zone", "not a rate the spec can say", "set `rateLimit`")
                }
            case "map" where words.count == 3 && words[1] == "$http_upgrade": continue
            case "resolver": continue  // shipshape resolves upstream names as its nginx version allows
            case "server" where statement.children != nil:
                let children = (statement.children ?? []).filter { !$0.isComment }
                let listens = children.filter { $0.name.text == "listen" }
                let ssl = listens.contains { $0.arguments.contains { $0.text == "ssl" } }
                let redirects = children.contains { $0.words.first == "return" && $0.words.count == 3
                    && ["301", "302", "308"].contains($0.words[1]) && $0.words[2].hasPrefix("https://") }
                for name in children.filter({ $0.name.text == "server_name" }).flatMap(\.arguments)
                where !hosts.contains(name.text) {
                    hosts.append(name.text)
                }
                if redirects, !ssl {
                    redirect = true
                    for child in children where !["listen", "server_name", "return", "server_tokens"]
                        .contains(child.name.text)
                    {
                        lost(child, "server.\(child.name.text)", "the HTTPS redirect is shipshape's own",
                             "nothing, or patch the rendered site")
                    }
                    continue
                }
                if ssl { hasTLS = true }
                for child in children {
                    let w = child.words
                    switch w[0] {
                    case "server_name": continue
                    case "listen":
                        // shipshape listens on 80 and 443 (IPv4 and IPv6), nothing else.
                        let address = w.count > 1 ? w[1] : ""
                        let port = address.split(separator: ":").last.map(String.init) ?? address
                        let extra = w.dropFirst(2).filter { !["ssl", "http2", "default_server"].contains($0) }
                        if !["80", "443"].contains(port) || !extra.isEmpty {
                            lost(child, "server.listen", "the proxy listens on 80 and 443 only",
                                 "publish another port from a service")
                        }
                    case "ssl_certificate" where w.count == 2: tls.set("certificate", w[1])
                    case "ssl_certificate_key" where w.count == 2: tls.set("key", w[1])
                    case "ssl_protocols":
                        let protocols = Array(w.dropFirst())
                        if protocols != ["TLSv1.2", "TLSv1.3"] {
                            tls.set("protocols", DocNode.list(protocols.map(DocNode.string)))
                        }
                    case "ssl_stapling" where w.count == 2: if w[1] == "on" { tls.set("stapling", true) }
                    case "resolver":
                        let resolvers = w.dropFirst().filter { !$0.contains("=") }
                        tls.set("resolvers", DocNode.list(resolvers.map(DocNode.string)))
                    case "server_tokens" where w.count == 2: if w[1] == "on" { proxy.set("serverTokens", true) }
                    case "gzip" where w.count == 2: if w[1] == "off" { proxy.set("gzip", false) }
                    case "client_max_body_size" where w.count == 2: proxy.set("bodySize", w[1])
                    case "proxy_connect_timeout", "proxy_read_timeout", "proxy_send_timeout":
                        timeouts.set(String(w[0].dropFirst(6).dropLast(8)), w.count == 2 ? w[1] : nil)
                    case "add_header":
                        if !header(w, into: &headers) {
                            lost(child, "server.add_header \(w.count > 1 ? w[1] : "")",
                                 "the spec sets the security headers it knows only",
                                 "set `proxy.headers`, or patch the rendered site")
                        }
                    case "location" where child.children != nil:
                        if let route = route(child, upstreams: upstreams, zones: zones, services: services,
                                             lost: lost, known: known)
                        {
                            guard routePaths.insert(route.path).inserted else { continue }
                            routes.append(route.node)
                            if !routed.contains(route.service) { routed.append(route.service) }
                        }
                    default:
                        if !known(child) {
                            lost(child, "server.\(w[0])", "the spec has no '\(w[0])' for the proxy",
                                 "patch the rendered site")
                        }
                    }
                }
            default:
                if !known(statement) {
                    lost(statement, words[0], "the spec has no '\(words[0])' in a site", "patch the rendered site")
                }
            }
        }
        guard !routes.isEmpty else {
            log.lost(site.node, path, "its site routes to no service of the file", "describe it under `proxy:`")
            return nil
        }
        if hosts.isEmpty || hosts.contains(where: { !Names.isHostName($0) }) {
            log.lost(
                site.siteMount, "\(site.sitePath): server_name",
                "the proxy serves host names; a catch-all or pattern has none",
                "list the host names under `proxy.hosts`")
            hosts = hosts.filter(Names.isHostName)
            if hosts.isEmpty { hosts = ["localhost"] }
        }
        var result = DocMap()
        result.set("hosts", DocNode.list(hosts.map(DocNode.string)))
        if hasTLS {
            if !redirect { tls.set("redirectHTTP", false) }
            result.set("tls", tls.node)
        }
        if !headers.members.isEmpty { result.set("headers", headers.node) }
        for member in proxy.members { result.set(member.key, member.value) }
        if !timeouts.members.isEmpty { result.set("timeouts", timeouts.node) }
        result.set("routes", DocNode.list(routes))
        proxyService(site, routed: routed, hasTLS: hasTLS, tls: tls, services: services)
        return result.node
    }

    struct ImportedRoute {
        var path: String
        var service: String
        var node: DocNode
    }

    /// One `location` block: a route, or nil (each part it cannot carry is a loss).
    func route(
        _ location: NginxStatement, upstreams: [String: (host: String, port: Int)],
        zones: [String: (requests: Int, per: String)], services: [(key: String, value: DocNode)],
        lost: (NginxStatement, String, String, String) -> Void, known: (NginxStatement) -> Bool
    ) -> ImportedRoute? {
        let w = location.words
        guard w.count == 2, w[1].hasPrefix("/") else {
            lost(location, "location \(w.dropFirst().joined(separator: " "))",
                 "a route is a path prefix; exact and regular-expression locations have none",
                 "route the prefix, or patch the rendered site")
            return nil
        }
        let key = "location \(w[1])"
        var target: (host: String, port: Int)?
        var route = DocMap()
        route.set("path", w[1])
        var allow: [DocNode] = []
        for child in location.children ?? [] where !child.isComment {
            let c = child.words
            switch c[0] {
            case "proxy_pass" where c.count == 2:
                var url = c[1]
                for scheme in ["http://", "https://"] where url.hasPrefix(scheme) { url.removeFirst(scheme.count) }
                if url.contains("/") {
                    lost(child, "\(key).proxy_pass", "the proxy passes the request path as it came",
                         "serve the same paths in the service")
                    url = String(url.prefix { $0 != "/" })
                }
                if let upstream = upstreams[url] {
                    target = upstream
                } else if let colon = url.lastIndex(of: ":"), let port = Int(url[url.index(after: colon)...]) {
                    target = (String(url[..<colon]), port)
                } else {
                    target = (url, 80)
                }
            case "limit_req":
                let zone = c.first { $0.hasPrefix("zone=") }.map { String($0.dropFirst(5)) }
                let burst = c.first { $0.hasPrefix("burst=") }.flatMap { Int($0.dropFirst(6)) } ?? 0
                if let zone, let rate = zones[zone] {
                    var limit = DocMap()
                    limit.set("requests", rate.requests)
                    limit.set("per", rate.per)
                    if burst > 0 { limit.set("burst", burst) }
                    route.set("rateLimit", limit.node)
                } else {
                    lost(child, "\(key).limit_req", "a rate limit without its zone", "set `rateLimit`")
                }
            case "client_max_body_size" where c.count == 2: route.set("bodySize", c[1])
            case "proxy_read_timeout" where c.count == 2: route.set("timeout", c[1])
            case "proxy_send_timeout": continue
            case "allow" where c.count == 2: allow.append(.string(c[1]))
            case "access_log" where c == ["access_log", "off"]: route.set("accessLog", false)
            case "proxy_set_header" where c.count == 3 && c[1] == "Upgrade" && c[2] == "$http_upgrade":
                route.set("websocket", true)
            default:
                if !known(child) {
                    lost(child, "\(key).\(c[0])", "the spec has no '\(c[0])' on a route", "patch the rendered site")
                }
            }
        }
        guard let target else {
            lost(location, key, "a location that proxies to no service", "serve it from a service")
            return nil
        }
        let service = Naming.label(target.host)
        guard case .map(let found)? = services.first(where: { $0.key == service })?.value else {
            lost(location, "\(key).proxy_pass", "it proxies to '\(target.host)', not a service of the file",
                 "add the service to the file, or route to one")
            return nil
        }
        route.set("service", service)
        var portName: String?
        if case .list(let ports)? = found.first(where: { $0.key == "ports" })?.value {
            for case .map(let p) in ports where p.first(where: { $0.key == "port" })?.value == .int(target.port) {
                if case .string(let name)? = p.first(where: { $0.key == "name" })?.value { portName = name }
            }
        }
        if let portName {
            route.set("port", portName)
        } else {
            lost(location, "\(key).proxy_pass", "port \(target.port) is not a port of '\(service)'",
                 "add the port to the service (`ports`)")
        }
        if !allow.isEmpty { route.set("allow", DocNode.list(allow)) }
        let ordered = [
            "path", "service", "port", "websocket", "accessLog", "allow", "rateLimit", "bodySize", "timeout",
        ]
        var node = DocMap()
        for name in ordered {
            if let value = route.members.first(where: { $0.key == name })?.value { node.set(name, value) }
        }
        return ImportedRoute(path: w[1], service: service, node: node.node)
    }

    /// Whether a stack network (by its label) is not internal.
    func networkReachesHost(_ label: String) -> Bool {
        guard let name = networkNames.first(where: { $0.value == label })?.key else { return true }
        return root["networks"]?[name]?["internal"]?.bool != true
    }

    /// `add_header NAME VALUE always` of a security header the spec knows: into `headers`.
    func header(_ w: [String], into headers: inout DocMap) -> Bool {
        guard w.count >= 3 else { return false }
        let value = w[2]
        switch w[1].lowercased() {
        case "strict-transport-security":
            let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let age = parts.first?.split(separator: "=").last.flatMap({ Int($0) }) else { return false }
            headers.set("hsts", age % 86400 == 0 ? "\(age / 86400)d" : "\(age)s")
            if !parts.contains(where: { $0.lowercased() == "includesubdomains" }) {
                headers.set("hstsIncludeSubdomains", false)
            }
        case "x-content-type-options" where value == "nosniff": headers.set("nosniff", true)
        case "x-frame-options" where ["DENY", "SAMEORIGIN"].contains(value.uppercased()):
            headers.set("frameOptions", value.uppercased())
        case "referrer-policy": headers.set("referrerPolicy", value)
        case "content-security-policy": headers.set("contentSecurityPolicy", value)
        case "x-xss-protection" where value.hasPrefix("1"): headers.set("xssProtection", true)
        default: return false
        }
        return true
    }

    /// The nginx service's own keys against the proxy service shipshape renders: each that
    /// differs is a loss.
    func proxyService(
        _ site: NginxSiteImport, routed: [String], hasTLS: Bool, tls: DocMap,
        services: [(key: String, value: DocNode)]
    ) {
        let path = "services.\(site.service)"
        let node = site.node
        let expectedPorts: Set<String> = hasTLS ? ["80:80", "443:443"] : ["80:80"]
        for item in node["ports"]?.items ?? [] where !expectedPorts.contains(plain(item) ?? "") {
            log.lost(item, "\(path).ports", "the proxy publishes 80 (and 443 with TLS)", "use those ports")
        }
        var folders: Set<String> = []
        for case .string(let file)? in [tls.members.first { $0.key == "certificate" }?.value,
                                        tls.members.first { $0.key == "key" }?.value] {
            let folder = (file as NSString).deletingLastPathComponent
            folders.insert(folder)
            // certbot's live/<domain>/*.pem link into ../../archive/<domain>/: both are mounted.
            let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count >= 3, parts[parts.count - 2] == "live" {
                folders.insert((parts.dropLast(2) + ["archive", parts[parts.count - 1]]).joined(separator: "/"))
            }
        }
        for item in node["volumes"]?.items ?? [] where item.location != site.siteMount.location {
            // HOST:TARGET:ro, the host side under ${SHIPSHAPE_TLS_ROOT:-} (which holds a colon).
            var parts = (item.text ?? "").split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let mode = parts.count >= 3 ? parts.removeLast() : ""
            let target = parts.popLast() ?? ""
            let host = parts.joined(separator: ":")
            if mode == "ro", folders.contains(target), host == "${SHIPSHAPE_TLS_ROOT:-}\(target)" || host == target {
                continue
            }
            log.lost(
                item, "\(path).volumes", "the proxy mounts its site and the certificate folders only",
                "keep certificates at the paths the site names")
        }
        let expectedSite = "../nginx/\(stack).conf"
        if site.sitePath != expectedSite {
            log.lost(
                site.siteMount, "\(path).volumes",
                "the site is rendered as nginx/\(stack).conf and mounted from \(expectedSite)",
                "use the rendered site")
        }
        let depends = Set((node["depends_on"]?.members ?? []).map { Naming.label($0.key) })
        if !depends.isSubset(of: Set(routed)) {
            log.lost(
                node["depends_on"], "\(path).depends_on", "the proxy waits for the services it routes to only",
                "nothing")
        }
        // shipshape's hardening of the proxy: the same or less is no loss.
        let hardening: [(String, Set<String>)] = [
            ("security_opt", ["no-new-privileges:true"]), ("cap_drop", ["ALL"]),
            ("cap_add", ["CHOWN", "DAC_OVERRIDE", "SETGID", "SETUID", "NET_BIND_SERVICE"]),
        ]
        for (key, allowed) in hardening {
            for item in node[key]?.items ?? [] where !allowed.contains(plain(item) ?? "") {
                log.lost(item, "\(path).\(key)", "the proxy runs with shipshape's own hardening", "nothing")
            }
        }
        // It restarts like the most available service it routes to.
        let order = ["always", "unless-stopped", "on-failure", "no"]
        let policies = routed.compactMap { name -> String? in
            guard case .map(let m)? = services.first(where: { $0.key == name })?.value,
                case .string(let policy)? = m.first(where: { $0.key == "restart" })?.value
            else { return nil }
            return policy
        }
        let restart = order.first { policies.contains($0) } ?? "always"
        if let value = node["restart"], plain(value) != restart {
            log.lost(value, "\(path).restart", "the proxy restarts like the services it routes to (\(restart))",
                     "set `restart` on those services")
        }
        // It joins the networks of the services it routes to (and one that reaches the host).
        let joined = Set(routed.flatMap { name -> [String] in
            guard case .map(let m)? = services.first(where: { $0.key == name })?.value,
                case .list(let networks)? = m.first(where: { $0.key == "networks" })?.value
            else { return [] }
            return networks.compactMap { if case .string(let n) = $0 { n } else { nil } }
        })
        for (network, value) in node["networks"]?.members ?? [] {
            let label = networkNames[network] ?? Naming.label(network)
            let isInternal = root["networks"]?[network]?["internal"]?.bool == true
            if !joined.contains(label), isInternal || joined.contains(where: { networkReachesHost($0) }) {
                log.lost(value, "\(path).networks.\(network)", "the proxy joins the networks of its routes only",
                         "add the network to a routed service")
            }
        }
        for key in (node.members ?? []).map(\.key)
        where !["image", "ports", "volumes", "depends_on", "restart", "networks", "security_opt", "cap_drop",
            "cap_add"].contains(key) && !key.hasPrefix("x-")
        {
            log.lost(node[key], "\(path).\(key)", "the proxy service is shipshape's own", "patch the output")
        }
    }
}
