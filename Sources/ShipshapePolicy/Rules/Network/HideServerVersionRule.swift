import ShipshapeModel

struct HideServerVersionRule: Rule {
    let description = RuleDescription(
        id: "hide-server-version", category: .network,
        summary: "The proxy does not announce its version.",
        rationale: "A version in every response tells scanners which exploits to try.",
        remediation: "Leave `proxy.serverTokens` false (the default renders `server_tokens off`).",
        severity: .error, targets: [.nginx],
        equivalents: ["gixy: version_disclosure", "checkov: (none)"],
        triggering: [Example(ExampleStack.proxied(["serverTokens": "  serverTokens: ↓true"]))],
        nonTriggering: [Example(ExampleStack.proxied())])

    func check(_ context: RuleContext) -> [Finding] {
        guard context.stack.proxy?.serverTokens == true else { return [] }
        return [context.finding("the proxy sends its nginx version",
                                at: context.location([Key.Stack.proxy, Key.Proxy.serverTokens]),
                                artifact: "\(context.nginxFile): server_tokens on")]
    }
}
