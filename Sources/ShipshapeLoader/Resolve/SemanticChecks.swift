import Foundation
import OrderedCollections
import ShipshapeModel

/// Checks that need the whole resolved stack: references, cycles, ranges, uniqueness. Fills in
/// defaults that depend on other values (a probe or route without a port uses the first port).
struct SemanticChecks {
    let diagnostics: DiagnosticCollector
    /// The last `systemd.hardening` found without a problem: a profile gives every service the
    /// same one, checked once rather than key by key for each.
    let passed = PassedHardening()

    final class PassedHardening {
        var map: OrderedDictionary<String, String>?
    }

    func run(_ stack: inout ResolvedStack) {
        let ordered = stack.services.map { $0.name }  // not `\.name`: a run-time key path walk each
        let names = Set(ordered)
        var published: [Int: String] = [:]
        // Read from a snapshot without the services while they are updated in place: one that
        // held them would share each service's box, and every update would copy the service.
        var snapshot = stack
        snapshot.services = []
        for index in stack.services.indices {
            check(&stack.services[index], in: snapshot, names: names, ordered: ordered)
            let service = stack.services[index]
            for port in service.ports {
                guard let host = port.publish else { continue }
                if let other = published[host] {
                    diagnostics.error("host port \(host) is already published by service '\(other)'",
                                      at: stack.location(of: Key.Stack.services, service.name, Key.Service.ports,
                                                         port.name, Key.Port.publish),
                                      expected: "each host port published once")
                }
                published[host] = service.name
            }
        }
        checkAliases(stack)
        checkCycles(stack)
        if stack.proxy != nil { checkRoutes(&stack) }
        if stack.proxiesFromHost { publishRoutedPorts(&stack, published: published) }
    }

    /// Every name a service is reached by (its name, compose name and aliases) belongs to one
    /// service. An alias given twice by one service is the decoder's to report.
    private func checkAliases(_ stack: ResolvedStack) {
        // Only an alias or a compose name of its own can take a name twice (most stacks have none).
        guard stack.services.contains(where: { service in
            !service.aliases.isEmpty || service.compose.name.map { $0 != service.name } == true
        }) else { return }
        var owners: [String: (service: String, role: String)] = [:]
        for service in stack.services where owners[service.name] == nil {
            owners[service.name] = (service.name, "name")
        }
        func claim(_ name: String, by service: Service, as role: String, at path: [String]) {
            guard let owner = owners[name] else { return owners[name] = (service.name, role) }
            guard owner.service != service.name || owner.role != role else { return }
            diagnostics.error("\(role) '\(name)' is already the \(owner.role) of service '\(owner.service)'",
                              at: stack.source.location(at: [Key.Stack.services, service.name] + path),
                              expected: "a name no other service is reached by")
        }
        for service in stack.services {
            if let name = service.compose.name, name != service.name {
                claim(name, by: service, as: "compose name", at: ["compose", "name"])
            }
        }
        for service in stack.services {
            for (index, alias) in service.aliases.enumerated() {
                claim(alias, by: service, as: "alias", at: ["aliases", "\(index)"])
            }
        }
    }

    /// nginx on the host reaches compose services through published ports: a routed port that
    /// publishes none is published on 127.0.0.1 at its own number, unless that host port is taken.
    private func publishRoutedPorts(_ stack: inout ResolvedStack, published: [Int: String]) {
        var published = published
        for route in stack.proxy?.routes ?? [] {
            guard let index = stack.services.firstIndex(where: { $0.name == route.service }),
                  stack.services[index].hosts.isEmpty, !stack.services[index].security.hostNetwork,
                  let portIndex = stack.services[index].ports.firstIndex(where: {
                      stack.services[index].port(named: route.port) == $0
                  }),
                  stack.services[index].ports[portIndex].publish == nil else { continue }
            let service = stack.services[index], port = service.ports[portIndex]
            if let other = published[port.port] {
                diagnostics.error(
                    "route '\(route.path)' needs port '\(port.name)' of '\(service.name)' published for nginx on the "
                        + "host, and host port \(port.port) is already published by service '\(other)'",
                    at: stack.location(of: Key.Stack.services, service.name, Key.Service.ports, port.name),
                    expected: "a free host port in 'publish', e.g. {port: 18000, address: 127.0.0.1}")
                continue
            }
            published[port.port] = service.name
            stack.services[index].ports[portIndex].publish = port.port
            stack.services[index].ports[portIndex].publishAddress = "127.0.0.1"
        }
    }

    /// `stack` without its services; `names` are theirs, and `ordered` the same in stack order.
    private func check(_ service: inout Service, in stack: ResolvedStack, names: Set<String>, ordered: [String]) {
        let source = stack.source, serviceName = service.name
        let at = { (path: [String]) in source.location(at: [Key.Stack.services, serviceName] + path) }
        // Spelled only for a message (each service is checked in every environment).
        func what() -> String { "service '\(serviceName)'" }

        checkCapabilities(service.security.capabilities, at: at)
        checkHardening(service.systemd.hardening, at: at)

        // A port declared twice needs two ports: a single one gets no table (an allocation and a hash).
        var seenPorts: [PortNumber: String] = [:]
        for port in service.ports where service.ports.count > 1 {
            let key = PortNumber(port.port, port.protocol)
            if let other = seenPorts[key] {
                diagnostics.error("port \(port.port) is declared twice in \(what()) ('\(other)' and '\(port.name)')",
                                  at: at([Key.Service.ports, port.name,
                                          Key.Port.port]), expected: "each port number once")
            }
            seenPorts[key] = port.name
        }
        checkServicePorts(service, at: at)

        // The probes read out of the service once and written back once, where a port was named
        // (each read of `service.probes` copies all three).
        var probes = service.probes, named = false
        func check(_ probe: inout Probe?, _ kind: String) {
            guard let current = probe else { return }
            if let reference = current.port,
               let port = resolvePort(reference, of: service, at: at([Key.Service.probes, kind, Key.Probe.port]),
                                      what: "the \(kind) probe of \(what())") {
                probe?.usePort(named: port.name)
                named = true
            }
            func check(_ name: String, _ value: ShipshapeModel.Duration?) {
                guard let value, value.wholeSeconds == nil || (name != "initialDelay" && value.milliseconds == 0)
                else { return }
                diagnostics.error("\(name) \(value) of the \(kind) probe is not a whole number of seconds"
                                      + (name == "initialDelay" ? "" : " above 0"),
                                  at: at([Key.Service.probes, kind, name]), expected: "whole seconds such as 5s or 1m")
            }
            check("initialDelay", current.initialDelay)
            check("period", current.period)
            check("timeout", current.timeout)
        }
        check(&probes.liveness, "liveness")
        check(&probes.readiness, "readiness")
        check(&probes.startup, "startup")
        if named { service.probes = probes }

        for dependency in service.dependsOn {
            if dependency.service == service.name {
                diagnostics.error("\(what()) depends on itself", at: at([Key.Service.dependsOn]),
                                  expected: "other services")
            } else if !names.contains(dependency.service) {
                diagnostics.error("\(what()) depends on '\(dependency.service)', which is not a service of this stack",
                                  at: at([Key.Service.dependsOn]),
                                  expected: Suggestions.oneOf(ordered.prefix(13)),
                                  hint: Suggestions.hint(for: dependency.service, in: names))
            }
        }

        for caller in service.allowFrom {
            let location = caller.location ?? at([Key.Service.allowFrom])
            if case let .service(name) = caller.source {
                if name == service.name {
                    diagnostics.error("\(what()) allows calls from itself", at: location,
                                      expected: "other services (a service may always call itself)")
                } else if !names.contains(name) {
                    diagnostics.error("\(what()) allows calls from '\(name)', which is not a service of this stack",
                                      at: location, expected: Suggestions.oneOf(ordered.prefix(13)),
                                      hint: Suggestions.hint(for: name, in: names))
                }
            }
            let known = service.ports.map(\.name)
            for port in caller.ports where !known.contains(port) {
                diagnostics.error("\(what()) has no port '\(port)'", at: location,
                                  expected: known.isEmpty ? "a service with ports" : Suggestions.oneOf(known),
                                  hint: Suggestions.hint(for: port, in: known))
            }
        }

        checkSecrets(of: service, in: stack, at: at, what: what())
        checkContainers(of: service, in: stack, names: names)

        if let autoscale = service.autoscale {
            if autoscale.min < 1 {
                diagnostics.error("autoscale min is \(autoscale.min)",
                                  at: at([Key.Service.autoscale, Key.Autoscale.min]),
                                  expected: "at least 1")
            }
            if autoscale.min > autoscale.max {
                diagnostics.error("autoscale min \(autoscale.min) is above max \(autoscale.max)",
                                  at: at([Key.Service.autoscale, Key.Autoscale.max]), expected: "max at least min")
            }
        }

        let resources = service.resources
        for (resource, request, limit) in [("cpu", resources.requests.cpu, resources.limits.cpu),
                                           ("memory", resources.requests.memory, resources.limits.memory)] {
            if let request, let limit, limit < request {
                diagnostics.error("\(resource) limit \(limit) is below the request \(request)",
                                  at: at([Key.Service.resources, Key.Resources.limits,
                                          resource]), expected: "a limit at least the request")
            }
        }

        if service.isJob {
            if !service.ports.isEmpty {
                diagnostics.error("scheduled job '\(service.name)' declares ports", at: at([Key.Service.ports]),
                                  expected: "no ports on a job")
            }
            if service.autoscale != nil {
                diagnostics.error("scheduled job '\(service.name)' has autoscale", at: at([Key.Service.autoscale]),
                                  expected: "no autoscale on a job")
            }
        }

        var paths: Set<String> = []
        for volume in service.volumes where service.volumes.count > 1 && !paths.insert(volume.path).inserted {
            diagnostics.error("two volumes of \(what()) mount at \(volume.path)",
                              at: at([Key.Service.volumes, volume.name,
                                      Key.Volume.path]), expected: "each mount path once")
        }

        let declared = stack.networks.map(\.name)
        for network in service.networks where !declared.contains(network) {
            diagnostics.error("network '\(network)' is not declared", at: at([Key.Service.networks]),
                              expected: declared.isEmpty
                                  ? "a network under top-level 'networks:'" : Suggestions.oneOf(declared),
                              hint: Suggestions.hint(for: network, in: declared))
        }
        for host in service.hosts where !(Names.isHostName(host) || Addresses.isIP(host)) {
            diagnostics.error("'\(host)' is not a host name or IP address", at: at([Key.Service.hosts]),
                              expected: "a host such as 127.0.0.1 or app1.internal")
        }
    }

    /// The port a reference names; `.number(0)` stands for "not given": the first port.
    /// `location` is computed only for a message: finding it walks the spec tree.
    private func resolvePort(_ reference: PortReference, of service: Service,
                             at location: @autoclosure () -> SourceLocation,
                             what: @autoclosure () -> String) -> ServicePort? {
        if reference == .number(0) {
            guard let first = service.ports.first else {
                diagnostics.error("\(what()) needs a port, and service '\(service.name)' declares none", at: location(),
                                  expected: "a port under 'ports:'")
                return nil
            }
            return first
        }
        guard let port = service.port(named: reference) else {
            let names = service.ports.map(\.name)
            diagnostics.error("\(what()) uses port '\(reference)', which service '\(service.name)' does not declare",
                              at: location(),
                              expected: names.isEmpty
                                  ? "a port under 'ports:'"
                                  : Suggestions.oneOf(service.ports.map { "\($0.name) (\($0.port))" }),
                              hint: Suggestions.hint(for: reference.description, in: names))
            return nil
        }
        return port
    }

    /// The secret references of a service (or of one of its containers): declared secrets and
    /// keys, one file name per key, no variable set twice.
    func checkSecrets(of service: Service, in stack: ResolvedStack, at: ([String]) -> SourceLocation,
                      what: @autoclosure () -> String) {
        var files: [String: SecretRef] = [:]
        for reference in service.secrets {
            // Computed only for a message: finding a location walks the spec tree.
            func location() -> SourceLocation { at([Key.Service.secrets, reference.variable]) }
            guard let secret = stack.secret(named: reference.secret) else {
                let known = stack.secrets.map(\.name)
                diagnostics.error("secret '\(reference.secret)' is not declared", at: location(),
                                  expected: known.isEmpty
                                      ? "a secret declared under 'secrets:'" : Suggestions.oneOf(known),
                                  hint: Suggestions.hint(for: reference.secret, in: known))
                continue
            }
            if !secret.keys.contains(reference.key) {
                diagnostics.error("secret '\(secret.name)' has no key '\(reference.key)'", at: location(),
                                  expected: Suggestions.oneOf(secret.keys),
                                  hint: Suggestions.hint(for: reference.key, in: secret.keys))
            }
            // A file named twice needs two references, and a variable set twice a variable in 'env'.
            if reference.delivery == .file, service.secrets.count > 1 {
                let fileName = reference.fileName
                if let other = files[fileName] {
                    if other.secret != reference.secret || other.key != reference.key {
                        diagnostics.error("\(reference.variable) and \(other.variable) of \(what()) both name the "
                                              + "file \(reference.path)",
                                          at: at([Key.Service.secrets, reference.variable, Key.SecretReference.file]),
                                          expected: "a file name for each secret key")
                    }
                } else {
                    files[fileName] = reference
                }
            }
            guard !service.env.isEmpty else { continue }
            let fileVariable = reference.variable + service.secretFileSuffix
            if reference.delivery == .file, service.env[fileVariable] != nil {
                diagnostics.error("\(fileVariable) is set in 'env' of \(what()), but shipshape sets it for the secret "
                                      + "\(reference.variable) where secrets are files",
                                  at: at([Key.Service.env, fileVariable]), expected: "only the secret reference",
                                  hint: "remove \(fileVariable) from 'env'")
            }
            if service.env[reference.variable] != nil {
                diagnostics.error("\(reference.variable) is set both in 'env' and in 'secrets' of \(what())",
                                  at: location(), expected: "each variable set once")
            }
        }
    }

    /// A port number and protocol: what two ports may not share.
    private struct PortNumber: Hashable {
        let number: Int
        let `protocol`: ServicePort.Transport

        init(_ number: Int, _ protocol: ServicePort.Transport) {
            self.number = number
            self.protocol = `protocol`
        }
    }

    /// The Kubernetes Service's side of the ports: each `servicePort` once, node ports only where
    /// the Service type has them, and a non-default type only on a service with a Service.
    private func checkServicePorts(_ service: Service, at: ([String]) -> SourceLocation) {
        var seen: [PortNumber: ServicePort] = [:]
        for port in service.ports {
            let key = PortNumber(port.clusterPort, port.protocol)
            if service.ports.count > 1, let other = seen[key]?.name,
               port.servicePort != nil || seen[key]?.servicePort != nil {
                diagnostics.error("port \(port.clusterPort) of the Kubernetes Service of service '\(service.name)' is "
                                      + "taken twice ('\(other)' and '\(port.name)')",
                                  at: at([Key.Service.ports, port.name,
                                          port.servicePort == nil ? Key.Port.port : Key.Port.servicePort]),
                                  expected: "each service port once (see 'servicePort')")
            }
            if service.ports.count > 1 { seen[key] = port }
            if port.nodePort != nil, service.serviceType == .clusterIP {
                diagnostics.error("port '\(port.name)' of service '\(service.name)' has a nodePort but the service's "
                                      + "type is ClusterIP",
                                  at: at([Key.Service.ports, port.name, Key.Port.nodePort]),
                                  expected: "serviceType NodePort or LoadBalancer, or no nodePort")
            }
        }
        if service.serviceType != .clusterIP, service.ports.isEmpty || service.isJob {
            let why = service.isJob ? "it is a scheduled job" : "it has no ports"
            diagnostics.error("service '\(service.name)' is of type \(service.serviceType.rawValue) but has no "
                                  + "Kubernetes Service (\(why))",
                              at: at([Key.Service.serviceType]),
                              expected: "ClusterIP, or ports on a long-running service")
        }
    }

    private func checkRoutes(_ stack: inout ResolvedStack) {
        guard var proxy = stack.proxy else { return }
        if let limit = proxy.rateLimit { checkRate(limit, at: ["proxy", "rateLimit"], in: stack) }
        for route in proxy.routes {
            guard let limit = route.rateLimit else { continue }
            checkRate(limit, at: ["proxy", "routes", route.path, "rateLimit"], in: stack)
        }
        for index in proxy.routes.indices {
            let route = proxy.routes[index]
            let source = stack.source
            let at = { (key: String) in source.location(at: [Key.Stack.proxy, Key.Proxy.routes, route.path, key]) }
            checkRoutePath(route.path, at: at(Key.Route.path))
            guard let service = stack.service(named: route.service) else {
                let names = stack.services.map(\.name)
                diagnostics.error("route '\(route.path)' goes to '\(route.service)', "
                                      + "which is not a service of this stack",
                                  at: at(Key.Route.service), expected: Suggestions.oneOf(names),
                                  hint: Suggestions.hint(for: route.service, in: names))
                continue
            }
            if service.isJob {
                diagnostics.error("route '\(route.path)' goes to scheduled job '\(service.name)'",
                                  at: at(Key.Route.service),
                                  expected: "a long-running service")
                continue
            }
            if let port = resolvePort(route.port, of: service, at: at(Key.Route.port), what: "route '\(route.path)'") {
                proxy.routes[index].port = .name(port.name)
            }
            for (i, cidr) in route.allow.enumerated() where !Addresses.isCIDR(cidr) {
                diagnostics.error("'\(cidr)' is not an address or network",
                                  at: source.location(at: [Key.Stack.proxy, Key.Proxy.routes, route.path,
                                                           Key.Route.allow, "\(i)"]),
                                  expected: "an IP address or CIDR such as 10.0.0.0/8")
            }
        }
        stack.proxy = proxy
    }

    /// Capability names from capabilities(7) (`ALL` too); anything else would reach the
    /// container runtime or the kubelet as written.
    private func checkCapabilities(_ capabilities: Capabilities, at: ([String]) -> SourceLocation) {
        for (list, names) in [("drop", capabilities.drop), ("add", capabilities.add)] {
            for (index, name) in names.enumerated() {
                let bare = Capabilities.bare(name)
                guard bare != "ALL", !Capabilities.linux.contains(bare) else { continue }
                let known = Capabilities.linux.sorted()
                diagnostics.error("'\(name)' is not a Linux capability",
                                  at: at([Key.Service.security, Key.Security.capabilities, list, "\(index)"]),
                                  expected: "a name from capabilities(7) such as NET_BIND_SERVICE, or ALL",
                                  hint: Suggestions.hint(for: bare, in: known))
            }
        }
    }

    /// `SystemdOptions.sandboxingDirectives` as a set: every key of every service's hardening
    /// (the production profile gives 27) is looked up.
    private static let sandboxing = Set(SystemdOptions.sandboxingDirectives)

    /// `systemd.hardening` takes sandboxing directives only: a key that grants (User=,
    /// AmbientCapabilities=, ExecStartPre=) would win over the unit's own settings.
    private func checkHardening(_ hardening: OrderedDictionary<String, String>, at: ([String]) -> SourceLocation) {
        if hardening.isEmpty || hardening == passed.map { return }
        let before = diagnostics.diagnostics.count
        defer { if diagnostics.diagnostics.count == before { passed.map = hardening } }
        if let ambient = hardening["AmbientCapabilities"], !ambient.isEmpty {
            diagnostics.error("AmbientCapabilities='\(ambient)' grants capabilities",
                              at: at([Key.Service.systemd, Key.Systemd.hardening, "AmbientCapabilities"]),
                              expected: "an empty value (none); a capability a service needs is not hardening")
        }
        for key in hardening.keys where !Self.sandboxing.contains(key) && key != "AmbientCapabilities" {
            diagnostics.error("'\(key)' is not a systemd sandboxing directive",
                              at: at([Key.Service.systemd, Key.Systemd.hardening, key]),
                              expected: "one of systemd.exec(5)'s sandboxing settings such as ProtectSystem or "
                                  + "RestrictNamespaces (user, type and commands have fields of their own)",
                              hint: Suggestions.hint(for: key, in: SystemdOptions.sandboxingDirectives))
        }
    }

    /// Characters no route path may hold, whichever target consumes it: the nginx site quotes
    /// values, but ingress-nginx copies an Ingress path into its own nginx.conf (the
    /// CVE-2021-25745 / CVE-2022-4886 class), so paths are checked once, here, for all targets.
    static let forbiddenInPaths = Set("{};$\\\"'`#?<>|^".unicodeScalars)

    private func checkRoutePath(_ path: String, at location: @autoclosure () -> SourceLocation) {
        let bad = path.unicodeScalars.first { scalar in
            Self.forbiddenInPaths.contains(scalar) || scalar.properties.isWhitespace || scalar.value < 0x20
                || scalar.value == 0x7F || scalar.properties.generalCategory == .format
        }
        guard path.hasPrefix("/"), bad == nil else {
            let what = bad.map {
                $0.properties.isWhitespace ? "holds whitespace" : "holds '\(Diagnostic.printable(String($0)))'"
            }
                ?? "does not start with '/'"
            diagnostics.error("route path '\(path)' \(what), which an HTTP path for nginx and an Ingress cannot hold",
                              at: location(), expected: "a URL path such as /api/v1 (percent-encode other characters)")
            return
        }
    }

    /// nginx (`limit_req_zone`, and ingress-nginx's `limit-rpm`) counts whole requests per
    /// second or per minute, 1r/m at the slowest; its bucket refills continuously. An hourly rate
    /// is exact only in whole requests per minute: 10 an hour rendered as 1r/m with a burst of
    /// 10 would let about 68 through an hour, so it is an error here rather than a quiet
    /// approximation in the rendered file.
    private func checkRate(_ limit: RateLimit, at path: [String], in stack: ResolvedStack) {
        guard limit.per == .hour, limit.requests % 60 != 0 else { return }
        let perMinute = max(1, limit.requests / 60)
        diagnostics.error(
            "nginx cannot limit to \(limit.requests) requests per hour: it counts whole requests per second "
                + "or per minute (1 a minute at the slowest, refilled continuously), so any rendering would "
                + "let more through",
            at: stack.source.location(at: path + [Key.RateLimit.requests]),
            expected: "a rate per second or per minute, or per hour in multiples of 60",
            hint: "write what nginx will do, e.g. {requests: \(perMinute), per: minute, "
                + "burst: \(limit.requests - 1)} "
                + "(\(limit.requests) at once, then \(perMinute) a minute), and keep the hourly quota in the "
                + "application")
    }

    /// The first dependency cycle, depth first from each service in stack order. Services are
    /// taken by position (a name is hashed once, not at every edge), and the walk keeps its own
    /// stack: a chain of thousands of services needs no deep recursion on a worker thread.
    private func checkCycles(_ stack: ResolvedStack) {
        let services = stack.services
        var position: [String: Int] = [:]
        position.reserveCapacity(services.count)
        for (index, service) in services.enumerated() where position[service.name] == nil {
            position[service.name] = index
        }
        // Each service's dependencies that are services of the stack, itself left out.
        let edges = services.indices.map { index in
            services[index].dependsOn.compactMap { dependency in
                position[dependency.service].flatMap { $0 == index ? nil : $0 }
            }
        }
        var state = [UInt8](repeating: 0, count: services.count)  // 1 on the path, 2 done
        for start in services.indices where state[start] == 0 && position[services[start].name] == start {
            var path: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            while let (node, next) = path.last {
                guard next < edges[node].count else {
                    path.removeLast()
                    state[node] = 2
                    continue
                }
                path[path.count - 1].next += 1
                let target = edges[node][next]
                if state[target] == 1 {
                    let from = path.lastIndex { $0.node == target }!
                    let cycle = path[from...].map { services[$0.node].name } + [services[target].name]
                    diagnostics.error("dependency cycle: " + cycle.joined(separator: " -> "),
                                      at: stack.location(of: Key.Stack.services, services[node].name,
                                                         Key.Service.dependsOn),
                                      expected: "dependencies without cycles")
                    return
                } else if state[target] == 0 {
                    state[target] = 1
                    path.append((target, 0))
                }
            }
        }
    }
}

/// IP addresses and networks as nginx `allow` and NetworkPolicy `ipBlock` take them.
enum Addresses {
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { $0.count <= 3 && !$0.isEmpty && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }
    }

    static func isIPv6(_ text: Substring) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.count <= 8, text.components(separatedBy: "::").count <= 2 else { return false }
        return groups.allSatisfy { $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }
    }

    static func isIP(_ text: String) -> Bool {
        isIPv4(Substring(text)) || isIPv6(Substring(text))
    }

    static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        let v4 = isIPv4(parts[0])
        guard v4 || isIPv6(parts[0]) else { return false }
        guard parts.count == 2 else { return true }
        guard let bits = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return false }
        return (0...(v4 ? 32 : 128)).contains(bits)
    }
}
