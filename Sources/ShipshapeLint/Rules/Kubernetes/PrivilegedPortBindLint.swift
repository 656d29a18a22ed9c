import ShipshapeModel
import ShipshapePolicy

struct PrivilegedPortBindLint: LintRule {
    let info = LintRuleInfo(
        id: "privileged-port-bind", format: .kubernetes,
        triggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  ports: [{containerPort: ↓80}]
                  securityContext: {capabilities: {drop: [ALL]}}
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 10001}
              containers:
                - name: web
                  image: nginx:1.27
                  ports: [{name: http, containerPort: ↓80}]
                  securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [NET_BIND_SERVICE]}}
            """),
        ],
        nonTriggering: [
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  ports: [{containerPort: 80}]
                  securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}
            """),
            LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              securityContext:
                runAsUser: 10001
                sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: "80"}]
              containers:
                - name: web
                  image: nginx:1.27
                  ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]
                  securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
            """),
        ])

    /// Why the container cannot bind a port below 1024 (validate's reading for Kubernetes), or nil.
    static func failure(_ object: KubeObject, _ container: KubeObject.Container) -> String? {
        let security = container.node.member("securityContext")
        guard security?.member("privileged")?.flag != true else { return nil }
        func names(_ key: String) -> Set<String> {
            Set((security?.member("capabilities")?.member(key)?.items ?? []).compactMap(\.text)
                .map { Capabilities.bare($0.uppercased()) })
        }
        let added = !names("add").isDisjoint(with: ["ALL", "NET_BIND_SERVICE"])
        let drop = names("drop")
        if !added, !drop.isDisjoint(with: ["ALL", "NET_BIND_SERVICE"]) {
            return "drops NET_BIND_SERVICE (\(drop.contains("ALL") ? "drop: [ALL]" : "drop: [NET_BIND_SERVICE]")) "
                + "without adding it back"
        }
        let nonRoot = object.effective("runAsNonRoot", container)?.value.flag == true
            || (object.effective("runAsUser", container)?.value.number ?? 0) != 0
        guard nonRoot, security?.member("allowPrivilegeEscalation")?.flag == false else { return nil }
        return "runs as a non-root user, which Kubernetes gives no effective capabilities"
    }

    func check(_ context: LintContext) -> [Finding] {
        context.workloads.flatMap { object -> [Finding] in
            let sysctls = object.podSpecPath.flatMap {
                object.value($0 + [.key("securityContext"), .key("sysctls")])
            }?.items ?? []
            let start = sysctls.first { $0.member("name")?.text == "net.ipv4.ip_unprivileged_port_start" }?
                .member("value")?.number ?? 1024
            let containers = object.containers(includeInit: true)
            return containers.flatMap { container -> [Finding] in
                guard let reason = Self.failure(object, container) else { return [] }
                return (container.node.member("ports")?.items ?? []).enumerated().compactMap { index, port in
                    guard let number = port.member("containerPort")?.number, number < min(start, 1024),
                          (port.member("protocol")?.text ?? "TCP").uppercased() == "TCP" else { return nil }
                    return context.finding("container '\(container.name)' listens on port \(number) but \(reason), "
                                               + "so bind() fails with EACCES", in: object,
                                           at: container.path + [.key("ports"), .index(index), .key("containerPort")],
                                           containers: containers)
                }
            }
        }
    }
}
