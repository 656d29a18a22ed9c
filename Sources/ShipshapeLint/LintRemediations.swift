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
            "autoscale-needs-requests": "Set `resources.requests.cpu` (or `.memory`) on every container of the "
                + "workload the HorizontalPodAutoscaler scales on that resource's utilization.",
            "autoscale-vs-budget": "Keep the workload's `spec.replicas` within the autoscaler's "
                + "`minReplicas`..`maxReplicas` (or drop it), and give `maxReplicas` room above `minReplicas`.",
            "cache-memory-within-limit": "Keep Redis `--maxmemory` at most 80 % of `resources.limits.memory`: raise "
                + "the limit or lower maxmemory.",
            "no-debug-in-production": "Turn the switch off (`DEBUG: \"false\"`, `LOG_LEVEL: info`) in the files for "
                + "this environment.",
            "no-default-credentials": "Generate the credential, store it in a Secret and reference it "
                + "(`valueFrom.secretKeyRef`, or a mounted file).",
            "privileged-port-bind": "Listen on a port of 1024 or above; or run as root with `capabilities.add: "
                + "[NET_BIND_SERVICE]`; or set the pod sysctl `net.ipv4.ip_unprivileged_port_start` to the port.",
            "run-as-non-root-user": "Set `securityContext.runAsUser` to the numeric id the image's files belong to "
                + "(e.g. 10001) next to `runAsNonRoot: true`.",
            "zero-downtime-rollout": "Set `spec.strategy.rollingUpdate.maxUnavailable` below the replica count (0 "
                + "with `maxSurge: 1` for zero downtime).",
            "run-as-high-uid": "Set `securityContext.runAsUser` (pod or container) to an id of at least 10000, and "
                + "`runAsGroup` or `fsGroup` to the group the image's files belong to.",
            "no-wildcard-cors": "List the origins that may call the API in the variable (`https://app.example.com`); "
                + "for ingress-nginx, set `nginx.ingress.kubernetes.io/cors-allow-origin` to them.",
            "tls-required": "Add `spec.tls` (hosts and a certificate Secret, or a cert-manager issuer annotation) "
                + "and keep `nginx.ingress.kubernetes.io/ssl-redirect` true.",
            "request-body-limit": "Set `nginx.ingress.kubernetes.io/proxy-body-size` (e.g. `\"10m\"`); `\"0\"` "
                + "means no limit.",
            "no-published-data-ports": "Make the Service a ClusterIP one (the default) and remove `hostPort`; reach "
                + "the database from inside the cluster, or with `kubectl port-forward`.",
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
            "cache-memory-within-limit": "Keep Redis `--maxmemory` at most 80 % of `deploy.resources.limits.memory` "
                + "(or `mem_limit`): raise the limit or lower maxmemory.",
            "compose-healthcheck-for-dependents": "Give the dependency a `healthcheck:` (a test that passes once it "
                + "serves), or wait for `condition: service_started`.",
            "compose-healthcheck-tool": "Make the `healthcheck.test` run a program the image has (`[CMD, wget, -q, "
                + "--spider, URL]`, `[CMD, mc, ready, local]`), or build the tool into the image.",
            "no-debug-in-production": "Turn the switch off (`DEBUG: \"false\"`, `LOG_LEVEL: info`) in the compose "
                + "file for this environment, or set it in a development override file only.",
            "no-default-credentials": "Generate the credential and pass it as a compose secret "
                + "(`VAR_FILE=/run/secrets/...`) or from an env file kept out of the repository.",
            "no-published-data-ports": "Remove the entry from `ports:` (services reach each other on the compose "
                + "network); publish it in a development override file only.",
            "no-wildcard-cors": "List the origins that may call the API in the variable (`https://app.example.com`).",
        ],
        .nginx: [
            "hide-server-version": "Add `server_tokens off;` to the `http` or `server` block.",
            "tls-modern-protocols": "Set `ssl_protocols TLSv1.2 TLSv1.3;`.",
            "rate-limited-routes": "Add `limit_req zone=...;` to the location (with a `limit_req_zone` in `http`).",
            "no-wildcard-cors": "Answer with the origins that may call the API: `add_header "
                + "Access-Control-Allow-Origin https://app.example.com;` (or a `map` of `$http_origin` to the "
                + "allowed ones).",
            "request-body-limit": "Set `client_max_body_size` in the `server` block (e.g. `client_max_body_size "
                + "10m;`), and a larger one in upload locations; `0` means no limit.",
            "tls-required": "Serve the site on `listen 443 ssl;` with `ssl_certificate` and `ssl_certificate_key`, "
                + "and answer plain HTTP with `return 301 https://$host$request_uri;` in a server of its own.",
        ],
        .systemd: [
            "systemd-non-root-user": "Set `User=` to the service's own account (or `DynamicUser=yes`).",
            "systemd-sandboxing": "Set `NoNewPrivileges=yes`, `PrivateTmp=yes`, `ProtectSystem=strict` and "
                + "`ProtectHome=yes`.",
            "systemd-restart-policy": "Set `Restart=on-failure` (or `always`).",
            "resources-limits": "Set `MemoryMax=`.",
            "systemd-notify-type": "Set `Type=exec` for this server, or run it under gunicorn (`-k "
                + "uvicorn.workers.UvicornWorker`), which notifies.",
        ],
    ]
}
