import Foundation
import ShipshapeModel
import ShipshapeRender

extension ComposeContext {
    /// Keys a service maps; each other key is a loss.
    static let handled: Set<String> = [
        "image", "entrypoint", "command", "working_dir", "environment", "env_file", "secrets", "ports", "expose",
        "healthcheck", "depends_on", "restart", "deploy", "networks", "network_mode", "volumes", "tmpfs", "user",
        "read_only", "privileged", "cap_add", "cap_drop", "security_opt", "pid", "ipc", "labels", "profiles",
        "configs", "mem_limit", "mem_reservation", "cpus", "scale", "stop_grace_period", "ulimits", "pull_policy",
    ]

    /// Whether a service is the nginx proxy shipshape renders for `proxy:`.
    static func isShipshapeProxy(_ node: SourceNode) -> Bool {
        guard let image = node["image"]?.text, image.hasPrefix("nginx:") else { return false }
        return (node["volumes"]?.items ?? []).contains {
            $0.text?.contains(":/etc/nginx/conf.d/default.conf") == true
        }
    }

    mutating func service(_ name: String, _ node: SourceNode) -> DocNode? {
        let path = "services.\(name)"
        if Self.isShipshapeProxy(node) {
            if let location = NginxSiteImport.unreadable(node, folder: folder(of: node), plain: plain) {
                log.lost(
                    SourceNode(.null, at: location), "\(path).volumes",
                    "its site is not nginx configuration import can read (nginx -t would stop here)",
                    "fix the site; import reads it for `proxy:`")
            }
            log.lost(
                node, path, "an nginx proxy whose routes live in a site file import could not read",
                "describe it under `proxy:` (hosts, routes, tls); shipshape renders this service and its site from it"
            )
            return nil
        }
        let keepsName = Naming.label(name) != name && Names.isComposeServiceName(name)
            && Names.isServiceName(Naming.label(name))
        if !keepsName, !Names.isServiceName(Naming.label(name)) || Naming.label(name) != name {
            log.lost(
                node, path, "service names are DNS labels; this one is now '\(Naming.label(name))'",
                "refer to it by the new name")
        }
        var m = DocMap()
        var ports: [DocNode] = []
        var portNames: Set<String> = []
        var portsByNumber: [Int: String] = [:]
        for (key, value) in node.members ?? [] where !key.hasPrefix("x-") && !Self.handled.contains(key) {
            let (why, fix) = ComposeLosses.service[key] ?? ("the spec has no '\(key)'", "drop it or patch the output")
            log.lost(value, "\(path).\(key)", why, fix)
        }
        // image
        if let image = node["image"], let text = templated(image) {
            m.set("image", text)
        } else {
            m.set("image", "\(stack)/\(Naming.label(name)):latest")
            if node["build"] == nil {
                log.lost(node, "\(path).image", "a service needs an image", "set `image`")
            }
        }
        let labels = node["labels"]?.members ?? []
        let schedule = labels.first { $0.key == "shipshape.schedule" }?.value
        if let entrypoint = node["entrypoint"] { m.set("command", words(entrypoint)) }
        if let command = node["command"] { m.set("args", words(command)) }
        if let dir = node["working_dir"] { m.set("workingDir", plain(dir)) }
        // ports
        func addPort(_ number: Int, publish: Int?, udp: Bool, at item: SourceNode) {
            if let existing = portsByNumber[number] {
                log.lost(
                    item, "\(path).ports", "port \(number) is published twice; a port has one host port",
                    "keep one; port '\(existing)' is published once")
                return
            }
            let portName = Naming.port(number, taken: portNames)
            portNames.insert(portName)
            portsByNumber[number] = portName
            var p = DocMap()
            p.set("name", portName)
            p.set("port", number)
            if udp { p.set("protocol", "udp") }
            p.set("publish", publish)
            ports.append(p.node)
        }
        for item in node["ports"]?.items ?? [] {
            guard let spec = Self.port(item, plain: plain) else {
                log.lost(
                    item, "\(path).ports", "not a port the spec can express (a range, or no container port)",
                    "list each port once with its number")
                continue
            }
            if let host = spec.hostIP, host != "0.0.0.0", host != "::" {
                log.lost(
                    item, "\(path).ports",
                    "the spec cannot say which host address a port is published on "
                        + "(it is published on every address)",
                    "firewall the port, or publish it only in the development overlay")
            }
            addPort(spec.container, publish: spec.published, udp: spec.udp, at: item)
        }
        for item in node["expose"]?.items ?? [] {
            let text = plain(item) ?? ""
            let parts = text.split(separator: "/")
            guard let number = parts.first.flatMap({ Int($0) }), (1...65535).contains(number) else {
                log.lost(item, "\(path).expose", "not a single port number", "list each port once")
                continue
            }
            if portsByNumber[number] == nil { addPort(number, publish: nil, udp: parts.last == "udp", at: item) }
        }
        if !ports.isEmpty { m.set("ports", DocNode.list(ports)) }
        // environment and secrets
        environment(node, path: path, name: name, into: &m)
        // depends_on
        var dependencies: [DocNode] = []
        for (dependency, spec) in node["depends_on"]?.members ?? [] {
            let condition = plain(spec["condition"]) ?? "service_started"
            let target = Naming.label(dependency)
            if let other = root["services"]?[dependency], Self.isShipshapeProxy(other) { continue }
            if sites.contains(where: { $0.service == dependency }) { continue }
            switch condition {
            case "service_healthy": dependencies.append(.string(target))
            case "service_started":
                dependencies.append(.map([("service", .string(target)), ("condition", .string("started"))]))
            default:
                dependencies.append(.map([("service", .string(target)), ("condition", .string("started"))]))
                log.lost(
                    spec["condition"], "\(path).depends_on.\(dependency).condition",
                    "the spec waits for a dependency to start or be healthy, not to complete",
                    "run the one-off step in the service's entrypoint or as a scheduled job")
            }
            for (key, value) in spec.members ?? [] where key != "condition" {
                log.lost(
                    value, "\(path).depends_on.\(dependency).\(key)", "the spec has no '\(key)' on a dependency",
                    "nothing; dependencies are always required")
            }
        }
        if !dependencies.isEmpty { m.set("dependsOn", DocNode.list(dependencies)) }
        // replicas, resources, restart
        deploy(node, path: path, into: &m)
        if let restart = plain(node["restart"]) {
            let policy = restart.split(separator: ":").first.map(String.init) ?? restart
            if ["always", "on-failure", "unless-stopped", "no"].contains(policy) {
                if schedule == nil { m.set("restart", policy) }
                if restart.contains(":") {
                    log.lost(
                        node["restart"], "\(path).restart", "the spec has no retry count",
                        "nothing; it retries without limit")
                }
            } else {
                log.lost(
                    node["restart"], "\(path).restart", "not a restart policy",
                    "use always, on-failure, unless-stopped or no")
            }
        }
        lifecycle(node, path: path, into: &m)
        // networks
        var networks: [DocNode] = []
        for (network, spec) in node["networks"]?.members ?? [] {
            networks.append(.string(networkNames[network] ?? Naming.label(network)))
            for (key, value) in spec.members ?? [] {
                log.lost(
                    value, "\(path).networks.\(network).\(key)", "the spec has no per-network '\(key)'",
                    "reach the service by its name")
            }
        }
        if !networks.isEmpty {
            m.set("networks", DocNode.list(networks))
        } else if networkNames["default"] != nil, node["network_mode"] == nil {
            m.set("networks", DocNode.list([.string("default")]))
        }
        // volumes
        volumes(node, path: path, service: name, into: &m)
        // schedule (shipshape's jobs) and profiles
        if let schedule, let cron = plain(schedule) {
            var s = DocMap()
            s.set("cron", cron)
            if let zone = labels.first(where: { $0.key == "shipshape.timezone" }), plain(zone.value) != "UTC" {
                s.set("timezone", plain(zone.value))
            }
            m.set("schedule", s.node)
        }
        if let profiles = node["profiles"], !(schedule != nil && profiles.strings == ["jobs"]) {
            log.lost(
                profiles, "\(path).profiles", "the spec starts every service in every environment it has",
                "remove the service from environments that do not run it (`services: {\(name): null}` in an overlay)")
        }
        security(node, path: path, into: &m)
        var kept: [(key: String, value: DocNode)] = []
        for (key, value) in labels where !key.hasPrefix("shipshape.") {
            let text = plain(value) ?? ""
            if Names.isLabelKey(key), Names.isLabelValue(text) {
                kept.append((key, .string(text)))
            } else {
                log.lost(
                    value, "\(path).labels.\(key)", "not a label every target accepts (Kubernetes label rules)",
                    "put it under `annotations`, or patch the output")
            }
        }
        if !kept.isEmpty { m.set("labels", DocNode.map(kept)) }
        // `plausible_db` is a service `plausible-db` whose compose name, which other services'
        // URLs hold, stays `plausible_db`.
        if keepsName { m.set("compose", DocNode.map([("name", .string(name))])) }
        return m.node
    }

    struct PortSpec {
        var container: Int
        var published: Int?
        var hostIP: String?
        var udp: Bool
    }

    static func port(_ item: SourceNode, plain: (SourceNode?) -> String?) -> PortSpec? {
        if item.members != nil {
            guard let target = plain(item["target"]).flatMap({ Int($0) }) else { return nil }
            let published = plain(item["published"]).flatMap { Int($0) }
            if plain(item["published"]) != nil, published == nil { return nil }
            return PortSpec(
                container: target, published: published, hostIP: plain(item["host_ip"]),
                udp: plain(item["protocol"]) == "udp")
        }
        guard var text = plain(item) else { return nil }
        var udp = false
        if text.hasSuffix("/udp") {
            udp = true
            text.removeLast(4)
        } else if text.hasSuffix("/tcp") {
            text.removeLast(4)
        }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var host: String?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            parts = text[text.index(after: close)...].split(separator: ":").map(String.init)
        } else if parts.count == 3 {
            host = parts.removeFirst()
        }
        guard let container = parts.last.flatMap({ Int($0) }), (1...65535).contains(container) else { return nil }
        var published: Int?
        if parts.count == 2 {
            if parts[0].isEmpty {
                published = nil
            } else {
                guard let p = Int(parts[0]), (1...65535).contains(p) else { return nil }
                published = p
            }
        }
        return PortSpec(
            container: container, published: published, hostIP: host?.isEmpty == true ? nil : host, udp: udp)
    }
}
