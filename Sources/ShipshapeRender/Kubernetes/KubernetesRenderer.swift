import ShipshapeModel

/// Renders the `kubernetes` target: `namespace.yaml`, one file per service with all its objects,
/// `ingress.yaml`, `network-policies.yaml` and `external-secrets.yaml`.
public struct KubernetesRenderer: TargetRenderer {
    public let target = Target.kubernetes

    public init() {}

    /// Every object for the stack, grouped by file name, in a stable order.
    public func objects(_ stack: ResolvedStack) -> [(file: String, objects: [KubernetesObject])] {
        let labels = Labels(stack: stack)
        let workloads = Workloads(stack: stack, labels: labels)
        let networking = Networking(stack: stack, labels: labels)
        var files: [(String, [KubernetesObject])] = [("namespace.yaml", [namespace(stack, labels)])]
        for service in stack.services {
            files.append(("\(service.name).yaml", workloads.objects(for: service)))
        }
        if let proxy = stack.proxy { files.append(("ingress.yaml", networking.ingresses(proxy))) }
        files.append(("network-policies.yaml", networking.policies()))
        let external = externalSecrets(stack, labels)
        if !external.isEmpty { files.append(("external-secrets.yaml", external)) }
        return files
    }

    public func render(_ stack: ResolvedStack, context: RenderContext = .standard) throws -> [RenderedFile] {
        // Printing is most of the work; files are printed on every core, in order.
        Parallel.map(objects(stack)) { file, objects in
            RenderedFile(path: file, contents: YAMLEmitter.emit(documents: objects.map(\.document)))
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
                apiVersion: "external-secrets.io/v1beta1", kind: "ExternalSecret", name: secret.name, namespace: stack.kubernetes.namespace,
                labels: labels.stackWide, fields: [("spec", .map([
                    ("refreshInterval", .string(store.refresh.description)),
                    ("secretStoreRef", .map([("name", .string(store.store)), ("kind", .string(store.storeKind))])),
                    ("target", .map([("name", .string(secret.name)), ("creationPolicy", .string("Owner"))])),
                    ("data", .list(secret.keys.map { key in
                        .map([("secretKey", .string(key)), ("remoteRef", .map([("key", .string(store.path)), ("property", .string(key))]))])
                    })),
                ]))])
        }
    }
}
