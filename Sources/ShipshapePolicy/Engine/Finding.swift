import ShipshapeModel
import ShipshapeRender

/// One policy finding: which rule, how bad, what, where in the spec, and where it shows in the
/// rendered files.
///
/// The fields live in one copy-on-write box: findings are gathered, marked, sorted, grouped and
/// filtered, and a copy is then one reference count instead of one per text (eight). They read
/// and write as `finding.rule`, through `Fields` (dynamic member lookup).
public struct Finding: Sendable, CopyOnWriteFields {
    public struct Fields: Sendable, Hashable {
        public var rule: String
        public var severity: Severity
        public var message: String
        /// The spec value that caused it.
        public var location: SourceLocation?
        public var environment: String
        public var service: String?
        /// Where it shows in the rendered output, e.g. `kubernetes/api.yaml: Deployment/api
        /// spec.template.spec.containers[api].livenessProbe`.
        public var artifact: String?
        public var remediation: String
        /// Set when an `ignore` entry silences the finding: its reason.
        public var suppression: String?
    }

    public var fields: CopyOnWrite<Fields>

    public init(rule: String, severity: Severity, message: String, location: SourceLocation?, environment: String,
                service: String?, artifact: String?, remediation: String, suppression: String? = nil) {
        fields = CopyOnWrite(Fields(rule: rule, severity: severity, message: message, location: location,
                                    environment: environment, service: service, artifact: artifact,
                                    remediation: remediation, suppression: suppression))
    }
}

/// What a rule checks, and the context it checks in.
public protocol Rule: Sendable {
    var description: RuleDescription { get }
    func check(_ context: RuleContext) -> [Finding]
}

/// A rule's view of one environment: the resolved stack, its settings, and helpers to locate
/// and phrase findings.
public struct RuleContext: Sendable {
    public let stack: ResolvedStack
    public let description: RuleDescription
    public let severity: Severity
    /// Checked values of the rule's parameters by name, defaults filled in.
    public let parameters: [String: ParameterValue]
    /// What the environment renders, and where the layout puts it.
    public let artifacts: ArtifactIndex
    /// The environment's companions, owners of variables and compose file.
    let views: EnvironmentViews

    /// The value of an `integer` parameter.
    public func int(_ name: String) -> Int {
        guard case let .integer(value) = parameter(name) else { preconditionFailure(misread(name, "an integer")) }
        return value
    }

    /// The value of a `list` parameter.
    public func list(_ name: String) -> [String] {
        guard case let .list(items) = parameter(name) else { preconditionFailure(misread(name, "a list")) }
        return items
    }

    /// The value of a `duration` parameter.
    public func duration(_ name: String) -> ShipshapeModel.Duration {
        guard case let .duration(value) = parameter(name) else { preconditionFailure(misread(name, "a duration")) }
        return value
    }

    /// The value of a `oneOf` or `string` parameter.
    public func string(_ name: String) -> String {
        guard case let .text(text) = parameter(name) else { preconditionFailure(misread(name, "text")) }
        return text
    }

    func parameter(_ name: String) -> ParameterValue? {
        parameters[name] ?? description.parameters.first { $0.name == name }.flatMap { $0.kind.value($0.defaultValue) }
    }

    func misread(_ name: String, _ kind: String) -> String {
        "rule '\(description.id)' reads parameter '\(name)' as \(kind), which it does not declare with a valid default"
    }

    public var isProduction: Bool { stack.environment == "production" }

    public func renders(_ target: Target) -> Bool { stack.targets.contains(target) }

    /// Long-running services (not jobs).
    public var services: [Service] { views.services }

    /// Where the stack says what the finding is about: the value at `path` when the stack (its
    /// base or an overlay) wrote it, else the nearest enclosing entry the stack wrote — a
    /// default from a blueprint, profile or the built-ins is fixed in the stack, not there. A
    /// mapping entry is located at its key (`api:`).
    public func location(_ path: [String]) -> SourceLocation {
        // The deepest node along the path that the stack wrote, found in one walk from the root.
        let nodes = stack.source.nodes(along: path)
        for depth in nodes.indices.reversed() where Self.writtenByStack(nodes[depth].origin.layer) {
            let node = nodes[depth]
            let isEntry = depth == path.count - 1 && node.mapping == nil && node.sequence == nil
            return isEntry ? node.location : (node.keyLocation ?? node.location)
        }
        return stack.source.location
    }

    static func writtenByStack(_ layer: Layer) -> Bool {
        switch layer {
        case .base, .overlay: true
        default: false
        }
    }

    public func serviceLocation(_ service: Service, _ rest: String...) -> SourceLocation {
        location(["services", service.name] + rest)
    }

    /// A finding of this rule.
    public func finding(_ message: String, at location: SourceLocation, service: Service? = nil,
                        artifact: String? = nil) -> Finding {
        Finding(rule: description.id, severity: severity, message: message, location: location,
                environment: stack.environment, service: service?.name, artifact: artifact,
                remediation: description.remediation)
    }

    /// The file of the first artifact of a kind, as findings name it.
    func file(kind: String) -> String? { Self.file(kind: kind, in: artifacts) }

    static func file(kind: String, in artifacts: ArtifactIndex) -> String? {
        artifacts.first(kind: kind).flatMap { artifacts.path($0.id) }
    }

    /// The workload a service runs as on Kubernetes (Deployment, StatefulSet or CronJob).
    func workload(_ service: Service) -> Artifact? {
        let kinds = service.isJob ? ["CronJob"] : ["Deployment", "StatefulSet"]
        return artifacts.first(kubernetesGroup: service.name, kinds: kinds)
    }

    /// Where a service shows in the rendered files of the environment's main target, e.g.
    /// `kubernetes/api.yaml: Deployment/api spec.replicas`.
    public func artifact(_ service: Service, _ path: String = "") -> String {
        let suffix = path.isEmpty ? "" : " \(path)"
        if renders(.kubernetes), let workload = workload(service), let file = artifacts.path(workload.id) {
            return "\(file): \(workload.id.kind)/\(workload.id.name)\(suffix)"
        }
        if renders(.compose) { return "\(composeFile): services.\(service.name)\(suffix)" }
        if renders(.systemd) { return unitFile(service) + suffix }
        return "services.\(service.name)\(suffix)"
    }

    /// A Kubernetes object of the environment, e.g. `kubernetes/api.yaml: HorizontalPodAutoscaler/api`;
    /// for an object that is not rendered, the file of the service it belongs with.
    public func object(_ kind: String, _ name: String, of service: Service) -> String {
        let file = artifacts.first(.kubernetes, kind: kind, name: name).flatMap { artifacts.path($0.id) }
            ?? workload(service).flatMap { artifacts.path($0.id) }
        return "\(file.map { "\($0): " } ?? "")\(kind)/\(name)"
    }

    /// The environment's compose file.
    public var composeFile: String { views.composeFile }

    /// The environment's nginx site; where it renders no nginx config, its Ingress.
    public var nginxFile: String {
        if let site = file(kind: ArtifactID.nginxSite) { return site }
        if let ingress = artifacts.first(kind: "Ingress"),
           let file = artifacts.path(ingress.id) {
            return "\(file): Ingress/\(ingress.id.name)"
        }
        return "proxy"
    }

    /// The rendered unit file of a service, e.g. `systemd/openlearn-api.service`.
    public func unitFile(_ service: Service) -> String {
        let name = "\(SystemdRenderer.unitName(service, in: stack)).service"
        // Every systemd artifact is of kind `unit`: a lookup finds what a scan would.
        return artifacts.first(.systemd, kind: ArtifactID.systemdUnit, name: name).flatMap { artifacts.path($0.id) }
            ?? name
    }
}
