/// Every lint rule, in the order `shipshape lint` runs them (Kubernetes, compose, nginx, systemd).
public enum LintRules {
    public static let all: [any LintRule] = [
        RunAsNonRootLint(), ReadOnlyRootFilesystemLint(), NoPrivilegeEscalationLint(), DropCapabilitiesLint(),
        DangerousCapabilitiesLint(), NoHostAccessLint(), PrivilegedContainerLint(), NoHostPathLint(),
        ImageTagPinnedLint(), ProbeLint(.liveness), ProbeLint(.readiness), ResourcesRequestsLint(),
        ResourcesLimitsLint(), ReplicasMinimumLint(), ServiceAccountTokenLint(), ServiceSelectsPodsLint(),
        IngressServiceExistsLint(), AutoscalerTargetExistsLint(), DuplicateEnvLint(), NoPlaintextSecretsLint(),
        SecretAsEnvironmentLint(), DisruptionBudgetLint(), RunAsHighUIDLint(), AutoscaleNeedsRequestsLint(),
        NoWildcardCorsLint(), NoDebugInProductionLint(), ZeroDowntimeRolloutLint(), AutoscaleVsBudgetLint(),
        RunAsNonRootUserLint(), NoDefaultCredentialsLint(), PrivilegedPortBindLint(), CacheMemoryWithinLimitLint(),
        IngressTLSRequiredLint(), IngressRequestBodyLimitLint(), NoPublishedDataPortsLint(),
        ComposeNoPlaintextSecretsLint(),
        ComposeRunAsNonRootLint(), ComposeImageTagPinnedLint(), ComposeLivenessProbeLint(),
        ComposeReplicasMinimumLint(), ComposeResourcesLimitsLint(), ComposeRestartPolicyLint(),
        ComposeReadOnlyRootFilesystemLint(), ComposeNoPrivilegeEscalationLint(), ComposeDropCapabilitiesLint(),
        ComposeDangerousCapabilitiesLint(), ComposeNoHostAccessLint(), ComposeNoPublishedDataPortsLint(),
        ComposeNoWildcardCorsLint(), ComposeHealthcheckForDependentsLint(), ComposeNoDebugInProductionLint(),
        ComposeNoDefaultCredentialsLint(), ComposeCacheMemoryWithinLimitLint(), ComposeHealthcheckToolLint(),
        HideServerVersionLint(), TLSModernProtocolsLint(), RateLimitedRoutesLint(), RestrictedMetricsLint(),
        SecurityHeadersLint(), NginxNoWildcardCorsLint(), RequestBodyLimitLint(), TLSRequiredLint(),
        SystemdNoInlineSecretsLint(),
        SystemdNonRootUserLint(), SystemdSandboxingLint(), SystemdRestartPolicyLint(), SystemdResourcesLimitsLint(),
        SystemdNotifyTypeLint(),
    ]

    /// The distinct rule ids, in order.
    public static var ids: [String] {
        var seen: Set<String> = []
        return all.map(\.info.id).filter { seen.insert($0).inserted }
    }
}
