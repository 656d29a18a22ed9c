/// Every built-in rule, in the order `shipshape rules` lists them.
public enum Rules {
    public static let all: [any Rule] = [
        ImageTagPinnedRule(), ReplicasMinimumRule(), ResourcesRequestsRule(), ResourcesLimitsRule(),
        LivenessProbeRule(), ReadinessProbeRule(), RunAsNonRootRule(), RunAsNonRootUserRule(), RunAsHighUIDRule(),
        ReadOnlyRootFilesystemRule(),
        NoPrivilegeEscalationRule(), DropCapabilitiesRule(), DangerousCapabilitiesRule(),
        NoHostAccessRule(), PrivilegedPortBindRule(), AutoscaleNeedsRequestsRule(), CacheMemoryWithinLimitRule(),
        DisruptionBudgetRule(), ZeroDowntimeRolloutRule(),
        NoPlaintextSecretsRule(), NoDefaultCredentialsRule(), NoDebugInProductionRule(), NoWildcardCorsRule(),
        SecretAsEnvironmentRule(),
        NoPublishedDataPortsRule(), TLSRequiredRule(), TLSModernProtocolsRule(), SecurityHeadersRule(),
        IngressSecurityHeadersRule(),
        RestrictedMetricsRule(),
        HideServerVersionRule(), RequestBodyLimitRule(), RateLimitedRoutesRule(),
        SystemdSandboxingRule(), SystemdNonRootUserRule(), SystemdRestartPolicyRule(), SystemdNoInlineSecretsRule(),
        SystemdNotifyTypeRule(),
        ComposeHealthcheckForDependentsRule(), ComposeRestartPolicyRule(), ComposeHealthcheckToolRule(),
        ConsistentPortsRule(), ConsistentHealthRule(), AutoscaleVsBudgetRule(), EscapeHatchRule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? {
        all.first { $0.description.id == id }
    }
}
