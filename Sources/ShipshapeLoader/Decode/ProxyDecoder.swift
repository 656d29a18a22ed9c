import ShipshapeModel

/// Reads the merged `proxy` tree.
struct ProxyDecoder {
    let diagnostics: DiagnosticCollector

    func decode(_ f: Fields) -> Proxy {
        let hosts = f.strings("hosts") ?? []
        if hosts.isEmpty {
            diagnostics.error("the proxy serves no host", at: f["hosts"]?.location ?? f.location,
                              expected: "at least one host name in 'hosts'")
        }
        for (index, host) in hosts.enumerated() where !Names.isHostName(host) {
            diagnostics.error("'\(Fields.shorten(host))' is not a valid host name",
                              at: f["hosts"]?.sequence?[index].location, expected: Names.hostNameForm)
        }
        let routes = f.items("routes").compactMap(route)
        if routes.isEmpty {
            diagnostics.error("the proxy has no routes", at: f["routes"]?.location ?? f.location,
                              expected: "at least one route")
        }
        var proxy = Proxy(hosts: hosts, tls: f.object("tls").map(tls), headers: headers(f.object("headers")),
                          routes: routes, bodySize: f.byteSize("bodySize"), timeouts: timeouts(f.object("timeouts")),
                          gzip: f.defaulted("gzip", of: "Proxy") { $0.bool($1) },
                          rateLimit: f.object("rateLimit").flatMap(rateLimit))
        proxy.serverTokens = f.defaulted("serverTokens", of: "Proxy") { $0.bool($1) }
        proxy.placement = f.defaulted("placement", of: "Proxy") { $0.choice($1, Proxy.Placement.self) }
        return proxy
    }

    private func tls(_ f: Fields) -> TLS {
        let resolvers = f.strings("resolvers") ?? []
        for (index, resolver) in resolvers.enumerated()
        where !(Addresses.isIP(resolver) || Names.isHostName(resolver)) {
            diagnostics.error("'\(Fields.shorten(resolver))' is not an address",
                              at: f["resolvers"]?.sequence?[index].location,
                              expected: "an IP address or host name such as 127.0.0.53")
        }
        let stapling = f.defaulted("stapling", of: "TLS") { $0.bool($1) }
        if stapling, resolvers.isEmpty {
            diagnostics.error("OCSP stapling needs a resolver to reach the OCSP responder", at: f["stapling"]?.location,
                              expected: "'resolvers' with at least one DNS server", hint: "or turn stapling off")
        }
        let known = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
        let protocols = f.defaulted("protocols", of: "TLS") { $0.strings($1) }
        for (index, name) in protocols.enumerated() where !known.contains(name) {
            diagnostics.error("'\(Fields.shorten(name))' is not a TLS version",
                              at: f["protocols"]?.sequence?[index].location, expected: Suggestions.oneOf(known))
        }
        if !protocols.contains(where: known.contains) {
            diagnostics.error("no TLS version is enabled", at: f["protocols"]?.location,
                              expected: "at least one version")
        }
        return TLS(certificate: f.value("certificate", "an absolute path of a file", Self.absolutePath),
                   key: f.value("key", "an absolute path of a file", Self.absolutePath),
                   secretName: f.value("secretName", Names.dnsLabelForm) { Names.isDNSLabel($0) ? $0 : nil },
                   redirectHTTP: f.defaulted("redirectHTTP", of: "TLS") { $0.bool($1) }, stapling: stapling,
                   resolvers: resolvers, protocols: protocols.filter(known.contains))
    }

    /// An absolute path naming a file (not a folder).
    static func absolutePath(_ text: String) -> String? {
        text.hasPrefix("/") && !text.hasSuffix("/") && !text.split(separator: "/").contains("..") ? text : nil
    }

    private func headers(_ f: Fields?) -> SecurityHeaders {
        guard let f else { return SecurityHeaders() }
        return SecurityHeaders(
            hsts: f.duration("hsts"),
            hstsIncludeSubdomains: f.defaulted("hstsIncludeSubdomains", of: "Headers") { $0.bool($1) },
            contentTypeNosniff: f.defaulted("nosniff", of: "Headers") { $0.bool($1) },
            frameOptions: f.value("frameOptions", "'DENY' or 'SAMEORIGIN'", SecurityHeaders.FrameOptions.init),
            referrerPolicy: f.string("referrerPolicy"), contentSecurityPolicy: f.string("contentSecurityPolicy"),
            xssProtection: f.defaulted("xssProtection", of: "Headers") { $0.bool($1) })
    }

    private func timeouts(_ f: Fields?) -> ProxyTimeouts {
        ProxyTimeouts(connect: f?.duration("connect"), read: f?.duration("read"), send: f?.duration("send"))
    }

    func rateLimit(_ f: Fields) -> RateLimit? {
        guard let requests = f.required("requests", "rate limit", { f.int($0, in: 1...1_000_000) }),
              let per = f.required("per", "rate limit", { f.choice($0, RateLimit.Per.self) }) else { return nil }
        return RateLimit(requests: requests, per: per,
                         burst: f.defaulted("burst", of: "RateLimit") { $0.int($1, in: 0...1_000_000) })
    }

    private func route(_ node: SpecNode) -> Route? {
        let f = Fields(node, diagnostics)
        guard let path = f.value("path", "a path starting with '/'", { $0.hasPrefix("/") ? $0 : nil }),
              let service = f.required("service", "route '\(path)'", f.string) else { return nil }
        return Route(
            path: path, service: service,
            port: f.value("port", "a port name or number") { PortReference($0) } ?? .number(0),
            websocket: f.defaulted("websocket", of: "Route") { $0.bool($1) },
            accessLog: f.defaulted("accessLog", of: "Route") { $0.bool($1) },
            allow: f.strings("allow") ?? [], rateLimit: f.object("rateLimit").flatMap(rateLimit),
            bodySize: f.byteSize("bodySize"), timeout: f.duration("timeout"),
            directives: f.items("directives").compactMap(directive))
    }

    /// `[name, argument...]`: a name nginx knows the shape of, arguments as plain values.
    private func directive(_ node: SpecNode) -> NginxDirective? {
        guard let words = node.sequence, let first = words.first, let name = first.scalar else {
            diagnostics.error("found \(node.kindDescription)", at: node.location,
                              expected: "a list of a directive name and its arguments, e.g. [proxy_buffering, \"off\"]")
            return nil
        }
        if let refusal = NginxDirective.refusal(name) {
            diagnostics.error("'\(Fields.shorten(name))' \(refusal)", at: first.location,
                              expected: "a directive of the location such as proxy_buffering or proxy_read_timeout "
                                  + "(the spec's fields write proxy_pass, timeouts, body size and access)")
            return nil
        }
        var arguments: [String] = []
        for word in words.dropFirst() {
            guard let text = word.scalar else {
                diagnostics.error("found \(word.kindDescription)", at: word.location, expected: "a plain value")
                return nil
            }
            arguments.append(text)
        }
        return NginxDirective(name: name, arguments: arguments, location: first.location)
    }
}
