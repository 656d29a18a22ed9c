import Foundation
import OrderedCollections
import ShipshapeModel

/// Reads one merged service tree into a `Service`.
struct ServiceDecoder {
    let diagnostics: DiagnosticCollector
    /// Parts of the project's services decoded once for every environment.
    var shared = SharedDecodes.none
    /// Shared by the services this decoder reads (see `ParsedValues`).
    let parsed = ParsedValues()

    func decode(name: String, _ node: SpecNode) -> Service? {
        let f = Fields(node, diagnostics, object: SpecSchema.service)
        let image = f.required(Key.Service.image, "service '\(name)'", f.string)
        let ports = f.items(Key.Service.ports).compactMap { port($0) }
        let schedule = f.object(Key.Service.schedule).flatMap { self.schedule($0) }
        let compose = f.object(Key.Service.compose)
        var service = Service(
            name: name,
            blueprint: f.string(Key.Service.from),
            description: f.string(Key.Service.description),
            image: image ?? "",
            version: f.string(Key.Service.version),
            command: f.strings(Key.Service.command),
            args: f.strings(Key.Service.args),
            workingDir: f.value(Key.Service.workingDir, Names.mountPathForm) { Names.isMountPath($0) ? $0 : nil },
            ports: ports,
            env: env(f),
            secrets: shared.secrets.value(f[Key.Service.secrets]) { secretRefs(member: $0) },
            secretFileSuffix: f.defaulted(Key.Service.secretFileSuffix, of: Key.Service.self) {
                $0.value($1, "a suffix of letters, digits and '_'") { s in
                    !s.isEmpty && Bytes.all(s, Self.isWordByte) ? s : nil
                }
            },
            dependsOn: shared.dependsOn.value(f[Key.Service.dependsOn]) { dependsOn(member: $0) },
            allowFrom: f.items(Key.Service.allowFrom).compactMap { allowedCaller($0) },
            replicas: f.defaulted(Key.Service.replicas, of: Key.Service.self) { $0.int($1, in: 0...10_000) },
            resources: shared.resources.value(f[Key.Service.resources]) { resources(member: $0) },
            probes: shared.probes.value(f[Key.Service.probes]) { probes(member: $0) },
            autoscale: shared.autoscale.value(f[Key.Service.autoscale]) { autoscale(member: $0) },
            rollout: shared.rollout.value(f[Key.Service.rollout]) { rollout(member: $0) },
            volumes: shared.volumes.value(f[Key.Service.volumes]) { volumes(member: $0) },
            schedule: schedule,
            security: security(f.object(Key.Service.security)),
            restart: f.choice(Key.Service.restart, RestartPolicy.self) ?? (schedule == nil ? .always : .onFailure),
            stopGracePeriod: stopGracePeriod(f),
            restartDelay: f.duration(Key.Service.restartDelay, parsed),
            ulimits: ulimits(f),
            pullPolicy: f.choice(Key.Service.pullPolicy, PullPolicy.self),
            labels: labelMap(f, Key.Service.labels),
            annotations: annotations(f),
            networks: f.strings(Key.Service.networks) ?? [],
            hosts: f.strings(Key.Service.hosts) ?? [],
            systemd: systemd(f.object(Key.Service.systemd)),
            compose: ComposeOptions(
                healthcheck: compose?.strings(Key.Compose.healthcheck),
                patch: PatchDecoder(diagnostics: diagnostics).compose(compose)),
            kubernetesPatches: PatchDecoder(diagnostics: diagnostics).kubernetes(f.object(Key.Service.kubernetes)),
            ignore: f.items(Key.Service.ignore).compactMap { IgnoreDecoder(diagnostics: diagnostics).decode($0) },
            serviceType: f.defaulted(Key.Service.serviceType, of: Key.Service.self) { $0.choice($1, ServiceType.self) },
            container: f.value(Key.Service.container, Names.dnsLabelForm) { Names.isDNSLabel($0) ? $0 : nil }
        )
        if image == nil { service.image = "" }
        service.aliases = aliases(f)
        service.optOuts = f.items(Key.Service.optOut).compactMap { OptOutDecoder(diagnostics: diagnostics).decode($0) }
        service.compose.name = compose?.value(Key.Compose.name, Names.composeServiceNameForm) {
            Names.isComposeServiceName($0) ? $0 : nil
        }
        decodeContainers(f, into: &service)
        checkSecretMount(service, f)
        return service
    }

    /// An ASCII letter, digit or '_' (what a secret file suffix is made of), told by its byte:
    /// every service of every environment asks, and a character's Unicode properties cost more.
    static func isWordByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    /// Secrets are mounted at `SecretRef.folder` (volume `SecretRef.volumeName` on Kubernetes):
    /// a volume of the service may not take that name or that path.
    private func checkSecretMount(_ service: Service, _ f: Fields) {
        for (index, volume) in service.volumes.enumerated() {
            let items = f[Key.Service.volumes]?.sequence ?? []
            let node = index < items.count ? items[index] : nil
            if volume.name == SecretRef.volumeName {
                diagnostics.error("volume name '\(SecretRef.volumeName)' is reserved",
                                  at: node?[Key.Volume.name]?.location ?? f.location,
                                  expected: "another name (shipshape mounts the service's secrets under it)")
            }
            if service.secrets.contains(where: { $0.delivery == .file }),
               volume.path == SecretRef.folder || volume.path.hasPrefix(SecretRef.folder + "/") {
                diagnostics.error("volume '\(volume.name)' is mounted at \(volume.path), "
                                      + "where the service's secrets are",
                                  at: node?[Key.Volume.path]?.location ?? f.location,
                                  expected: "a mount path outside \(SecretRef.folder)")
            }
        }
    }

    func env(_ f: Fields) -> OrderedDictionary<String, String> {
        let env = f.stringMap(Key.Service.env)
        for name in env.keys where !Names.isEnvName(name) {
            diagnostics.error("'\(name)' is not a valid environment variable name",
                              at: f[Key.Service.env]?[name]?.keyLocation ?? f.location, expected: Names.envNameForm)
        }
        return env
    }

    // MARK: parts read from one member each (kept in `SharedDecodes` where they are the same)

    private func object(_ member: SpecNode?) -> Fields? { Fields(mapping: member, diagnostics) }

    func probes(member: SpecNode?) -> Probes { probes(object(member)) }
    func resources(member: SpecNode?) -> Resources { resources(object(member)) }
    func autoscale(member: SpecNode?) -> Autoscale? { object(member).flatMap { autoscale($0) } }
    func rollout(member: SpecNode?) -> Rollout? { object(member).flatMap { rollout($0) } }
    func volumes(member: SpecNode?) -> [Volume] { (member?.sequence ?? []).compactMap { volume($0) } }
    func dependsOn(member: SpecNode?) -> [Dependency] { (member?.sequence ?? []).compactMap { dependency($0) } }

    func secretRefs(_ f: Fields) -> [SecretRef] { secretRefs(member: f[Key.Service.secrets]) }

    func secretRefs(member: SpecNode?) -> [SecretRef] {
        guard let members = member?.mapping else { return [] }
        return members.compactMap { variable, node in
            if !Names.isEnvName(variable) {
                diagnostics.error("'\(variable)' is not a valid environment variable name",
                                  at: node.keyLocation ?? node.location, expected: Names.envNameForm)
            }
            if node.isMapping { return longSecretRef(variable, node) }
            // Never quoted: what stands here instead of a reference is most often the secret itself.
            guard let (secret, key) = node.scalar.flatMap(Self.reference) else {
                diagnostics.error("the value of secret '\(variable)' is not a reference "
                                      + "(not shown: it may be the secret itself)", at: node.location,
                                  expected: "'secret-name/key', naming a secret under 'secrets:'")
                return nil
            }
            return SecretRef(variable: variable, secret: secret, key: key)
        }
    }

    /// `secret/key` split at its one `/`, with text on both sides; nil otherwise. Text whose every
    /// byte is a character (all a name can be) is split on its bytes, in place; other text on its
    /// characters.
    static func reference(_ text: String) -> (String, String)? {
        if let split = Bytes.withCharacterBytes(text, { bytes -> (String, String)? in
            guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash > 0, slash < bytes.count - 1,
                  !bytes[(slash + 1)...].contains(UInt8(ascii: "/")) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<slash]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[(slash + 1)...]), as: UTF8.self))
        }) {
            return split
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// `VAR: {secret, key, as: env|file, file: NAME}`: the delivery chosen per reference.
    private func longSecretRef(_ variable: String, _ node: SpecNode) -> SecretRef? {
        let f = Fields(node, diagnostics)
        let what = "secret reference '\(variable)'"
        // Names only: neither is quoted back in an error (either may hold a pasted value).
        func name(_ key: String) -> String? {
            f.required(key, what) { f.value($0, "a name declared under 'secrets:'") { text in
                !text.isEmpty && !text.contains("/") ? text : nil
            } }
        }
        guard let secret = name(Key.SecretReference.secret), let key = name(Key.SecretReference.key) else { return nil }
        let delivery = f.defaulted(Key.SecretReference.as,
                                   of: Key.SecretReference.self) { $0.choice($1, SecretRef.Delivery.self) }
        var file: String?
        if let node = f[Key.SecretReference.file] {
            if delivery == .env {
                diagnostics.error("'file' names a file, but \(what) is delivered as an environment variable",
                                  at: node.keyLocation ?? node.location,
                                  expected: "'as: file' with 'file', or 'as: env' without it")
                return nil
            }
            file = f.value(Key.SecretReference.file, SecretRef.fileNameForm) { text in
                let name = text.hasPrefix(SecretRef.folder + "/") ? String(text.dropFirst(SecretRef.folder.count + 1))
                    : text
                return SecretRef.isFileName(name) ? name : nil
            }
            if file == nil { return nil }
        }
        return SecretRef(variable: variable, secret: secret, key: key, delivery: delivery, file: file)
    }

    private func port(_ node: SpecNode) -> ServicePort? {
        let f = Fields(node, diagnostics)
        guard let name = f.string(Key.Port.name),
              let number = f.required(Key.Port.port, "port '\(name)'",
                                      { f.int($0, in: 1...65535) })
        else { return nil }
        if !Names.isPortName(name) {
            diagnostics.error("'\(name)' is not a valid port name", at: f[Key.Port.name]?.location,
                              expected: Names.portNameForm)
        }
        var publish: Int?, address: String?
        if let object = f.object(Key.Port.publish) {
            publish = object.required(Key.Publish.port, "publish of port '\(name)'") { object.int($0, in: 1...65535) }
            address = object.value(Key.Publish.address, ServicePort.hostAddressForm) {
                ServicePort.isHostAddress($0) ? $0 : nil
            }
        } else {
            publish = f.int(Key.Port.publish, in: 1...65535)
        }
        return ServicePort(name: name, port: number,
                           protocol: f.defaulted(Key.Port.protocol,
                                                 of: Key.Port.self) { $0.choice($1, ServicePort.Transport.self) },
                           publish: publish, publishAddress: address,
                           servicePort: f.int(Key.Port.servicePort, in: 1...65535),
                           nodePort: f.int(Key.Port.nodePort, in: 30000...32767))
    }

    /// More than 0: a zero grace kills at once on compose and Kubernetes, but systemd reads
    /// `TimeoutStopSec=0` as "wait forever".
    private func stopGracePeriod(_ f: Fields) -> ShipshapeModel.Duration? {
        guard let period = f.duration(Key.Service.stopGracePeriod, parsed) else { return nil }
        guard period.milliseconds > 0 else {
            diagnostics.error("stopGracePeriod is 0, which kills at once on compose and Kubernetes but waits "
                                  + "forever on systemd", at: f[Key.Service.stopGracePeriod]?.location,
                              expected: "a duration above 0, such as 30s")
            return nil
        }
        return period
    }

    /// `ulimits: {nofile: 65536, nproc: {soft: 1024, hard: 4096}}`, by the names compose knows.
    private func ulimits(_ f: Fields) -> [Ulimit] {
        guard let members = f[Key.Service.ulimits]?.mapping else { return [] }
        return members.compactMap { name, node in
            guard Ulimit.names.contains(name) else {
                diagnostics.error("'\(Fields.shorten(name))' is not a resource limit compose knows",
                                  at: node.keyLocation ?? node.location,
                                  expected: Suggestions.oneOf(Ulimit.names, limit: Ulimit.names.count),
                                  hint: Suggestions.hint(for: name, in: Ulimit.names))
                return nil
            }
            let range = Ulimit.unlimited...Int.max
            if node.isMapping {
                let limit = Fields(node, diagnostics)
                let what = "ulimit '\(name)'"
                guard let soft = limit.required(Key.Ulimit.soft, what, { limit.int($0, in: range) }),
                      let hard = limit.required(Key.Ulimit.hard, what, { limit.int($0, in: range) }) else { return nil }
                guard Ulimit(name: name, soft: soft, hard: hard).isOrdered else {
                    diagnostics.error("the soft limit of '\(name)' (\(soft)) is above its hard limit (\(hard))",
                                      at: limit[Key.Ulimit.soft]?.location ?? node.location,
                                      expected: "soft at most hard")
                    return nil
                }
                return Ulimit(name: name, soft: soft, hard: hard)
            }
            guard let value = Fields.convert(node, "a whole number of at least 0, -1 for no limit, or {soft, hard}",
                                             diagnostics, {
                Int($0).flatMap { range.contains($0) ? $0 : nil }
            }) else { return nil }
            return Ulimit(name: name, soft: value, hard: value)
        }
    }

    private func dependency(_ node: SpecNode) -> Dependency? {
        if let name = node.scalar { return Dependency(service: name, condition: Self.defaultCondition) }
        let f = Fields(node, diagnostics)
        let condition = Self.condition(f)
        guard let service = f.required(Key.Dependency.service, "dependency", f.string) else { return nil }
        return Dependency(service: service, condition: condition)
    }

    private static func condition(_ f: Fields) -> Dependency.Condition {
        f.defaulted(Key.Dependency.condition, of: Key.Dependency.self) { $0.choice($1, Dependency.Condition.self) }
    }

    /// The condition of a dependency given by name only: the built-in default, read once.
    private static let defaultCondition = condition(Fields(BuiltinDefaults.node(for: Key.Dependency.self),
                                                          DiagnosticCollector()))

    /// `allowFrom` entries: a service name, or `{service | namespace, namespaceLabels, pods, ports}`.
    private func allowedCaller(_ node: SpecNode) -> AllowedCaller? {
        if let name = node.scalar { return AllowedCaller(.service(name), location: node.location) }
        let f = Fields(node, diagnostics)
        let ports = f.strings(Key.AllowedCaller.ports) ?? []
        for (index, port) in ports.enumerated() where !Names.isPortName(port) {
            diagnostics.error("'\(Fields.shorten(port))' is not a port name",
                              at: f[Key.AllowedCaller.ports]?.sequence?[index].location,
                              expected: Names.portNameForm)
        }
        let namespace = f.value(Key.AllowedCaller.namespace, Names.dnsLabelForm) { Names.isDNSLabel($0) ? $0 : nil }
        let namespaceLabels = labelMap(f, Key.AllowedCaller.namespaceLabels),
            pods = labelMap(f, Key.AllowedCaller.pods)
        if let service = f.string(Key.AllowedCaller.service) {
            let others = [Key.AllowedCaller.namespace, Key.AllowedCaller.namespaceLabels, Key.AllowedCaller.pods]
            if let other = others.first(where: { f[$0] != nil }) {
                diagnostics.error("'\(other)' chooses pods, but this entry names service '\(service)'",
                                  at: f[other]?.keyLocation ?? f.location,
                                  expected: "either 'service' or 'namespace'/'namespaceLabels'/'pods'")
                return nil
            }
            return AllowedCaller(.service(service), ports: ports, location: f.location)
        }
        guard f[Key.AllowedCaller.namespace] != nil || f[Key.AllowedCaller.namespaceLabels] != nil
            || f[Key.AllowedCaller.pods] != nil else {
            diagnostics.error("this entry names no caller", at: f.location,
                              expected: "'service', or 'namespace', 'namespaceLabels' or 'pods'")
            return nil
        }
        if f[Key.AllowedCaller.namespace] != nil, f[Key.AllowedCaller.namespaceLabels] != nil {
            diagnostics.error("'namespaceLabels' and 'namespace' both choose the namespace",
                              at: f[Key.AllowedCaller.namespaceLabels]?.keyLocation ?? f.location,
                              expected: "one of them")
            return nil
        }
        return AllowedCaller(.pods(namespace: namespace, namespaceLabels: namespaceLabels, labels: pods),
                             ports: ports, location: f.location)
    }

    /// A map of Kubernetes labels (`labels`, `pods`, `namespaceLabels`), each key and value checked.
    private func labelMap(_ f: Fields, _ key: String) -> OrderedDictionary<String, String> {
        let labels = f.stringMap(key)
        for (name, value) in labels {
            let node = f[key]?.mapping?[name]
            if !Names.isLabelKey(name) {
                diagnostics.error("'\(Fields.shorten(name))' is not a valid label key",
                                  at: node?.keyLocation ?? node?.location, expected: Names.labelKeyForm)
            } else if !Names.isLabelValue(value) {
                diagnostics.error("'\(Fields.shorten(value))' is not a valid label value", at: node?.location,
                                  expected: Names.labelValueForm)
            }
        }
        return labels
    }

    func resources(_ f: Fields?) -> Resources {
        func amounts(_ f: Fields?) -> ResourceAmounts {
            ResourceAmounts(cpu: f?.quantity(Key.ResourceAmounts.cpu, parsed),
                            memory: f?.quantity(Key.ResourceAmounts.memory, parsed))
        }
        return Resources(requests: amounts(f?.object(Key.Resources.requests)),
                         limits: amounts(f?.object(Key.Resources.limits)))
    }

    private func probes(_ f: Fields?) -> Probes {
        Probes(liveness: f?.object(Key.Probes.liveness).flatMap { probe($0) },
               readiness: f?.object(Key.Probes.readiness).flatMap { probe($0) },
               startup: f?.object(Key.Probes.startup).flatMap { probe($0) })
    }

    private func probe(_ f: Fields) -> Probe? {
        let port = f.value(Key.Probe.port, "a port name or number") { PortReference($0) } ?? .number(0)
        let kinds = [Key.Probe.http, Key.Probe.tcp, Key.Probe.exec, Key.Probe.grpc].filter { f.has($0) }
        guard kinds.count == 1 else {
            diagnostics.error(kinds.isEmpty
                                  ? "the probe says nothing to check"
                                  : "the probe has both '\(kinds[0])' and '\(kinds[1])'",
                              at: f.location, expected: "exactly one of 'http', 'tcp', 'exec' or 'grpc'")
            return nil
        }
        if kinds[0] != "http", let headers = f[Key.Probe.headers] {
            diagnostics.error("'headers' is given on a \(kinds[0]) probe", at: headers.keyLocation ?? headers.location,
                              expected: "headers on an http probe only")
        }
        let check: Probe.Check
        switch kinds[0] {
        case Key.Probe.http:
            guard let path = f.value(Key.Probe.http, "a path starting with '/'",
                                     { $0.hasPrefix("/") ? $0 : nil }) else {
                return nil
            }
            check = .http(path: path, port: port, headers: headers(f))
        case Key.Probe.tcp:
            guard f.bool(Key.Probe.tcp) == true else {
                diagnostics.error("'tcp' must be true when given", at: f[Key.Probe.tcp]?.location, expected: "true")
                return nil
            }
            check = .tcp(port: port)
        case Key.Probe.grpc:
            if let object = f.object(Key.Probe.grpc) {
                check = .grpc(port: port, service: object.string(Key.GRPCCheck.service))
            } else {
                guard f.bool(Key.Probe.grpc) == true else {
                    diagnostics.error("'grpc' must be true or {service: NAME} when given",
                                      at: f[Key.Probe.grpc]?.location,
                                      expected: "true or {service: NAME}")
                    return nil
                }
                check = .grpc(port: port, service: nil)
            }
        default:
            guard let command = f.strings(Key.Probe.exec), !command.isEmpty else {
                diagnostics.error("the exec probe has no command", at: f[Key.Probe.exec]?.location ?? f.location,
                                  expected: "a non-empty list of words")
                return nil
            }
            check = .exec(command)
        }
        return Probe(check: check, initialDelay: f.duration(Key.Probe.initialDelay, parsed),
                     period: f.duration(Key.Probe.period, parsed),
                     timeout: f.duration(Key.Probe.timeout, parsed),
                     successThreshold: f.int(Key.Probe.successThreshold, in: 1...1000),
                     failureThreshold: f.int(Key.Probe.failureThreshold, in: 1...1000))
    }

    /// The request headers of an http probe: names are HTTP tokens, values have no line breaks,
    /// so no header can add another or end the request (Kubernetes `httpHeaders`, `curl -H`).
    private func headers(_ f: Fields) -> [HTTPHeader] {
        let headers = f.stringMap(Key.Probe.headers)
        for (name, value) in headers {
            let node = f[Key.Probe.headers]?.mapping?[name]
            if !HTTPHeader.isName(name) {
                diagnostics.error("'\(Fields.shorten(name))' is not a valid HTTP header name",
                                  at: node?.keyLocation ?? node?.location, expected: HTTPHeader.nameForm)
            } else if !HTTPHeader.isValue(value) {
                diagnostics.error("the value of header '\(name)' has a line break or control character",
                                  at: node?.location, expected: HTTPHeader.valueForm)
            }
        }
        return headers.map { HTTPHeader(name: $0.key, value: $0.value) }
    }

    private func autoscale(_ f: Fields) -> Autoscale? {
        guard let min = f.required(Key.Autoscale.min, "autoscale", { f.int($0, in: 0...10_000) }),
              let max = f.required(Key.Autoscale.max, "autoscale", { f.int($0, in: 0...10_000) }) else { return nil }
        func metrics(_ key: String) -> [MetricTarget] {
            f.items(key).compactMap { node in
                let m = Fields(node, diagnostics)
                guard let metric = m.string(Key.MetricTarget.metric),
                      let average = m.required(Key.MetricTarget.averageValue, "metric '\(metric)'",
                                               m.quantity) else { return nil }
                return MetricTarget(metric: metric, averageValue: average,
                                    selector: m.stringMap(Key.MetricTarget.selector))
            }
        }
        let targets = [Key.Autoscale.cpu, Key.Autoscale.memory, Key.Autoscale.pods, Key.Autoscale.external]
        if !targets.contains(where: f.has) {
            diagnostics.error("autoscale names no metric", at: f.location, expected: "cpu, memory, pods or external")
        }
        return Autoscale(min: min, max: max, cpu: f.percent(Key.Autoscale.cpu), memory: f.percent(Key.Autoscale.memory),
                         pods: metrics(Key.Autoscale.pods), external: metrics(Key.Autoscale.external))
    }

    private func rollout(_ f: Fields) -> Rollout? {
        let surge = f.required(Key.Rollout.maxSurge,
                               "rollout") { f.value($0, IntOrPercent.expectedForm, IntOrPercent.init) }
        let unavailable = f.required(Key.Rollout.maxUnavailable, "rollout") {
            f.value($0, IntOrPercent.expectedForm, IntOrPercent.init)
        }
        guard let surge, let unavailable else { return nil }
        if surge.isZero, unavailable.isZero {
            diagnostics.error("maxSurge and maxUnavailable are both 0, so a rollout can never progress", at: f.location,
                              expected: "at least one of them above 0")
        }
        return Rollout(maxSurge: surge, maxUnavailable: unavailable)
    }

    private func volume(_ node: SpecNode) -> Volume? {
        let f = Fields(node, diagnostics)
        guard let name = f.string(Key.Volume.name),
              let path = f.required(Key.Volume.path, "volume '\(name)'",
                                    f.string) else { return nil }
        if !Names.isDNSLabel(name) {
            diagnostics.error("'\(name)' is not a valid volume name", at: f[Key.Volume.name]?.location,
                              expected: Names.dnsLabelForm)
        }
        if !Names.isMountPath(path) {
            diagnostics.error("mount path '\(Fields.shorten(path))' is not valid", at: f[Key.Volume.path]?.location,
                              expected: Names.mountPathForm)
        }
        let sources = [Key.Volume.size, Key.Volume.source, Key.Volume.scratch].filter { f.has($0) }
        guard sources.count == 1 else {
            diagnostics.error(sources.isEmpty
                                  ? "volume '\(name)' says nothing about where its data lives"
                                  : "volume '\(name)' has both '\(sources[0])' and '\(sources[1])'",
                              at: f.location,
                              expected: "exactly one of 'size' (persistent), 'source' (a file of the stack) "
                                  + "or 'scratch: true'")
            return nil
        }
        let source: Volume.Source
        switch sources[0] {
        case Key.Volume.size:
            guard let size = f.quantity(Key.Volume.size, parsed) else { return nil }
            source = .persistent(size: size)
        case Key.Volume.source:
            guard let path = f.value(Key.Volume.source, "a relative path inside the stack folder",
                                     { Self.isInsideStack($0) ? $0 : nil }) else { return nil }
            source = .bind(path: path, contents: "")
        default:
            guard f.bool(Key.Volume.scratch) == true else {
                diagnostics.error("'scratch' must be true when given", at: f[Key.Volume.scratch]?.location,
                                  expected: "true")
                return nil
            }
            source = .scratch
        }
        let readOnly = f.bool(Key.Volume.readOnly) ?? (sources[0] == "source")
        return Volume(name: name, path: path, source: source, readOnly: readOnly)
    }

    /// A relative path that stays inside the stack folder: no leading `/`, no `..` component.
    static func isInsideStack(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.contains("\0")
    }

    private func schedule(_ f: Fields) -> Schedule? {
        // UTC unless given: a CronJob without timeZone runs in the controller's zone, and a timer
        // without one in the host's.
        let timezone = f.defaulted(Key.Schedule.timezone, of: Key.Schedule.self) {
            $0.value($1, "an IANA time zone such as America/Bogota or UTC", Self.timeZone)
        }
        let concurrency = f.defaulted(Key.Schedule.concurrency,
                                      of: Key.Schedule.self) { $0.choice($1, Schedule.Concurrency.self) }
        guard let cronNode = f[Key.Schedule.cron] else {
            diagnostics.error("schedule has no 'cron'", at: f.location, expected: "a value for 'cron'")
            return nil
        }
        guard let text = cronNode.scalar else {
            diagnostics.error("found \(cronNode.kindDescription)", at: cronNode.location,
                              expected: CronExpression.expectedForm)
            return nil
        }
        switch CronExpression.parse(text) {
        case let .success(cron):
            return Schedule(cron: cron, timezone: timezone, concurrency: concurrency)
        case let .failure(error):
            diagnostics.error("'\(Fields.shorten(text))' is not a valid cron expression: \(error.reason)",
                              at: cronNode.location, expected: CronExpression.expectedForm)
            return nil
        }
    }

    /// An IANA zone name (Area/Location, or UTC), known to the time zone database.
    static func timeZone(_ name: String) -> String? {
        guard name == "UTC" || name.contains("/"), name.utf8.count <= 64,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_-+".contains($0)) }),
              TimeZone(identifier: name) != nil else { return nil }
        return name
    }

    /// A user or group name or id.
    private func user(_ f: Fields, _ key: String) -> String? {
        f.value(key, Names.userNameForm) { Names.isUserName($0) ? $0 : nil }
    }

    /// Labels: keys and values as Kubernetes takes them (they label every object).

    /// Annotations: keys as Kubernetes takes them; values are free text.
    private func annotations(_ f: Fields) -> OrderedDictionary<String, String> {
        let annotations = f.stringMap(Key.Service.annotations)
        for key in annotations.keys where !Names.isLabelKey(key) {
            let node = f[Key.Service.annotations]?.mapping?[key]
            diagnostics.error("'\(Fields.shorten(key))' is not a valid annotation key",
                              at: node?.keyLocation ?? node?.location, expected: Names.labelKeyForm)
        }
        return annotations
    }

    private func security(_ f: Fields?) -> Security {
        let f = f ?? Fields(BuiltinDefaults.node(for: Key.Security.self), diagnostics)
        func flag(_ key: String) -> Bool { f.defaulted(key, of: Key.Security.self) { $0.bool($1) } }
        let caps = f.object(Key.Security.capabilities)
        return Security(
            user: user(f, Key.Security.user), group: user(f, Key.Security.group),
            runAsNonRoot: flag(Key.Security.runAsNonRoot),
            readOnlyRootFilesystem: flag(Key.Security.readOnlyRootFilesystem),
            allowPrivilegeEscalation: flag(Key.Security.allowPrivilegeEscalation),
            privileged: flag(Key.Security.privileged),
            capabilities: Capabilities(drop: caps?.strings(Key.Capabilities.drop) ?? [],
                                       add: caps?.strings(Key.Capabilities.add) ?? []),
            hostNetwork: flag(Key.Security.hostNetwork), hostPID: flag(Key.Security.hostPID),
            hostIPC: flag(Key.Security.hostIPC))
    }

    private func systemd(_ f: Fields?) -> SystemdOptions {
        guard let f else { return SystemdOptions() }
        return SystemdOptions(
            unit: f.string(Key.Systemd.unit), hostUnit: f.string(Key.Systemd.hostUnit),
            user: user(f, Key.Systemd.user), group: user(f, Key.Systemd.group),
            workingDirectory: f.string(Key.Systemd.workingDirectory), type: f.string(Key.Systemd.type),
            execPath: f.string(Key.Systemd.execPath),
            command: f.strings(Key.Systemd.command),
            readWritePaths: f.strings(Key.Systemd.readWritePaths) ?? [],
            environmentFiles: f.strings(Key.Systemd.environmentFiles) ?? [],
            hardening: f.stringMap(Key.Systemd.hardening, parsed),
            documentation: f.strings(Key.Systemd.documentation) ?? [],
            directives: directives(f))
    }

    /// `systemd.directives`: by section, each directive a value or a list of values.
    private func directives(_ f: Fields) -> OrderedDictionary<String, OrderedDictionary<String, [String]>> {
        var result = OrderedDictionary<String, OrderedDictionary<String, [String]>>()
        for (section, entries) in f[Key.Systemd.directives]?.mapping ?? [:] {
            var values = OrderedDictionary<String, [String]>()
            for (name, node) in entries.mapping ?? [:] {
                values[name] = node.scalar.map { [$0] } ?? node.sequence?.compactMap(\.scalar) ?? []
            }
            result[section] = values
        }
        return result
    }
}

/// Reads policy exemptions; a reason is mandatory.
struct IgnoreDecoder {
    let diagnostics: DiagnosticCollector

    func decode(_ node: SpecNode) -> Ignore? {
        let f = Fields(node, diagnostics)
        guard let rule = f.required(Key.Ignore.rule, "ignore entry", f.string) else { return nil }
        guard let reason = f.required(Key.Ignore.reason, "ignore entry for '\(rule)'", f.string) else { return nil }
        if reason.trimmingCharacters(in: .whitespaces).count < 10 {
            diagnostics.error("the reason for ignoring '\(rule)' is too short to convince a reviewer",
                              at: f[Key.Ignore.reason]?.location,
                              expected: "a sentence saying why the finding is accepted")
        }
        let expires = f.value(Key.Ignore.expires, "a date YYYY-MM-DD", Self.isoDate)
        return Ignore(rule: rule, reason: reason, expires: expires,
                      environments: f.strings(Key.Ignore.environments) ?? [],
                      location: node.location)
    }

    static func isoDate(_ text: String) -> String? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1970...9999).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return text
    }
}
