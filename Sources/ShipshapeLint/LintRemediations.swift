/// How to fix a finding in the file itself, for rules whose `validate` twin phrases its fix in the
/// stack's terms. Keyed by format and rule id.
enum LintRemediations {
    static let text: [LintKind: [String: String]] = [
        .kubernetes: [
            "run-as-non-root": "Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser` "
                + "(and `runAsGroup`).",
            "read-only-root-filesystem": "Set `securityContext.readOnlyRootFilesystem: true`; mount an emptyDir "
                + "where the process writes.",
            "no-privilege-escalation": "Set `securityContext.allowPrivilegeEscalation: false`.",
            "drop-capabilities": "Set `securityContext.capabilities.drop: [ALL]` and add back only what is needed.",
            "dangerous-capabilities": "Remove the capability from `securityContext.capabilities.add`.",
            "no-host-access": "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec.",
            "image-tag-pinned": "Name a release tag or a digest (`image: name:1.4.2` or `name@sha256:...`).",
            "liveness-probe": "Add a `livenessProbe` (httpGet, tcpSocket or exec) to the container.",
            "readiness-probe": "Add a `readinessProbe` to the container.",
            "resources-requests": "Set `resources.requests.cpu` and `resources.requests.memory`.",
            "resources-limits": "Set `resources.limits.memory`.",
            "replicas-minimum": "Raise `spec.replicas` (or the autoscaler's `minReplicas`) to 2, or exempt the "
                + "object with `shipshape.dev/ignore-replicas-minimum: \"<reason>\"`.",
            "secret-as-environment": "Mount the secret as a volume and point the program at the file "
                + "(`VAR_FILE=/run/secrets/...`), or exempt the object with "
                + "`shipshape.dev/ignore-secret-as-environment: \"<reason>\"` where the program reads only its "
                + "environment.",
        ],
        .compose: [
            "run-as-non-root": "Set `user: \"<uid>:<gid>\"` with a non-zero uid.",
            "read-only-root-filesystem": "Set `read_only: true`; use `tmpfs:` where the process writes.",
            "no-privilege-escalation": "Add `no-new-privileges:true` to `security_opt`.",
            "drop-capabilities": "Set `cap_drop: [ALL]` and add back only what is needed with `cap_add`.",
            "dangerous-capabilities": "Remove the capability from `cap_add`.",
            "no-host-access": "Remove `network_mode: host`, `pid: host`, `ipc: host` and `privileged: true`.",
            "image-tag-pinned": "Name a release tag or a digest (`image: name:1.4.2`).",
            "liveness-probe": "Add a `healthcheck:` whose test fails when the process is stuck.",
            "resources-limits": "Set `deploy.resources.limits.memory` (or `mem_limit`).",
            "replicas-minimum": "Raise `deploy.replicas` to 2, or exempt the service in `x-shipshape-ignore`.",
            "compose-restart-policy": "Set `restart: unless-stopped` (or `always`).",
        ],
        .nginx: [
            "hide-server-version": "Add `server_tokens off;` to the `http` or `server` block.",
            "tls-modern-protocols": "Set `ssl_protocols TLSv1.2 TLSv1.3;`.",
            "rate-limited-routes": "Add `limit_req zone=...;` to the location (with a `limit_req_zone` in `http`).",
        ],
        .systemd: [
            "systemd-non-root-user": "Set `User=` to the service's own account (or `DynamicUser=yes`).",
            "systemd-sandboxing": "Set `NoNewPrivileges=yes`, `PrivateTmp=yes`, `ProtectSystem=strict` and "
                + "`ProtectHome=yes`.",
            "systemd-restart-policy": "Set `Restart=on-failure` (or `always`).",
            "resources-limits": "Set `MemoryMax=`.",
        ],
    ]
}
