import ShipshapeModel

struct EscapeHatchRule: Rule {

    let description = RuleDescription(
        id: "escape-hatch", category: .workloads,
        summary: "Patches and extra directives in rendered files are shown to reviewers.",
        rationale: "A patch (`kubernetes.patches`, `compose.patch`) or an extra directive (nginx "
            + "`routes[].directives`, `systemd.directives`) changes rendered output past the spec's "
            + "checks: the policy rules judge the spec, not what a patch adds. Each use is noted so that a "
            + "reviewer reads it, and so that a field patched often becomes a field of the spec.",
        remediation: "Nothing to fix: read the patch. Where the spec has a field for it, use the field.",
        severity: .note,
        equivalents: ["Helm: post-renderers", "Kustomize: patches"],
        triggering: [
            Example(ExampleStack.api(extra: "kubernetes:\n  patches:\n    ↓Deployment: "
                                        + "{spec: {template: {spec: {priorityClassName: critical}}}}")),
            Example(ExampleStack.api(extra: "compose:\n  ↓patch: {shm_size: 1g}", targets: "[compose]")),
            Example(SystemdExample.api("{user: demo, execPath: /usr/bin/demo, "
                                           + "directives: {Service: {TimeoutStartSec: ↓2min}}}")),
            Example(ExampleStack.proxied(routes: "    - {path: /, service: api, "
                                             + "directives: [[↓proxy_buffering, \"off\"]]}", targets: "[nginx]")),
        ],
        nonTriggering: [Example(ExampleStack.api())])

    func check(_ context: RuleContext) -> [Finding] {
        routes(context) + context.stack.services.flatMap { service -> [Finding] in
            var findings: [Finding] = []
            if context.renders(.kubernetes) {
                for (kind, patch) in service.kubernetesPatches {
                    findings.append(context.finding(
                        "service '\(service.name)' patches its \(kind): \(patch.paths.joined(separator: ", "))",
                        at: patch.location ?? context.serviceLocation(service, Key.Service.kubernetes,
                            Key.ServiceKubernetes.patches, kind),
                        service: service, artifact: context.object(kind, service.name, of: service)))
                }
            }
            if context.renders(.systemd) {
                for (section, entries) in service.systemd.directives {
                    for name in entries.keys {
                        findings.append(context.finding(
                            "service '\(service.name)' adds \(name)= to [\(section)] of its unit",
                            at: context.serviceLocation(service, Key.Service.systemd, Key.Systemd.directives, section,
                                                        name),
                            service: service, artifact: context.unitFile(service)))
                    }
                }
            }
            if context.renders(.compose), let patch = service.compose.patch {
                findings.append(context.finding(
                    "service '\(service.name)' patches its compose service: \(patch.paths.joined(separator: ", "))",
                    at: patch.location ?? context.serviceLocation(service, Key.Service.compose, Key.Compose.patch),
                    service: service, artifact: "\(context.composeFile): services.\(service.name)"))
            }
            return findings
        }
    }

    /// Extra nginx directives: written into the nginx site; an Ingress cannot carry them.
    private func routes(_ context: RuleContext) -> [Finding] {
        guard let proxy = context.stack.proxy else { return [] }
        return proxy.routes.flatMap { route in
            route.directives.map { directive in
                let ingress = context.renders(.kubernetes) ? " (not on the Ingress, which has no per-path directives)"
                    : ""
                return context.finding("route '\(route.path)' adds nginx directive \(directive.name)\(ingress)",
                                       at: directive.location ?? context.location([Key.Stack.proxy, Key.Proxy.routes,
                                           route.path]),
                                       artifact: "\(context.nginxFile): location \(route.path)")
            }
        }
    }
}
