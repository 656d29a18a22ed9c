import Foundation
import ShipshapeModel
import ShipshapeRender

/// `shipshape import kubernetes`: manifests (files, folders, multi-document, `helm template` and
/// `kustomize build` output) -> a stack. Workloads become services; their Service, HPA, PDB and
/// ServiceAccount are folded in; Ingress becomes `proxy`; Secrets become references (values
/// never copied); everything else is reported.
public enum KubernetesImporter {
    /// Kinds that carry over (in part).
    static let mapped: Set<String> = [
        "Deployment", "StatefulSet", "CronJob", "Service", "Ingress", "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "ConfigMap", "Secret", "NetworkPolicy", "ServiceAccount", "Namespace", "ExternalSecret",
    ]
    /// Kinds known but with no place in the spec: reported as losses.
    static let unmapped: [String: String] = [
        "DaemonSet": "run it with the cluster's add-ons",
        "Job": "make it a scheduled job (`schedule:`) or run it once by hand",
        "Role": "apply RBAC beside the stack", "RoleBinding": "apply RBAC beside the stack",
        "ClusterRole": "apply RBAC beside the stack", "ClusterRoleBinding": "apply RBAC beside the stack",
        "PersistentVolumeClaim": "give the service a volume with `size:` (a StatefulSet claim)",
        "PersistentVolume": "provision storage in the cluster",
        "CustomResourceDefinition": "install it with its operator",
        "ServiceMonitor": "apply monitoring objects beside the stack",
        "PodMonitor": "apply monitoring objects beside the stack",
        "PrometheusRule": "apply monitoring objects beside the stack",
        "Certificate": "use `kubernetes.clusterIssuer`",
        "Issuer": "install cert-manager issuers beside the stack",
        "ClusterIssuer": "install cert-manager issuers beside the stack",
        "LimitRange": "apply namespace policy beside the stack",
        "ResourceQuota": "apply namespace policy beside the stack",
        "PriorityClass": "apply it beside the stack", "StorageClass": "provision storage in the cluster",
        "ValidatingWebhookConfiguration": "install it with its operator",
        "MutatingWebhookConfiguration": "install it with its operator",
        "APIService": "install it with its operator", "PodSecurityPolicy": "use Pod Security admission",
        "Pod": "make it a Deployment", "ReplicaSet": "make it a Deployment",
        "Endpoints": "add the service to the stack",
        "IngressClass": "install it with the ingress controller", "SecretStore": "install it with external-secrets",
        "ClusterSecretStore": "install it with external-secrets",
        "VerticalPodAutoscaler": "use `autoscale` or `resources`",
    ]

    /// The manifest files of paths: files as given, folders searched for *.yaml / *.yml.
    public static func files(_ paths: [String]) throws -> [InputFile] {
        var result: [InputFile] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DiagnosticError(
                    .error("\(path) does not exist", at: .start(of: path), expected: "a manifest file or folder"))
            }
            if isDirectory.boolValue {
                let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                result += try found.map { try InputFile.read((path as NSString).appendingPathComponent($0)) }
            } else {
                result.append(try InputFile.read(path))
            }
        }
        return result
    }

    public static func run(_ files: [InputFile], options: ImportOptions) throws -> ImportResult {
        var objects: [SourceNode] = []
        for file in files {
            for document in try SourceNode.documents(file.text, file: file.path) where !document.isNull {
                guard document.members != nil, let kind = document["kind"]?.text, document["apiVersion"] != nil else {
                    throw DiagnosticError(
                        .error(
                            "not a Kubernetes object", at: document.location,
                            expected: "a mapping with apiVersion and kind"))
                }
                if kind == "List" || kind.hasSuffix("List") {
                    objects += (document["items"]?.items ?? []).filter { $0.members != nil }
                    continue
                }
                guard mapped.contains(kind) || unmapped[kind] != nil else {
                    throw DiagnosticError(
                        .error(
                            "unknown kind '\(kind)'", at: document["kind"]!.location,
                            expected: "one of " + mapped.sorted().joined(separator: ", ")
                                + ", or a kind import reports ("
                                + unmapped.keys.sorted().prefix(6).joined(separator: ", ") + ", ...)"))
                }
                guard document["metadata"]?["name"]?.text != nil else {
                    throw DiagnosticError(
                        .error("a \(kind) without metadata.name", at: document.location, expected: "a named object"))
                }
                objects.append(document)
            }
        }
        guard !objects.isEmpty else {
            throw DiagnosticError(
                .error(
                    "no Kubernetes objects found", at: files.first.map { .start(of: $0.path) },
                    expected: "manifests with Deployments, StatefulSets or CronJobs"))
        }
        var builder = KubernetesStack(objects: objects, options: options)
        return builder.build()
    }
}
