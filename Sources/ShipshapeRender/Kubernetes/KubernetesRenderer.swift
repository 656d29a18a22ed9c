import ShipshapeModel

/// Renders the `kubernetes` target: the Namespace, every service's objects (one file per service
/// in the flat layout), Ingresses, NetworkPolicies and ExternalSecrets.
public struct KubernetesRenderer: TargetRenderer {
    public let target = Target.kubernetes

    public init() {}

    /// Every object for the stack, grouped as they share a file (`namespace`, one group per
    /// service, `ingress`, `network-policies`, `external-secrets`), in a stable order.
    public func objects(_ stack: ResolvedStack) -> [(group: String, objects: [KubernetesObject])] {
        var groups: [(group: String, objects: [KubernetesObject])] = []
        forEachGroup(stack) { group, _, objects in groups.append((group, objects)) }
        return groups
    }

    /// The groups of `objects`, handed over one at a time as they are built (with the service of
    /// a service's group), so a caller can be done with one before the next is built.
    /// Without `bodies`, a service's objects have no fields and no patches applied (see
    /// `RenderContext.bodies`).
    func forEachGroup(_ stack: ResolvedStack, bodies: Bool = true,
                      _ body: (String, Service?, [KubernetesObject]) -> Void) {
        let labels = Labels(stack: stack)
        let workloads = Workloads(stack: stack, labels: labels, bodies: bodies)
        let networking = Networking(stack: stack, labels: labels)
        body("namespace", nil, [namespace(stack, labels)])
        for service in stack.services {
            let objects = workloads.objects(for: service)
            body(service.name, service, bodies ? DocPatch.apply(service.kubernetesPatches, to: objects) : objects)
        }
        if let proxy = stack.proxy { body("ingress", nil, networking.ingresses(proxy)) }
        body("network-policies", nil, networking.policies(bodies: bodies))
        let external = externalSecrets(stack, labels)
        if !external.isEmpty { body("external-secrets", nil, external) }
    }

    public func artifacts(_ stack: ResolvedStack, context: RenderContext,
                          diagnostics: DiagnosticCollector) -> [Artifact] {
        var artifacts: [Artifact] = []
        forEachArtifact(stack, context: context, diagnostics: diagnostics) { artifacts.append($0) }
        return artifacts
    }

    /// `artifacts`, one service's objects at a time.
    public func forEachArtifact(_ stack: ResolvedStack, context: RenderContext, diagnostics: DiagnosticCollector,
                                _ body: (Artifact) -> Void) {
        for service in stack.services {
            if service.restartDelay != nil {
                diagnostics.error("Kubernetes cannot wait a fixed time before a restart: the kubelet backs off "
                                      + "exponentially (10s, 20s, ... up to 5m)",
                                  at: stack.location(of: Key.Stack.services, service.name, Key.Service.restartDelay),
                                  expected: "restartDelay only in environments that render systemd",
                                  hint: "set it in the overlay of the environments that render systemd")
            }
            if !service.ulimits.isEmpty {
                diagnostics.error("Kubernetes has no per-container ulimits: a pod takes the container runtime's "
                                      + "limits of its node",
                                  at: stack.location(of: Key.Stack.services, service.name, Key.Service.ulimits),
                                  expected: "ulimits only in environments that render compose or systemd",
                                  hint: "set them in the overlay of those environments, or raise the node's "
                                      + "runtime limits")
            }
        }
        for service in stack.services {
            for (index, alias) in service.aliases.enumerated()
            where !Names.isServiceName(alias) || service.ports.isEmpty {
                diagnostics.error(service.ports.isEmpty
                                      ? "service '\(service.name)' has no ports, so Kubernetes has no Service to name "
                                          + "'\(alias)'"
                                      : "alias '\(alias)' cannot name a Kubernetes Service",
                                  at: stack.location(of: Key.Stack.services, service.name, Key.Service.aliases,
                                                     "\(index)"),
                                  expected: service.ports.isEmpty ? "a port, or no aliases in this environment"
                                      : Names.serviceNameForm,
                                  hint: "override 'aliases' in the environments that render Kubernetes")
            }
        }
        for service in stack.services where service.serviceType != .clusterIP
            && service.volumes.contains(where: \.isPersistent) {
            diagnostics.error("service '\(service.name)' keeps persistent volumes, so its Service is headless "
                                  + "(clusterIP: None), which a \(service.serviceType.rawValue) Service cannot be",
                              at: stack.location(of: Key.Stack.services, service.name, Key.Service.serviceType),
                              expected: "ClusterIP for a StatefulSet; expose it through another service")
        }
        forEachGroup(stack, bodies: context.bodies) { group, service, objects in
            if let service, !service.kubernetesPatches.isEmpty {
                let kinds = objects.map(\.kind)
                for (kind, patch) in service.kubernetesPatches where !kinds.contains(kind) {
                    diagnostics.error("service '\(service.name)' has no \(kind) to patch in \(stack.environment)",
                                      at: patch.location, expected: Suggestions.oneOf(kinds))
                }
            }
            for object in objects {
                body(Artifact(id: ArtifactID(environment: stack.environment, target: .kubernetes, kind: object.kind,
                                             name: object.name),
                              body: .kubernetes(object), group: group))
            }
        }
    }

    func namespace(_ stack: ResolvedStack, _ labels: Labels) -> KubernetesObject {
        var nsLabels = labels.stackWide
        if stack.services.allSatisfy({ $0.security.runAsNonRoot && !$0.security.privileged }) {
            nsLabels.append(("pod-security.kubernetes.io/enforce", "restricted"))
        }
        return KubernetesObject(apiVersion: "v1", kind: "Namespace", name: stack.kubernetes.namespace, namespace: nil,
                                labels: nsLabels, fields: [])
    }

    /// The Kubernetes Secret a secret is read from: for external stores, the Secret the
    /// ExternalSecret creates (named like the secret).
    static func secretName(_ secret: String, in stack: ResolvedStack) -> String {
        if case let .existing(name)? = stack.secret(named: secret)?.source { return name }
        return secret
    }

    func externalSecrets(_ stack: ResolvedStack, _ labels: Labels) -> [KubernetesObject] {
        stack.secrets.compactMap { secret in
            guard case let .external(store) = secret.source else { return nil }
            return KubernetesObject(
                apiVersion: "external-secrets.io/v1beta1", kind: "ExternalSecret", name: secret.name,
                namespace: stack.kubernetes.namespace,
                labels: labels.stackWide, fields: [("spec", .map([
                    ("refreshInterval", .string(store.refresh.description)),
                    ("secretStoreRef", .map([("name", .string(store.store)), ("kind", .string(store.storeKind))])),
                    ("target", .map([("name", .string(secret.name)), ("creationPolicy", .string("Owner"))])),
                    ("data", .list(secret.keys.map { key in
                        .map([
                            ("secretKey", .string(key)),
                            ("remoteRef", .map([("key", .string(store.path)), ("property", .string(key))])),
                        ])
                    })),
                ]))])
        }
    }
}
