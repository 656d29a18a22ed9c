import Foundation
import ShipshapeModel
import ShipshapeRender

/// A stack built from one merged compose file, before it is printed.
struct ComposeStack {
    var members: [(key: String, value: DocNode)]

    func part(_ key: String) -> [(key: String, value: DocNode)] {
        if case .map(let m)? = members.first(where: { $0.key == key })?.value { return m }
        return []
    }

    var services: [(key: String, value: DocNode)] { part("services") }
    var secrets: [(key: String, value: DocNode)] { part("secrets") }
    var networks: [(key: String, value: DocNode)] { part("networks") }
}

/// Why a compose key cannot carry over, and what to do instead.
enum ComposeLosses {
    static let service: [String: (String, String)] = [
        "build": (
            "shipshape deploys images and does not build them", "build and push the image in CI; `image` names it"
        ),
        "container_name": ("names come from the stack and service", "refer to the service by its name"),
        "logging": ("the spec has no logging driver", "configure logging on the host or cluster"),
        "extra_hosts": ("the spec has no host-file entries", "use DNS names, or an escape-hatch patch (hostAliases)"),
        "dns": ("the spec has no DNS settings", "configure DNS on the host or cluster"),
        "dns_search": ("the spec has no DNS settings", "configure DNS on the host or cluster"),
        "hostname": ("the spec has no host name setting", "services are reached by their name"),
        "domainname": ("the spec has no domain name setting", "services are reached by their name"),
        "stop_signal": ("the spec has no stop signal", "make the process stop on SIGTERM"),
        "init": ("the spec has no init process setting", "add tini or dumb-init to the image"),
        "tty": ("the spec has no terminal setting", "run without a terminal"),
        "stdin_open": ("the spec has no stdin setting", "run without stdin"),
        "shm_size": ("the spec has no shared memory size", "mount a `scratch` volume at /dev/shm"),
        "sysctls": ("the spec has no sysctls", "set them on the host or in an escape-hatch patch"),
        "devices": ("the spec has no device mounts", "run it outside shipshape or patch the output"),
        "platform": ("the spec has no platform setting", "publish a multi-arch image"),
        "links": ("links are legacy; services reach each other by name", "use `dependsOn` for start order"),
        "external_links": ("the spec has no links to containers outside the stack", "add the service to the stack"),
        "extends": ("import does not follow `extends`", "repeat the extended settings in the service"),
        "group_add": ("the spec has no supplementary groups", "set `security.group`"),
        "mem_swappiness": ("the spec has no swap setting", "leave it to the host"),
        "oom_score_adj": ("the spec has no OOM score", "set memory limits (`resources.limits.memory`)"),
        "cgroup_parent": ("the spec has no cgroup setting", "leave it to the runtime"),
        "userns_mode": ("the spec has no user namespace setting", "leave it to the runtime"),
        "runtime": ("the spec has no runtime setting", "configure the runtime on the host"),
        "isolation": ("the spec has no isolation setting", "leave it to the runtime"),
        "mac_address": ("the spec has no MAC address setting", "leave it to the network"),
        "volumes_from": ("the spec has no shared container volumes", "give each service its own volume"),
        "cpu_shares": ("the spec has relative CPU shares only as requests", "set `resources.requests.cpu`"),
        "cpuset": ("the spec has no CPU pinning", "set `resources.limits.cpu`"),
        "storage_opt": ("the spec has no storage driver options", "leave it to the runtime"),
        "attach": ("the spec has no log attach setting", "nothing: logs are collected by the runtime"),
        "annotations": ("compose annotations do not carry over", "set `annotations` on the service"),
        "develop": ("compose watch settings are for development only", "keep a compose override file for them"),
        "post_start": ("the spec has no lifecycle hooks", "run the step in the entrypoint"),
        "pre_stop": ("the spec has no lifecycle hooks", "run the step in the entrypoint"),
    ]

    static let top: [String: (String, String)] = [
        "include": ("import does not follow `include`", "give the included files as further FILE arguments"),
        "configs": ("configs are read where services mount them", "nothing"),
    ]
}

/// Builds stack parts from one merged compose file.
struct ComposeContext {
    let stack: String
    let options: ImportOptions
    let log: ImportLog
    var interpolation = Interpolation()
    /// Compose secret name -> (stack secret, key).
    var secretNames: [String: (secret: String, key: String)] = [:]
    var stackSecrets: [(name: String, keys: [String], source: DocNode?)] = []
    var networkNames: [String: String] = [:]
    var root = SourceNode(.null, at: .start(of: ""))
    /// Volumes from `configs`, added with the service's volumes.
    var configVolumes: [DocNode] = []
    /// The folder each input file's relative paths start from, by the path its locations name.
    var folders: [String: String] = [:]
    /// nginx services whose site becomes `proxy:`.
    var sites: [NginxSiteImport] = []

    /// The folder relative paths in `node`'s file start from.
    func folder(of node: SourceNode) -> String {
        folders[node.location.file] ?? URL(fileURLWithPath: node.location.file).deletingLastPathComponent().path
    }

    /// The stack name, `services`, `secrets`, `networks`, `targets`.
    mutating func stack(_ root: SourceNode) -> ComposeStack {
        self.root = root
        for (key, value) in root.members ?? [] where !key.hasPrefix("x-") {
            switch key {
            case "version", "name", "services", "secrets", "networks", "volumes", "configs": continue
            default:
                let (why, fix) =
                    ComposeLosses.top[key] ?? ("the spec has no top-level '\(key)'", "drop it or patch the output")
                log.lost(value, key, why, fix)
            }
        }
        planSecrets()
        let networks = self.networks()
        sites = []
        for (name, node) in root["services"]?.members ?? [] {
            if let site = NginxSiteImport.detect(name, node, folder: folder(of: node), plain: plain) {
                sites.append(site)
            }
        }
        if sites.count > 1 { sites = [] }  // several proxies: each stays a service
        var services: [(key: String, value: DocNode)] = []
        for (name, node) in root["services"]?.members ?? [] where !sites.contains(where: { $0.service == name }) {
            if let service = service(name, node) { services.append((Naming.label(name), service)) }
        }
        let proxy = sites.first.flatMap { self.proxy($0, services: services) }
        var targets: [DocNode] = [.string("compose")]
        if proxy != nil { targets.append(.string("nginx")) }
        var m: [(key: String, value: DocNode)] = [("stack", .string(stack)), ("targets", .list(targets))]
        if let site = sites.first, proxy != nil, let version = nginxVersion(site) {
            m.append(("nginx", .map([("version", .string(version))])))
        }
        if !networks.isEmpty { m.append(("networks", .map(networks))) }
        m.append(("services", .map(services)))
        if let proxy { m.append(("proxy", proxy)) }
        var secrets: [(key: String, value: DocNode)] = []
        for secret in stackSecrets {
            var s = DocMap()
            s.set("keys", DocNode.list(secret.keys.map(DocNode.string)))
            s.set("source", secret.source)
            secrets.append((secret.name, s.node))
        }
        if !secrets.isEmpty { m.append(("secrets", .map(secrets))) }
        return ComposeStack(members: m)
    }

    /// The version of an `nginx:<version>[-variant]` image; another image is a loss.
    func nginxVersion(_ site: NginxSiteImport) -> String? {
        let image = plain(site.node["image"]) ?? ""
        let tag = image.split(separator: ":").dropFirst().first.map(String.init) ?? ""
        let version = String(tag.prefix { $0.isNumber || $0 == "." })
        let parts = version.split(separator: ".")
        guard image.hasPrefix("nginx:"), (2...3).contains(parts.count), !version.hasSuffix("."),
            tag == version || tag == "\(version)-alpine"
        else {
            log.lost(
                site.node["image"], "services.\(site.service).image",
                "the proxy runs the official nginx:<version>-alpine image",
                "set `nginx.version`; shipshape picks the image")
            return parts.count >= 2 ? version : nil
        }
        return version
    }

    /// `values` from the variables met; secret-looking ones stay empty (their value is not copied).
    func values() -> DocNode? {
        var values: [(key: String, value: DocNode)] = []
        for variable in interpolation.variables where !values.contains(where: { $0.key == variable.name }) {
            let secret =
                SecretPatterns.isSecretName(variable.name)
                || variable.fallback.map(SecretPatterns.looksSecret) == true
            values.append((variable.name, .string(secret ? "" : variable.fallback ?? "")))
            if variable.fallback == nil || secret {
                let node = SourceNode(.null, at: variable.location)
                log.lost(
                    node, "${\(variable.name)}",
                    secret
                        ? "a secret-looking variable is not copied; values.\(variable.name) is empty"
                        : "a variable without a default; values.\(variable.name) is empty",
                    secret
                        ? "read it from a secret (`secrets:`) instead of a value"
                        : "set values.\(variable.name) in the stack or in each environment's overlay")
            }
        }
        return values.isEmpty ? nil : .map(values)
    }

    // MARK: strings

    /// A string with compose variables resolved to their defaults (for numbers, paths, names).
    func plain(_ node: SourceNode?) -> String? { node?.text.map(Interpolation.resolved) }

    /// A string for the stack: variables become `${values.NAME}`.
    mutating func templated(_ node: SourceNode) -> String? {
        guard let text = node.text else { return nil }
        return interpolation.templated(text, at: node.location)
    }

    mutating func words(_ node: SourceNode) -> DocNode? {
        if let items = node.items {
            return .list(items.compactMap { item in templated(item).map(DocNode.string) })
        }
        guard let text = node.text else { return nil }
        return .list(text.shellWords.map { .string(interpolation.templated($0, at: node.location)) })
    }

    // MARK: networks

    mutating func networks() -> [(key: String, value: DocNode)] {
        var result: [(key: String, value: DocNode)] = []
        let declared = root["networks"]?.members ?? []
        let services = root["services"]?.members ?? []
        let used = services.contains { $0.value["networks"] != nil }
        guard used || !declared.isEmpty else { return [] }
        // Services without `networks` are on `default`. A declared network no service joins is
        // dropped, as compose itself drops it (it creates only the networks services use).
        let implicit = services.contains { $0.value["networks"] == nil && $0.value["network_mode"] == nil }
        let joined = Set(services.flatMap { $0.value["networks"]?.members?.map(\.key) ?? [] })
        for (name, node) in declared where joined.contains(name) || (name == "default" && implicit) {
            let label = Naming.label(name, fallback: "network")
            networkNames[name] = label
            var n = DocMap()
            for (key, value) in node.members ?? [] {
                switch key {
                case "internal": n.set("internal", value.bool)
                default:
                    log.lost(
                        value, "networks.\(name).\(key)", "the spec describes a network by `internal` only",
                        key == "external"
                            ? "create the network with the stack (import declares it)"
                            : "configure the network on the host")
                }
            }
            result.append((label, n.node))
        }
        if used, implicit, !result.contains(where: { $0.key == "default" }) {
            networkNames["default"] = "default"
            result.insert(("default", .map([])), at: 0)
        }
        return result
    }

    // MARK: secrets

    /// Splits compose secret names into stack secrets and keys: names sharing a prefix up to
    /// a '-' form one secret (`app-secrets-db-password` -> `app-secrets` / `db-password`), the
    /// way shipshape names them when it renders compose.
    mutating func planSecrets() {
        let declared = root["secrets"]?.members ?? []
        let names = declared.map(\.key)
        for (name, node) in declared {
            var secret: String
            var key: String
            let prefixes = name.indices.filter { name[$0] == "-" }.map { String(name[...$0]) }
            let fileName = plain(node["file"]).map { URL(fileURLWithPath: $0).lastPathComponent } ?? ""
            if !fileName.isEmpty, name.hasSuffix("-\(fileName)"), name.count > fileName.count + 1 {
                secret = String(name.dropLast(fileName.count + 1))
                key = fileName
            } else if let prefix = prefixes.reversed().first(where: { p in
                names.filter { $0.hasPrefix(p) && $0 != name }.count >= 1
            }) {
                secret = String(prefix.dropLast())
                key = String(name.dropFirst(prefix.count))
            } else if let dash = name.firstIndex(of: "-") {
                secret = String(name[..<dash])
                key = String(name[name.index(after: dash)...])
            } else {
                secret = Naming.label(name, fallback: "secret")
                key = "value"
            }
            secret = Naming.label(secret, fallback: "secret")
            key = Naming.key(key)
            if "\(secret)-\(key)" != name {
                log.lost(
                    node, "secrets.\(name)",
                    "shipshape names secret files <secret>-<key>; this one is now "
                        + "/run/secrets/\(secret)-\(key)",
                    "point the program at \(Naming.key(name).uppercased())_FILE")
            }
            secretNames[name] = (secret, key)
            let source = secretSource(name, node, secret: secret, key: key)
            if let index = stackSecrets.firstIndex(where: { $0.name == secret }) {
                if !stackSecrets[index].keys.contains(key) { stackSecrets[index].keys.append(key) }
            } else {
                stackSecrets.append((secret, [key], source))
            }
        }
    }

    func secretSource(_ name: String, _ node: SourceNode, secret: String, key: String) -> DocNode {
        if node["external"]?.bool == true || node["external"]?.members != nil {
            let external = plain(node["name"]) ?? name
            if external != "\(secret)-\(key)" {
                log.lost(
                    node["name"] ?? node, "secrets.\(name).name", "an existing secret is found as <existing>-<key>",
                    "rename the existing secret to \(secret)-\(key)")
            }
            return .map([("existing", .string(secret))])
        }
        let folder = "secrets/\(secret)"
        if let fileNode = node["file"], let file = plain(fileNode) {
            let path = Paths.inside(file, from: root.location.file, options: options)
            let url = URL(fileURLWithPath: path ?? file)
            if let path, url.lastPathComponent == key {
                let dir = (path as NSString).deletingLastPathComponent
                variableFolder(fileNode, name: name, now: "\(dir.isEmpty ? "." : dir) in the stack's folder")
                return .map([("files", .string(dir.isEmpty ? "." : dir))])
            }
            if path == nil, file.hasPrefix("/") {
                return hostFile(fileNode, file: file, name: name, secret: secret, key: key)
            }
            log.secret(
                node["file"]!, "secrets.\(name).file", "\(secret)/\(key)",
                "put the value in \(folder)/\(key) beside stack.yaml (keep it out of git)")
        } else if node["environment"] != nil {
            log.lost(
                node["environment"], "secrets.\(name).environment",
                "the spec reads secrets from files, not variables",
                "write the value to \(folder)/\(key) beside stack.yaml (keep it out of git)")
        }
        return .map([("files", .string(folder))])
    }

    /// The folder the spec reads existing secrets from on a compose host: files named
    /// `<existing>-<key>` in `$SHIPSHAPE_SECRETS_DIR`, by default systemd's credential store.
    static let hostSecretsVariable = "SHIPSHAPE_SECRETS_DIR"
    static let hostSecretsDefault = "/etc/credstore"

    /// A secret file on the host, outside the stack folder (an absolute path, often chosen by a
    /// variable: `${SECRETS:-/run/keys}/db-password`): a secret that exists already, read from the
    /// spec's host folder as `<existing>-<key>`. What differs from the source is a loss.
    func hostFile(_ node: SourceNode, file: String, name: String, secret: String, key: String) -> DocNode {
        let url = URL(fileURLWithPath: file)
        let fileName = url.lastPathComponent
        let hostFolder = url.deletingLastPathComponent().path
        var existing = secret
        if fileName.hasSuffix("-\(key)"), fileName.count > key.count + 1,
            Names.isDNSLabel(String(fileName.dropLast(key.count + 1)))
        {
            existing = String(fileName.dropLast(key.count + 1))
        }
        let spec = "${\(Self.hostSecretsVariable):-\(Self.hostSecretsDefault)}"
        if fileName != "\(existing)-\(key)" {
            log.lost(
                node, "secrets.\(name).file",
                "a secret on the host is read from the file <existing>-<key>; this one is now "
                    + "\(spec)/\(existing)-\(key)",
                "rename the host file to \(existing)-\(key)")
        }
        // The folder: shipshape's variable with its default, or a literal /etc/credstore, read the same.
        let variables = Interpolation.names(node.text ?? "")
        if hostFolder != Self.hostSecretsDefault || variables.contains(where: { $0 != Self.hostSecretsVariable }) {
            let from = variables.isEmpty ? "" : " (chosen by ${\(variables.joined(separator: "}, ${"))})"
            log.lost(
                node, "secrets.\(name).file",
                "secrets on the host are read from \(spec), not \(hostFolder)\(from)",
                "set \(Self.hostSecretsVariable)=\(hostFolder) where compose runs, or move the files")
        }
        return .map([("existing", .string(existing))])
    }

    /// A secret file whose path a variable chose: the stack keeps the default only.
    func variableFolder(_ node: SourceNode, name: String, now: String) {
        let variables = Interpolation.names(node.text ?? "")
        guard !variables.isEmpty else { return }
        log.lost(
            node, "secrets.\(name).file",
            "the file's path came from ${\(variables.joined(separator: "}, ${"))}; it is now \(now)",
            "give each environment its own `source` in its overlay")
    }

    /// A plain value that looks like a credential: a reference to `<stack>-secrets/<key>`.
    mutating func secretReference(_ variable: String, _ node: SourceNode, service: String) -> String {
        let secret = "\(stack)-secrets"
        let key = Naming.key(variable)
        if let index = stackSecrets.firstIndex(where: { $0.name == secret }) {
            if !stackSecrets[index].keys.contains(key) { stackSecrets[index].keys.append(key) }
        } else {
            stackSecrets.append((secret, [key], .map([("files", .string("secrets/\(secret)"))])))
        }
        log.secret(
            node, "services.\(service).environment.\(variable)", "\(secret)/\(key)",
            "put the value in secrets/\(secret)/\(key) beside stack.yaml (keep it out of git); "
                + "the program now reads the file named by \(variable)_FILE")
        return "\(secret)/\(key)"
    }
}

/// Host paths: relative to the stack folder, when they lead inside it.
enum Paths {
    /// `path` (relative to the compose file's folder, or absolute) relative to the output
    /// folder, when it is inside it.
    static func inside(_ path: String, from file: String, options: ImportOptions) -> String? {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let absolute = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        let full = absolute.standardizedFileURL.path
        let root = options.outFolder.hasSuffix("/") ? options.outFolder : options.outFolder + "/"
        guard full.hasPrefix(root) else { return nil }
        return String(full.dropFirst(root.count))
    }

    static func isFile(_ relative: String, options: ImportOptions) -> Bool {
        var isDirectory: ObjCBool = false
        let path = (options.outFolder as NSString).appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
