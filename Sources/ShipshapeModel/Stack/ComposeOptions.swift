/// What the compose target needs beyond the common fields.
public struct ComposeOptions: Sendable, Hashable {
    /// The command compose's health check runs instead of the one derived from the health probe
    /// (`curl` for http, `nc` for tcp), for images without those tools: `[wget, -q, --spider, URL]`,
    /// `[mc, ready, local]`. `[sh, -c, SCRIPT]` runs SCRIPT with the image's shell. The probe's
    /// timings still apply.
    public var healthcheck: [String]?
    /// Merged into the service's compose entry: what the spec does not model.
    public var patch: Patch?
    /// The compose service's name where it must differ from the service's: what an app's default
    /// URL names (`plausible_db`). References within the compose file use it.
    public var name: String?

    public init(healthcheck: [String]? = nil, patch: Patch? = nil) {
        self.healthcheck = healthcheck
        self.patch = patch
    }
}
