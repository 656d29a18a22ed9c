import ShipshapeModel
import ShipshapePolicy

struct ImageTagPinnedLint: LintRule {
    let info = LintRuleInfo(
        id: "image-tag-pinned", format: .kubernetes,
        triggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: ↓nginx}
                - {name: log, image: ↓"fluent/fluent-bit:latest"}
            """)],
        nonTriggering: [LintExample("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: "registry:5000/nginx:1.27"}
                - {name: log, image: "fluent/fluent-bit@sha256:0123456789abcdef"}
            """)])

    /// Why the image reference is not pinned, or nil (the `validate` rule's reading).
    static func problem(_ image: String) -> String? {
        if image.contains("@sha256:") { return nil }
        let name = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = name.lastIndex(of: ":") else { return "has no tag" }
        let tag = name[name.index(after: colon)...]
        return tag == "latest" || tag.isEmpty ? "uses the moving tag 'latest'" : nil
    }

    func check(_ context: LintContext) -> [Finding] {
        context.containerFindings { _, container in
            let image = container.node.member("image")?.text ?? ""
            return Self.problem(image).map { problem in
                ("image \(quoted(image)) of container '\(container.name)' \(problem)", container.path + [.key("image")])
            }
        }
    }
}
