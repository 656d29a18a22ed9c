import ShipshapeModel

/// Reads the merged `proxy` tree.
struct ProxyDecoder {
    let diagnostics: DiagnosticCollector

    func decode(_ f: Fields) -> Proxy {
        let hosts = f.strings(Key.Proxy.hosts) ?? []
        if hosts.isEmpty {
            diagnostics.error("the proxy serves no host", at: f[Key.Proxy.hosts]?.location ?? f.location,
                              expected: "at least one host name in 'hosts'")
        }
        for (index, host) in hosts.enumerated() where !Names.isHostName(host) {
            diagnostics.error("'\(Fields.shorten(host))' is not a valid host name",
                              at: f[Key.Proxy.hosts]?.sequence?[index].location, expected: Names.hostNameForm)
        }
        let routes = f.items(Key.Proxy.routes).compactMap(route)
        if routes.isEmpty {
            diagnostics.error("the proxy has no routes", at: f[Key.Proxy.routes]?.location ?? f.location,
                              expected: "at least one route")
        }
        var proxy = Proxy(hosts: hosts, tls: f.object(Key.Proxy.tls).map(tls),
                          headers: headers(f.object(Key.Proxy.headers)),
                          routes: routes, bodySize: f.byteSize(Key.Proxy.bodySize),
                          timeouts: timeouts(f.object(Key.Proxy.timeouts)),
                          gzip: f.defaulted(Key.Proxy.gzip, of: Key.Proxy.self) { $0.bool($1) },
                          rateLimit: f.object(Key.Proxy.rateLimit).flatMap(rateLimit))
        proxy.serverTokens = f.defaulted(Key.Proxy.serverTokens, of: Key.Proxy.self) { $0.bool($1) }
        proxy.placement = f.defaulted(Key.Proxy.placement, of: Key.Proxy.self) { $0.choice($1, Proxy.Placement.self) }
        return proxy
    }

    private func tls(_ f: Fields) -> TLS {
        let resolvers = f.strings(Key.TLS.resolvers) ?? []
        for (index, resolver) in resolvers.enumerated()
        where !(Addresses.isIP(resolver) || Names.isHostName(resolver)) {
            diagnostics.error("'\(Fields.shorten(resolver))' is not an address",
                              at: f[Key.TLS.resolvers]?.sequence?[index].location,
                              expected: "an IP address or host name such as 127.0.0.53")
        }
        let stapling = f.defaulted(Key.TLS.stapling, of: Key.TLS.self) { $0.bool($1) }
        if stapling, resolvers.isEmpty {
            diagnostics.error("OCSP stapling needs a resolver to reach the OCSP responder",
                              at: f[Key.TLS.stapling]?.location,
                              expected: "'resolvers' with at least one DNS server", hint: "or turn stapling off")
        }
        let known = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
        let protocols = f.defaulted(Key.TLS.protocols, of: Key.TLS.self) { $0.strings($1) }
        for (index, name) in protocols.enumerated() where !known.contains(name) {
            diagnostics.error("'\(Fields.shorten(name))' is not a TLS version",
                              at: f[Key.TLS.protocols]?.sequence?[index].location, expected: Suggestions.oneOf(known))
        }
        if !protocols.contains(where: known.contains) {
            diagnostics.error("no TLS version is enabled", at: f[Key.TLS.protocols]?.location,
                              expected: "at least one version")
        }
        return TLS(certificate: f.value(Key.TLS.certificate, "an absolute path of a file", Self.absolutePath),
                   key: f.value(Key.TLS.key, "an absolute path of a file", Self.absolutePath),
                   secretName: f.value(Key.TLS.secretName, Names.dnsLabelForm) { Names.isDNSLabel($0) ? $0 : nil },
                   redirectHTTP: f.defaulted(Key.TLS.redirectHTTP,
                                             of: Key.TLS.self) { $0.bool($1) }, stapling: stapling,
                   resolvers: resolvers, protocols: protocols.filter(known.contains))
    }

    /// An absolute path naming a file (not a folder).
    static func absolutePath(_ text: String) -> String? {
        text.hasPrefix("/") && !text.hasSuffix("/") && !text.split(separator: "/").contains("..") ? text : nil
    }

    private func headers(_ f: Fields?) -> SecurityHeaders {
        guard let f else { return SecurityHeaders() }
        return SecurityHeaders(
            hsts: f.duration(Key.Headers.hsts),
            hstsIncludeSubdomains: f.defaulted(Key.Headers.hstsIncludeSubdomains, of: Key.Headers.self) { $0.bool($1) },
            contentTypeNosniff: f.defaulted(Key.Headers.nosniff, of: Key.Headers.self) { $0.bool($1) },
            frameOptions: f.value(Key.Headers.frameOptions, "'DENY' or 'SAMEORIGIN'",
                                  SecurityHeaders.FrameOptions.init),
            referrerPolicy: f.string(Key.Headers.referrerPolicy),
            contentSecurityPolicy: f.string(Key.Headers.contentSecurityPolicy),
            xssProtection: f.defaulted(Key.Headers.xssProtection, of: Key.Headers.self) { $0.bool($1) })
    }

    private func timeouts(_ f: Fields?) -> ProxyTimeouts {
        ProxyTimeouts(connect: f?.duration(Key.Timeouts.connect), read: f?.duration(Key.Timeouts.read),
                      send: f?.duration(Key.Timeouts.send))
    }

    func rateLimit(_ f: Fields) -> RateLimit? {
        guard let requests = f.required(Key.RateLimit.requests, "rate limit", { f.int($0, in: 1...1_000_000) }),
              let per = f.required(Key.RateLimit.per, "rate limit",
                                   { f.choice($0, RateLimit.Per.self) }) else { return nil }
        return RateLimit(requests: requests, per: per,
                         burst: f.defaulted(Key.RateLimit.burst,
                                            of: Key.RateLimit.self) { $0.int($1, in: 0...1_000_000) })
    }

    private func route(_ node: SpecNode) -> Route? {
        let f = Fields(node, diagnostics)
        guard let path = f.value(Key.Route.path, "a path starting with '/'", { $0.hasPrefix("/") ? $0 : nil }),
              let service = f.required(Key.Route.service, "route '\(path)'", f.string) else { return nil }
        return Route(
            path: path, service: service,
            port: f.value(Key.Route.port, "a port name or number") { PortReference($0) } ?? .number(0),
            websocket: f.defaulted(Key.Route.websocket, of: Key.Route.self) { $0.bool($1) },
            accessLog: f.defaulted(Key.Route.accessLog, of: Key.Route.self) { $0.bool($1) },
            allow: f.strings(Key.Route.allow) ?? [], rateLimit: f.object(Key.Route.rateLimit).flatMap(rateLimit),
            bodySize: f.byteSize(Key.Route.bodySize), timeout: f.duration(Key.Route.timeout),
            directives: f.items(Key.Route.directives).compactMap(directive))
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
