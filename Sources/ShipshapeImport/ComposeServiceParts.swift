import Foundation
import ShipshapeModel
import ShipshapeRender

extension ComposeContext {
    // MARK: environment, env_file, secrets

    mutating func environment(_ node: SourceNode, path: String, name: String, into m: inout DocMap) {
        var env: [(key: String, value: DocNode)] = []
        var refs: [(key: String, value: DocNode)] = []
        var suffix: String?
        let mounted = (node["secrets"]?.items ?? []).compactMap { item in plain(item) ?? plain(item["source"]) }
        var used: Set<String> = []
        for (variable, value) in node["environment"]?.members ?? [] {
            let key = "\(path).environment.\(variable)"
            guard Names.isEnvName(variable) else {
                log.lost(value, key, "not an environment variable name the spec accepts", "rename it")
                continue
            }
            if value.isNull {
                log.lost(
                    value, key, "a variable passed through from the host has no value in the stack",
                    "set it under `env`, or read it from a secret")
                continue
            }
            let resolved = plain(value) ?? ""
            // VAR_FILE=/run/secrets/NAME for a secret the service mounts: a secret reference.
            for candidate in ["__FILE", "_FILE"]
            where variable.hasSuffix(candidate) && resolved.hasPrefix("/run/secrets/") {
                let file = String(resolved.dropFirst("/run/secrets/".count))
                guard mounted.contains(file), let (secret, secretKey) = secretNames[file] else { continue }
                refs.append((String(variable.dropLast(candidate.count)), .string("\(secret)/\(secretKey)")))
                if candidate == "__FILE" { suffix = "__FILE" }
                used.insert(file)
                break
            }
            if used.contains(resolved.replacingOccurrences(of: "/run/secrets/", with: "")) { continue }
            let variables = Interpolation.names(value.text ?? "")
            if SecretPatterns.isSecretName(variable) || SecretPatterns.looksSecret(resolved)
                || variables.contains(where: SecretPatterns.isSecretName)
            {
                refs.append((variable, .string(secretReference(variable, value, service: name))))
                continue
            }
            env.append((variable, .string(templated(value) ?? "")))
        }
        for item in node["secrets"]?.items ?? [] {
            guard let file = plain(item) ?? plain(item["source"]) else { continue }
            if item.members != nil, item["target"] != nil || item["uid"] != nil || item["mode"] != nil {
                log.lost(
                    item, "\(path).secrets.\(file)",
                    "secret files are /run/secrets/<secret>-<key>, owned by the service",
                    "read the file the *_FILE variable names")
            }
            guard !used.contains(file) else { continue }
            guard let (secret, key) = secretNames[file] else {
                log.lost(
                    item, "\(path).secrets.\(file)", "a secret the file does not declare",
                    "declare it under top-level `secrets`")
                continue
            }
            let variable = Naming.key(file).uppercased().replacingOccurrences(of: "-", with: "_")
            refs.append((variable, .string("\(secret)/\(key)")))
            log.lost(
                item, "\(path).secrets.\(file)",
                "the program read /run/secrets/\(file); it now reads the file "
                    + "\(variable)_FILE names (/run/secrets/\(secret)-\(key))",
                "point the program at \(variable)_FILE")
        }
        for item in node["env_file"]?.items ?? [node["env_file"]].compactMap({ $0 }) {
            let file = plain(item) ?? plain(item["path"]) ?? ""
            log.lost(
                item, "\(path).env_file", "import does not read env files (they often hold credentials)",
                "put plain variables under `env` and credentials in a secret with `source: {envFile: \(file)}`")
        }
        if !env.isEmpty { m.set("env", DocNode.map(env)) }
        if !refs.isEmpty { m.set("secrets", DocNode.map(refs)) }
        if let suffix { m.set("secretFileSuffix", suffix) }
        for item in node["configs"]?.items ?? [] {
            config(item, path: path, into: &m)
        }
    }

    mutating func config(_ item: SourceNode, path: String, into m: inout DocMap) {
        guard let name = plain(item) ?? plain(item["source"]) else { return }
        let target = plain(item["target"]) ?? "/\(name)"
        let declared = root["configs"]?[name]
        if let file = plain(declared?["file"]),
            let relative = Paths.inside(file, from: declared!.location.file, options: options),
            Paths.isFile(relative, options: options), Names.isMountPath(target)
        {
            configVolumes.append(
                .map([
                    ("name", .string(Naming.label(name, fallback: "config"))), ("path", .string(target)),
                    ("source", .string(relative)),
                ]))
        } else {
            log.lost(
                item, "\(path).configs.\(name)", "a config is mounted from a file inside the stack folder",
                "copy the file beside stack.yaml and add a volume with `source:` at \(target)")
        }
    }

    // MARK: deploy

    func quantity(_ text: String?, memory: Bool) -> String? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if memory {
            let lower = text.lowercased()
            let units: [(String, String)] = [
                ("gb", "Gi"), ("mb", "Mi"), ("kb", "Ki"), ("g", "Gi"), ("m", "Mi"), ("k", "Ki"), ("b", ""),
            ]
            for (unit, k8s) in units where lower.hasSuffix(unit) {
                let number = String(lower.dropLast(unit.count))
                if Double(number) != nil { text = number + k8s }
                break
            }
        }
        return Quantity(text) == nil ? nil : text
    }

    mutating func deploy(_ node: SourceNode, path: String, into m: inout DocMap) {
        let deploy = node["deploy"]
        if let replicas = deploy?["replicas"] ?? node["scale"] {
            if let n = plain(replicas).flatMap({ Int($0) }), n >= 0 {
                m.set("replicas", n)
            } else {
                log.lost(replicas, "\(path).deploy.replicas", "not a whole number", "set `replicas`")
            }
        }
        var limits = DocMap()
        var requests = DocMap()
        let resources = deploy?["resources"]
        func amount(_ source: SourceNode?, _ key: String, memory: Bool, into map: inout DocMap, at name: String) {
            guard let source else { return }
            if let q = quantity(plain(source), memory: memory) {
                map.set(key, q)
            } else {
                log.lost(source, name, "not a quantity", "set it in `resources`")
            }
        }
        amount(
            resources?["limits"]?["cpus"] ?? node["cpus"], "cpu", memory: false, into: &limits,
            at: "\(path).deploy.resources.limits.cpus")
        amount(
            resources?["limits"]?["memory"] ?? node["mem_limit"], "memory", memory: true, into: &limits,
            at: "\(path).deploy.resources.limits.memory")
        amount(
            resources?["reservations"]?["cpus"], "cpu", memory: false, into: &requests,
            at: "\(path).deploy.resources.reservations.cpus")
        amount(
            resources?["reservations"]?["memory"] ?? node["mem_reservation"], "memory", memory: true, into: &requests,
            at: "\(path).deploy.resources.reservations.memory")
        for part in ["limits", "reservations"] {
            for (key, value) in resources?[part]?.members ?? [] where !["cpus", "memory"].contains(key) {
                log.lost(
                    value, "\(path).deploy.resources.\(part).\(key)", "the spec has CPU and memory only",
                    key == "devices" ? "schedule GPUs with an escape-hatch patch" : "drop it")
            }
        }
        var r = DocMap()
        r.setNonEmpty("requests", requests.node)
        r.setNonEmpty("limits", limits.node)
        if !r.members.isEmpty { m.set("resources", r.node) }
        for (key, value) in deploy?.members ?? [] {
            switch key {
            case "replicas", "resources": continue
            case "mode" where plain(value) == "replicated": continue  // compose's default
            case "restart_policy":
                if let condition = plain(value["condition"]), node["restart"] == nil {
                    let policy = ["none": "no", "on-failure": "on-failure", "any": "always"][condition]
                    if let policy { m.set("restart", policy) }
                }
                for (k, v) in value.members ?? [] where k != "condition" {
                    log.lost(
                        v, "\(path).deploy.restart_policy.\(k)", "the spec has no restart delay or attempts",
                        "nothing; the target's defaults apply")
                }
            case "update_config", "rollback_config":
                log.lost(
                    value, "\(path).deploy.\(key)", "swarm update settings do not map to a rolling update",
                    "set `rollout: {maxSurge, maxUnavailable}`")
            case "labels":
                log.lost(value, "\(path).deploy.labels", "swarm service labels do not carry over", "use `labels`")
            default:
                log.lost(
                    value, "\(path).deploy.\(key)", "the spec has no swarm '\(key)'", "drop it, or patch the output")
            }
        }
    }

    // MARK: volumes

    mutating func volumes(_ node: SourceNode, path: String, service: String, into m: inout DocMap) {
        var result: [DocNode] = configVolumes
        configVolumes = []
        var names: Set<String> = []
        func unique(_ base: String) -> String {
            var name = Naming.label(base, fallback: "data")
            var n = 2
            while names.contains(name) {
                name = "\(Naming.label(base, fallback: "data"))-\(n)"
                n += 1
            }
            names.insert(name)
            return name
        }
        let declared = root["volumes"]?.members ?? []
        let label = Naming.label(service)
        for item in node["volumes"]?.items ?? [] {
            var type: String
            var source: String?
            var target: String?
            var readOnly = false
            if item.members != nil {
                type = plain(item["type"]) ?? "volume"
                source = plain(item["source"])
                target = plain(item["target"])
                readOnly = item["read_only"]?.bool ?? false
                for (key, value) in item.members ?? [] where !["type", "source", "target", "read_only"].contains(key)
                {
                    log.lost(value, "\(path).volumes.\(key)", "the spec has no mount option '\(key)'", "drop it")
                }
            } else {
                let parts = (plain(item) ?? "").split(separator: ":", omittingEmptySubsequences: false).map(
                    String.init)
                if parts.count == 1 {
                    source = nil
                    target = parts[0]
                } else {
                    source = parts[0]
                    target = parts[1]
                }
                if parts.count > 2 {
                    let modes = parts[2].split(separator: ",")
                    readOnly = modes.contains("ro")
                    for mode in modes where !["ro", "rw"].contains(mode) {
                        log.lost(item, "\(path).volumes", "the spec has no mount mode '\(mode)'", "drop it")
                    }
                }
                let s = source ?? ""
                type =
                    source == nil
                    ? "volume"
                    : (s.hasPrefix(".") || s.hasPrefix("/") || s.hasPrefix("~") || s.hasPrefix("$")
                        ? "bind" : "volume")
            }
            guard let target, Names.isMountPath(target) else {
                log.lost(item, "\(path).volumes", "not a mount path the spec accepts", "mount at an absolute path")
                continue
            }
            switch type {
            case "tmpfs":
                result.append(
                    .map([
                        ("name", .string(unique(URL(fileURLWithPath: target).lastPathComponent))),
                        ("path", .string(target)), ("scratch", .bool(true)),
                    ]))
            case "bind":
                let relative = source.flatMap { Paths.inside($0, from: item.location.file, options: options) }
                if let relative, Paths.isFile(relative, options: options) {
                    var v = DocMap()
                    v.set("name", unique(URL(fileURLWithPath: target).lastPathComponent))
                    v.set("path", target)
                    v.set("source", relative)
                    if !readOnly { v.set("readOnly", false) }
                    result.append(v.node)
                } else {
                    log.lost(
                        item, "\(path).volumes",
                        "a bind mount of a host folder, or of a path outside the stack folder: "
                            + "the spec mounts files of the stack folder only",
                        "copy config files beside stack.yaml and "
                            + "mount them with `source:`; keep data in a persistent volume (`size:`)")
                }
            default:
                guard let source else {
                    log.lost(
                        item, "\(path).volumes", "an anonymous volume; it is now scratch space",
                        "give it a name and a `size` to keep its data")
                    result.append(
                        .map([
                            ("name", .string(unique(URL(fileURLWithPath: target).lastPathComponent))),
                            ("path", .string(target)), ("scratch", .bool(true)),
                        ]))
                    continue
                }
                let name = unique(source.hasPrefix("\(label)-") ? String(source.dropFirst(label.count + 1)) : source)
                if "\(label)-\(name)" != source {
                    log.lost(
                        item, "\(path).volumes",
                        "a named volume is per service: '\(source)' is now '\(label)-\(name)'",
                        "copy the data over, or keep the old name with an escape-hatch patch")
                }
                if let spec = declared.first(where: { $0.key == source })?.value {
                    for (key, value) in spec.members ?? [] {
                        log.lost(
                            value, "volumes.\(source).\(key)", "the spec has no volume '\(key)'",
                            "configure the volume on the host")
                    }
                }
                var v = DocMap()
                v.set("name", name)
                v.set("path", target)
                v.set("size", "1Gi")
                if readOnly { v.set("readOnly", true) }
                result.append(v.node)
            }
        }
        for item in node["tmpfs"]?.items ?? [node["tmpfs"]].compactMap({ $0 }) {
            guard let target = plain(item)?.split(separator: ":").first.map(String.init), Names.isMountPath(target)
            else { continue }
            result.append(
                .map([
                    ("name", .string(unique(URL(fileURLWithPath: target).lastPathComponent))),
                    ("path", .string(target)), ("scratch", .bool(true)),
                ]))
        }
        if !result.isEmpty { m.set("volumes", DocNode.list(result)) }
    }

    // MARK: healthcheck, security

    mutating func probes(_ node: SourceNode, path: String, into m: inout DocMap) {
        guard let check = node["healthcheck"] else { return }
        if check["disable"]?.bool == true { return }
        var test: [String] = []
        if let items = check["test"]?.items {
            test = items.compactMap(\.text)
        } else if let text = check["test"]?.text {
            test = ["CMD-SHELL", text]
        }
        guard let kind = test.first, kind != "NONE" else { return }
        var p = DocMap()
        let shell = test.count > 1 ? Interpolation.resolved(test[1]) : ""
        let httpPrefix = "curl -fsS 'http://localhost:"
        let httpSuffix = "' >/dev/null || exit 1"
        let ports = m.members.first { $0.key == "ports" }?.value
        func hasPort(_ number: Int) -> Bool {
            guard case .list(let items)? = ports else { return false }
            return items.contains {
                if case .map(let mm) = $0 { return mm.contains { $0.key == "port" && $0.value == .int(number) } }
                return false
            }
        }
        if kind == "CMD-SHELL", shell.hasPrefix(httpPrefix), shell.hasSuffix(httpSuffix) {
            let url = shell.dropFirst(httpPrefix.count).dropLast(httpSuffix.count)
            let slash = url.firstIndex(of: "/") ?? url.endIndex
            if let number = Int(url[..<slash]), hasPort(number) {
                p.set("http", String(url[slash...]).isEmpty ? "/" : String(url[slash...]))
                p.set("port", number)
            }
        } else if kind == "CMD-SHELL", shell.hasPrefix("nc -z localhost "), shell.hasSuffix(" || exit 1"),
            let number = Int(shell.dropFirst(16).dropLast(10)), hasPort(number)
        {
            p.set("tcp", true)
            p.set("port", number)
        }
        if p.members.isEmpty {
            let words: [String] =
                kind == "CMD-SHELL" ? ["sh", "-c", test.count > 1 ? test[1] : ""] : Array(test.dropFirst())
            p.set("exec", DocNode.list(words.map { .string(interpolation.templated($0, at: check.location)) }))
        }
        for (key, field) in [("interval", "period"), ("timeout", "timeout"), ("start_period", "initialDelay")] {
            guard let value = check[key] else { continue }
            if let d = Duration(plain(value) ?? ""), let seconds = d.wholeSeconds {
                p.set(field, "\(seconds)s")
            } else {
                log.lost(
                    value, "\(path).healthcheck.\(key)", "probe timings are whole seconds", "round it to seconds")
            }
        }
        if let retries = check["retries"], let n = plain(retries).flatMap({ Int($0) }) {
            p.set("failureThreshold", n)
        }
        for (key, value) in check.members ?? []
        where !["test", "interval", "timeout", "start_period", "retries", "disable"].contains(key) {
            log.lost(value, "\(path).healthcheck.\(key)", "the spec has no '\(key)' on a probe", "drop it")
        }
        m.set("probes", DocNode.map([("readiness", p.node)]))
    }

    mutating func security(_ node: SourceNode, path: String, into m: inout DocMap) {
        probes(node, path: path, into: &m)
        var s = DocMap()
        if let user = plain(node["user"]) {
            let parts = user.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.allSatisfy(Names.isUserName) {
                s.set("user", parts[0])
                if parts.count > 1 { s.set("group", parts[1]) }
            } else {
                log.lost(
                    node["user"], "\(path).user", "not a user id or name the spec accepts", "set `security.user`")
            }
        }
        if let ro = node["read_only"]?.bool { s.set("readOnlyRootFilesystem", ro) }
        if let privileged = node["privileged"]?.bool { s.set("privileged", privileged) }
        for option in node["security_opt"]?.items ?? [] {
            let text = plain(option) ?? ""
            if ["no-new-privileges:true", "no-new-privileges", "no-new-privileges=true"].contains(text) {
                s.set("allowPrivilegeEscalation", false)
            } else {
                log.lost(
                    option, "\(path).security_opt",
                    "the spec has no '\(text.split(separator: ":").first ?? "")' option",
                    "use the runtime's default profile, or patch the output")
            }
        }
        var caps = DocMap()
        if let drop = node["cap_drop"]?.strings { caps.set("drop", DocNode.list(drop.map(DocNode.string))) }
        if let add = node["cap_add"]?.strings { caps.set("add", DocNode.list(add.map(DocNode.string))) }
        if !caps.members.isEmpty { s.set("capabilities", caps.node) }
        if let mode = plain(node["network_mode"]) {
            if mode == "host" {
                s.set("hostNetwork", true)
            } else if mode != "bridge" {
                log.lost(
                    node["network_mode"], "\(path).network_mode", "the spec has no network mode '\(mode)'",
                    "join a network under `networks`")
            }
        }
        for (key, field) in [("pid", "hostPID"), ("ipc", "hostIPC")] {
            guard let value = node[key] else { continue }
            if plain(value) == "host" {
                s.set(field, true)
            } else {
                log.lost(value, "\(path).\(key)", "the spec shares the host's \(key) namespace or none", "drop it")
            }
        }
        if !s.members.isEmpty { m.set("security", s.node) }
    }
}
