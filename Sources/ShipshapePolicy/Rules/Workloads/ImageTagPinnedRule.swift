import ShipshapeModel

struct ImageTagPinnedRule: Rule {
    let description = RuleDescription(
        id: "image-tag-pinned", category: .workloads,
        summary: "Images name a fixed tag or digest, not `latest` or nothing.",
        rationale: "`latest` (or no tag) changes under you: two nodes can run different code, "
            + "and a rollback pulls the same moving target.",
        remediation: "Pin the image to a release tag (`postgres:15.4`) or a digest (`@sha256:...`).",
        severity: .error, targets: [.kubernetes, .compose],
        equivalents: ["kube-linter: latest-tag", "Polaris: tagNotSpecified", "kube-score: container-image-tag",
                      "checkov: CKV_K8S_14"],
        triggering: [
            Example(ExampleStack.api(["image": "image: ↓prom/prometheus:latest"])),
            Example(ExampleStack.api(["image": "image: ↓demo/api"])),
            Example(ExampleStack.api(extra: """
                sidecars:
                  - name: exporter
                    image: ↓prom/node-exporter:latest
                    resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {memory: 64Mi}}
                """)),
        ],
        nonTriggering: [
            Example(ExampleStack.api()),
            Example(ExampleStack.api([
                "image": "image: demo/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            ])),
            Example(ExampleStack.api(["image": "image: registry.local:5000/demo/api:2.0"])),
            // An init container without `image` runs the service's.
            Example(ExampleStack.api(extra: """
                initContainers:
                  - name: migrate
                    command: [/app/migrate]
                    resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {memory: 64Mi}}
                """)),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.stack.services.compactMap { service in
            guard let problem = Self.problem(service.image) else { return nil }
            return context.finding("image '\(service.image)' of service '\(service.name)' \(problem)",
                                   at: context.serviceLocation(service, Key.Service.image),
                                   service: service, artifact: context.artifact(service, "image"))
        } + context.companions.compactMap { c in
            // An image taken from the service is the service's finding.
            guard let image = c.container.image, let problem = Self.problem(image) else { return nil }
            return context.finding("image '\(image)' of \(c.what) \(problem)", at: context.location(c, "image"),
                                   service: c.service, artifact: context.artifact(c, "image"))
        }
    }

    /// Why the image reference is not pinned, or nil.
    static func problem(_ image: String) -> String? {
        if Bytes.contains(image, "@sha256:") { return nil }
        switch tag(of: Names.lastComponent(image)) {
        case nil: return "has no tag"
        case "latest", "": return "uses the moving tag 'latest'"
        default: return nil
        }
    }

    /// The text after the last ':' of an image's last path component; nil without one.
    static func tag(of name: String) -> String? {
        if let found = Bytes.withCharacterBytes(name, { bytes in
            bytes.lastIndex(of: UInt8(ascii: ":")).map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
        }) {
            return found
        }
        guard let colon = name.lastIndex(of: ":") else { return nil }
        return String(name[name.index(after: colon)...])
    }
}
