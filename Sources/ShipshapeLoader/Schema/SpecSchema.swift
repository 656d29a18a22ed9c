/// The spec, field by field. docs/SPEC.md and the JSON Schema are generated from this.
public enum SpecSchema {
    static let targetNames = ["kubernetes", "compose", "nginx", "systemd"]
    static let string = SchemaType.scalar(.string)
    static let bool = SchemaType.scalar(.boolean)
    static let int = SchemaType.scalar(.integer)
    static let duration = SchemaType.scalar(.duration)
    static let quantity = SchemaType.scalar(.quantity)
    static let strings = SchemaType.list(.scalar(.string))

    // MARK: service

    static let port = SchemaObject("Port", doc: "A port the service listens on. Merged by `name`.", [
        .init("name", string, required: true,
              "Port name (at most 15 lowercase letters, digits, '-'): `http`, `pg`. Probes and routes refer to it."),
        .init("port", int, required: true, "Port the process listens on (1-65535)."),
        .init("protocol", .scalar(.oneOf(["tcp", "udp"])), "`tcp` (default) or `udp`."),
        .init("publish", .either([int, .object(publish)]),
              "Host port to publish it on (compose): `8000`, or `{port: 8000, address: 127.0.0.1}` to bind one host "
                  + "address. Leave out to keep the port inside the stack. Kubernetes and systemd do not publish: a "
                  + "Service or the proxy reaches the port, and on a host the process binds its own address."),
        .init("servicePort", int,
              "Port the Kubernetes Service exposes when it differs from `port` (Service `port: 80`, `targetPort` "
                  + "the container port): clients in the cluster and the Ingress use it. Compose, nginx upstreams "
                  + "and systemd hosts reach the process itself, on `port`."),
        .init("nodePort", int,
              "Node port (30000-32767) of a `NodePort` or `LoadBalancer` service (Kubernetes only); "
                  + "leave out to let Kubernetes choose."),
    ])

    static let publish = SchemaObject(
        "Publish", doc: "A published port bound to one host address: compose `\"127.0.0.1:8000:8000\"`, "
            + "`\"[::1]:8000:8000\"`.", [
        .init("port", int, required: true, "Host port (1-65535)."),
        .init("address", string, "Host address it binds: an IPv4 or IPv6 literal (`127.0.0.1`, `::1`); "
            + "default every interface."),
    ])

    static let ulimit = SchemaObject("Ulimit", doc: "Soft and hard limit of one resource (soft at most hard).", [
        .init("soft", int, required: true, "What a process gets; it may raise it up to `hard`."),
        .init("hard", int, required: true, "The ceiling."),
    ])

    static let resourceAmounts = SchemaObject("ResourceAmounts", doc: "CPU and memory.", [
        .init("cpu", quantity, "Cores: `500m`, `1`, `2`."),
        .init("memory", quantity, "Bytes: `512Mi`, `1Gi`, `2G`."),
    ])

    static let resources = SchemaObject("Resources", doc: "What the service reserves and may use at most.", [
        .init("requests", .object(resourceAmounts), "Reserved for the service (scheduling, compose `reservations`)."),
        .init("limits", .object(resourceAmounts),
              "Hard ceiling (Kubernetes limits, compose `limits`, systemd `CPUQuota=`/`MemoryMax=`)."),
    ])

    static let probe = SchemaObject(
        "Probe", doc: "A health check: exactly one of `http`, `tcp`, `exec`, `grpc`, plus timings.",
        exclusive: [["http", "tcp", "exec", "grpc"]], [
        .init("http", string, "Path of an HTTP GET, e.g. `/health/live`; healthy on 2xx/3xx."),
        .init("tcp", bool, "`true`: a TCP connection to `port` is the check."),
        .init("exec", strings, "Command run in the container, e.g. `[pg_isready, -U, postgres]`; healthy on exit 0."),
        .init("grpc", .either([bool, .object(grpcCheck)]),
              "`true` or `{service: NAME}`: the gRPC health checking protocol on `port` (Kubernetes `grpc` probe; "
                  + "`service` is the name asked about, default the whole server). Compose has no gRPC check and "
                  + "images rarely carry `grpc_health_probe`: compose runs `compose.healthcheck` when given, else "
                  + "renders no health check (`compose-healthcheck-tool` reports it). systemd renders no probes."),
        .init("headers", .map(.scalar(.string)),
              "Request headers of an `http` check, e.g. `{Host: api.example.com}` (Kubernetes `httpHeaders`, "
                  + "compose `curl -H`). Names are HTTP tokens; values have no line breaks."),
        .init("port", .scalar(.portReference),
              "Port name or number for `http`/`tcp`/`grpc` (default: the service's first port)."),
        .init("initialDelay", duration, "Wait before the first check (`30s`)."),
        .init("period", duration, "Time between checks (`10s`)."),
        .init("timeout", duration, "Time a check may take (`5s`)."),
        .init("successThreshold", int, "Successes in a row that make it healthy."),
        .init("failureThreshold", int, "Failures in a row that make it unhealthy (compose `retries`)."),
    ])

    static let grpcCheck = SchemaObject("GRPCCheck", doc: "A gRPC health check (grpc.health.v1.Health/Check).", [
        .init("service", string, "Service name sent in the request (default: empty, the server as a whole)."),
    ])

    static let probes = SchemaObject(
        "Probes", doc: "Health probes. Compose health checks use readiness, else liveness.", [
        .init("liveness", .object(probe), "Restart the service when it fails."),
        .init("readiness", .object(probe), "Send traffic only while it passes."),
        .init("startup", .object(probe), "Hold the other probes until it passes once (slow starters)."),
    ])

    static let metricTarget = SchemaObject(
        "MetricTarget", doc: "A custom metric and its target average per pod. Merged by `metric`.", [
        .init("metric", string, required: true, "Metric name, e.g. `http_requests_per_second`."),
        .init("averageValue", quantity, required: true, "Target average value per pod, e.g. `1000`."),
        .init("selector", .map(.scalar(.string)), "Metric label selector (`matchLabels`)."),
    ])

    static let autoscale = SchemaObject(
        "Autoscale", doc: "Horizontal autoscaling (HorizontalPodAutoscaler autoscaling/v2).", [
        .init("min", int, required: true, "Fewest replicas (at least 1)."),
        .init("max", int, required: true, "Most replicas (at least `min`)."),
        .init("cpu", .scalar(.percent), "Target average CPU utilization of requests (`70%`)."),
        .init("memory", .scalar(.percent), "Target average memory utilization of requests (`80%`)."),
        .init("pods", .namedList(key: "metric", metricTarget), "Per-pod custom metrics (HPA `Pods`)."),
        .init("external", .namedList(key: "metric", metricTarget),
              "Metrics from outside the cluster, e.g. a queue depth (HPA `External`)."),
    ])

    static let rollout = SchemaObject("Rollout", doc: "Rolling update limits.", [
        .init("maxSurge", .scalar(.intOrPercent), required: true,
              "Extra replicas allowed during an update (`1`, `25%`)."),
        .init("maxUnavailable", .scalar(.intOrPercent), required: true,
              "Replicas that may be down during an update (`0` for zero downtime)."),
    ])

    static let volume = SchemaObject(
        "Volume", doc: "Storage mounted into the service. Merged by `name`. Give `size` (persistent), "
            + "`source` (a config file of the stack) or `scratch: true`.",
        exclusive: [["size", "source", "scratch"]], [
        .init("name", string, required: true, "Volume name (DNS label)."),
        .init("path", string, required: true, "Mount path inside the container."),
        .init("size", quantity, "Persistent storage of this size (PersistentVolumeClaim / named volume)."),
        .init("source", string,
              "A config file relative to the stack folder (UTF-8, at most 1 MiB: a ConfigMap on Kubernetes), "
                  + "mounted read-only unless `readOnly: false`. Not a folder."),
        .init("scratch", bool, "Scratch space for the container's lifetime (emptyDir / tmpfs)."),
        .init("readOnly", bool, "Mount read-only."),
    ])

    static let schedule = SchemaObject(
        "Schedule", doc: "Makes the service a scheduled job (CronJob, systemd timer, compose `jobs` profile).", [
        .init("cron", .scalar(.cron), required: true,
              "Five-field cron expression (`*/15 * * * *`, `0 2 * * *`) or `@daily`-style macro."),
        .init("timezone", .scalar(.timezone), "IANA time zone (`America/Bogota`); default UTC."),
        .init("concurrency", .scalar(.oneOf(["forbid", "allow", "replace"])),
              "What to do when a run is still going: `forbid` (default), `allow`, `replace`."),
    ])

    static let capabilities = SchemaObject("Capabilities", doc: "Linux capabilities.", [
        .init("drop", strings, "Capabilities removed (`ALL`)."),
        .init("add", strings, "Capabilities added back (`NET_BIND_SERVICE`)."),
    ])

    static let security = SchemaObject("Security", doc: "How the process is confined.", [
        .init("user", string, "User name or numeric id to run as."),
        .init("group", string, "Group name or numeric id."),
        .init("runAsNonRoot", bool, "Refuse to run as root."),
        .init("readOnlyRootFilesystem", bool, "Mount the image read-only; give writable paths as `scratch` volumes."),
        .init("allowPrivilegeEscalation", bool, "Let the process gain privileges (setuid). Default false."),
        .init("privileged", bool, "Run privileged. Default false."),
        .init("capabilities", .object(capabilities), "Capabilities dropped and added."),
        .init("hostNetwork", bool, "Use the host's network namespace. Default false."),
        .init("hostPID", bool, "Use the host's PID namespace. Default false."),
        .init("hostIPC", bool, "Use the host's IPC namespace. Default false."),
    ])

    static let systemd = SchemaObject("Systemd", doc: "What the systemd target needs beyond the common fields.", [
        .init("unit", string, "Unit name without suffix (default `<stack>-<service>`)."),
        .init("hostUnit", string,
              "The service is provided by the host under this unit (`postgresql.service`): not rendered, dependents "
                  + "order after it."),
        .init("user", string, "User= (default: `security.user`)."),
        .init("group", string, "Group=."),
        .init("workingDirectory", string, "WorkingDirectory=."),
        .init("type", .scalar(.oneOf(["simple", "exec", "notify", "forking", "oneshot"])),
              "Type= (default: `notify` for gunicorn, which sends READY=1, else `exec`; jobs are `oneshot`). "
                  + "`notify` only for a program that notifies systemd."),
        .init("execPath", string, "Absolute path of the program on the host; replaces the first word of `command`."),
        .init("command", strings,
              "The command on the host when it differs from the container's (default: `command` + `args`)."),
        .init("readWritePaths", strings, "ReadWritePaths= (everything else is read-only under ProtectSystem=strict)."),
        .init("environmentFiles", strings, "EnvironmentFile= paths (for secrets; never inline)."),
        .init("hardening", .map(.scalar(.string)),
              "Hardening directives that replace the profile's, e.g. `MemoryDenyWriteExecute: \"no\"`."),
        .init("documentation", strings, "Documentation= URLs."),
        .init("directives", .map(.map(.either([.scalar(.any), .list(.scalar(.any))]))),
              "Directives the spec does not model, by section (`Unit`, `Service`, `Install`): `{Service: "
                  + "{LimitCORE: \"0\", ExecStartPre: [/usr/bin/app, migrate]}}`; a list repeats the directive. Names "
                  + "are checked against systemd's own index (systemd.directives(7)) and values escaped like every "
                  + "other. Refused: what the spec writes (`User`, `ExecStart`, `Restart`, sandboxing — see "
                  + "`hardening`, ...), what grants privileges (`AmbientCapabilities`, `PermissionsStartOnly`), and "
                  + "`+`/`!` command prefixes, which run a command outside the sandbox. `validate` notes each use "
                  + "(`escape-hatch`)."),
    ])

    static let compose = SchemaObject("Compose", doc: "What the compose target needs beyond the common fields.", [
        .init("name", string,
              "The compose service's name where it must differ from the service's, as an app's default URL "
                  + "expects (`plausible_db`: lowercase letters, digits, `_`, `-`, `.`). Other services reach it "
                  + "by this name; dependencies and the proxy use it."),
        .init("healthcheck", strings,
              "The health check command instead of the probe's `curl` (http) or `nc` (tcp), for images without them: "
                  + "`[wget, -q, --spider, URL]`; `[sh, -c, SCRIPT]` runs a shell. Probe timings apply."),
        .init("patch", .document,
              "Merged into the service's compose entry, for what the spec does not model (`{shm_size: 1g, "
                  + "stop_signal: SIGINT}`): mappings merge, lists replace. `validate` notes each use "
                  + "(`escape-hatch`)."),
    ])

    static let serviceKubernetes = SchemaObject(
        "ServiceKubernetes", doc: "What the Kubernetes target needs beyond the common fields.", [
        .init("patches", .map(.document),
              "By kind (`Deployment`, `StatefulSet`, `CronJob`, `Service`, `HorizontalPodAutoscaler`, ...): merged "
                  + "into the service's object of that kind, for what the spec does not model "
                  + "(`{spec: {template: {spec: {priorityClassName: critical}}}}`). Mappings merge, lists of items "
                  + "with a `name` merge by name, other values replace; `apiVersion`, `kind`, `metadata.name` and "
                  + "`metadata.namespace` cannot change, and of `metadata` only `labels` and `annotations` may be "
                  + "patched. A kind the service does not render is an error. `validate` notes each use "
                  + "(`escape-hatch`)."),
    ])

    static let secretReference = SchemaObject(
        "SecretReference", doc: "One key of a secret and how the process gets it: the long form of "
            + "`VAR: secret/key`, which is `{secret, key, as: file}`.", [
        .init("secret", string, required: true, "Name of a secret under the top-level `secrets:`."),
        .init("key", string, required: true, "One of its keys."),
        .init("as", .scalar(.oneOf(["file", "env"])),
              "`file` (default): a file under `/run/secrets` (systemd: a credential, `%d/NAME`) named by "
                  + "`VAR<secretFileSuffix>`. `env`: `VAR` holds the value — Kubernetes `secretKeyRef`; compose "
                  + "`env_file:` (the `envFile:` source, or `${SHIPSHAPE_SECRETS_DIR:-/etc/credstore}/<name>.env` "
                  + "for `existing:`/`external:`); systemd `EnvironmentFile=/etc/credstore/<secret>.env`. The env file "
                  + "holds `VAR=value` lines; a `files:` source cannot become a variable outside Kubernetes (an "
                  + "error). The `secret-as-environment` rule reports each one."),
        .init("file", string,
              "With `as: file`: the file name under `/run/secrets` (`tls.key` or `/run/secrets/tls.key`) instead "
                  + "of `<secret>-<key>`: a projected volume item's path, the compose secret's `target`, the "
                  + "systemd credential's name."),
    ])

    static let dependency = SchemaObject("Dependency", doc: "A dependency with its start condition.", [
        .init("service", string, required: true, "Name of the service depended on."),
        .init("condition", .scalar(.oneOf(["healthy", "started"])),
              "`healthy` (default): wait until it reports healthy; `started`: until it runs."),
    ])

    static let allowedCaller = SchemaObject(
        "AllowedCaller",
        doc: "Who may call the service (Kubernetes NetworkPolicy): a service of the stack, or pods by namespace "
            + "and labels.", [
        .init("service", string, "A service of this stack; it may be called back (no start order is implied)."),
        .init("namespace", string, "Pods in this namespace (by name), e.g. `monitoring`."),
        .init("namespaceLabels", .map(.scalar(.string)), "Pods in the namespaces with these labels."),
        .init("pods", .map(.scalar(.string)),
              "Pods with these labels (in the namespace chosen, else the stack's), e.g. "
                  + "`{app.kubernetes.io/name: prometheus}`."),
        .init("ports", strings, "Names of the ports it may reach (default: every port)."),
    ])

    static let ignore = SchemaObject("Ignore", doc: "An exemption from a policy rule; a reason is mandatory.", [
        .init("rule", string, required: true, "Rule id, e.g. `replicas-minimum`."),
        .init("reason", string, required: true, "Why the finding is accepted (shown in reports)."),
        .init("expires", .scalar(.date), "Last day it holds (`2027-03-31`); after it the exemption is reported."),
        .init("environments", strings, "Environments it applies to (default: all)."),
    ])

    static let optOut = SchemaObject(
        "OptOut", doc: "A default of the environment's profile this service declines; a reason is mandatory.", [
        .init("field", string, required: true,
              "The field, dotted, below the service: `security.readOnlyRootFilesystem`, `security.capabilities.drop`, "
                  + "`systemd.hardening.MemoryDenyWriteExecute`."),
        .init("reason", string, required: true,
              "Why the service cannot take the default (shown in reports; findings of the rules that judge the field "
                  + "carry it, as an `ignore` would)."),
    ])

    /// The service's own fields; `service` adds its init containers and sidecars
    /// (SpecSchema+Containers.swift), whose fields are taken from these.
    static let serviceOwnFields = SchemaObject(
        "Service", doc: "A long-running service, or a scheduled job when it has a `schedule`.", [
        .init("from", string, "Blueprint from `templates/` to start from (`postgres`, `fastapi`, ...)."),
        .init("description", string, "What it does."),
        .init("image", string, required: true, "Container image with tag (`openlearn/api:1.0.0`)."),
        .init("version", string, "Software version; blueprints use it in their image tag as `${service.version}`."),
        .init("command", strings, "Replaces the image entrypoint (a list of words; never parsed by a shell)."),
        .init("args", strings, "Arguments to the command or entrypoint."),
        .init("workingDir", string, "Working directory inside the container."),
        .init("ports", .namedList(key: "name", port), "Ports it listens on."),
        .init("serviceType", .scalar(.oneOf(["ClusterIP", "NodePort", "LoadBalancer"])),
              "How its Kubernetes Service is reached: `ClusterIP` (default, inside the cluster), `NodePort` (a port "
                  + "on every node, see `nodePort`), `LoadBalancer`. Kubernetes only: on compose a port is reachable "
                  + "from outside when it has `publish`."),
        .init("container", string,
              "Name of its Kubernetes container (`kubectl logs -c NAME`; a DNS label), default the service name."),
        .init("env", .map(.scalar(.any)), "Plain environment variables. Never secrets: see `secrets`."),
        .init("secrets", .map(.either([string, .object(secretReference)])),
              "Secrets by variable: `VAR: secret-name/key` (a file `/run/secrets/<secret>-<key>` named by "
                  + "`VAR_FILE`), or `{secret, key, as: env}` / `{secret, key, as: file, file: NAME}` "
                  + "(see [SecretReference](#secretreference))."),
        .init("secretFileSuffix", string,
              "A secret delivered as a file is named by `VAR<suffix>` (default `_FILE`; Grafana reads `__FILE`)."),
        .init("dependsOn", .list(.either([.scalar(.string), .object(dependency)])),
              "Services that must be up first: names, or `{service, condition}`."),
        .init("allowFrom", .list(.either([.scalar(.string), .object(allowedCaller)])),
              "Who else may call it on Kubernetes, where ingress is denied by default and the services that "
                  + "list it in `dependsOn` may always call it: service names, or `{service | namespace, "
                  + "namespaceLabels, pods, ports}` (see [AllowedCaller](#allowedcaller)). Calls may go both ways. "
                  + "compose and systemd do not restrict calls between services."),
        .init("replicas", int, "Number of instances (default 1)."),
        .init("resources", .object(resources), "CPU and memory requests and limits."),
        .init("probes", .object(probes), "Health probes."),
        .init("autoscale", .object(autoscale), "Horizontal autoscaling; `null` turns it off."),
        .init("rollout", .object(rollout), "Rolling update limits."),
        .init("volumes", .namedList(key: "name", volume), "Storage mounts."),
        .init("schedule", .object(schedule), "Run as a scheduled job."),
        .init("security", .object(security), "User, privileges and sandboxing."),
        .init("restart", .scalar(.oneOf(["always", "on-failure", "unless-stopped", "no"])),
              "Restart policy (default `always`; jobs `on-failure`)."),
        .init("stopGracePeriod", duration,
              "Time a stop waits after SIGTERM before it kills (more than 0): Kubernetes "
                  + "`terminationGracePeriodSeconds` (whole seconds, rounded up), compose `stop_grace_period`, "
                  + "systemd `TimeoutStopSec=`. Default: each target's own (Kubernetes 30s, compose 10s, "
                  + "systemd unit 30s)."),
        .init("restartDelay", duration,
              "Wait before a restart: systemd `RestartSec=` (default 10s). Kubernetes (the kubelet's exponential "
                  + "back-off) and compose (the engine has no delay; `deploy.restart_policy.delay` is Swarm-only) "
                  + "cannot honour it: an error where the environment renders them."),
        .init("ulimits", .map(.either([int, .object(ulimit)])),
              "Resource limits by compose name (`nofile`, `nproc`, `core`, `memlock`, `stack`, ...): a number "
                  + "(soft = hard) or `{soft, hard}`, `-1` for no limit (`memlock: -1`). Compose `ulimits`, systemd "
                  + "`LimitNOFILE=soft:hard` (`infinity` for -1); "
                  + "Kubernetes has no per-container limits (an error where the environment renders it)."),
        .init("pullPolicy", .scalar(.oneOf(["always", "ifNotPresent", "never"])),
              "When the image is pulled: Kubernetes `imagePullPolicy` (default `IfNotPresent`), compose "
                  + "`pull_policy` (`always`, `missing`, `never`; default compose's own). systemd runs no image."),
        .init("labels", .map(.scalar(.string)), "Extra labels on every object of the service."),
        .init("annotations", .map(.scalar(.string)), "Extra annotations on the workload."),
        .init("networks", strings, "Compose network tiers to join (see top-level `networks`)."),
        .init("hosts", strings,
              "Addresses where it runs outside a cluster (VM environments), e.g. `127.0.0.1`; nginx upstreams use "
                  + "them."),
        .init("aliases", strings,
              "More host names other services reach it by (`db`, `postgres.internal`): compose network aliases "
                  + "on each network it joins; in Kubernetes a Service of each name, so there an alias must be a "
                  + "Service name (no dots: an error where the environment renders Kubernetes). A name with `_` "
                  + "is no host name: give it as `compose.name`. VM environments reach services at `hosts`."),
        .init("systemd", .object(systemd), "systemd-only settings."),
        .init("compose", .object(compose), "compose-only settings."),
        .init("kubernetes", .object(serviceKubernetes), "Kubernetes-only settings."),
        .init("ignore", .list(.object(ignore)), "Policy exemptions for this service."),
        .init("optOut", .namedList(key: "field", optOut),
              "Defaults of the environment's profile this service declines, each with a reason: the field keeps "
                  + "what the stack says (or the built-in default), so a third-party image that must write to its "
                  + "root filesystem or bind port 25 as root still starts; `validate` reports the rules that judge "
                  + "the field as exempted, with the reason."),
    ])

    // MARK: proxy

    static let rateLimit = SchemaObject("RateLimit", doc: "A request rate per client address.", [
        .init("requests", int, required: true, "Requests allowed per `per`."),
        .init("per", .scalar(.oneOf(["second", "minute", "hour"])), required: true, "`second`, `minute` or `hour`."),
        .init("burst", int, "Requests allowed above the rate before rejecting (default 0)."),
    ])

    static let tls = SchemaObject("TLS", doc: "HTTPS for the proxy.", [
        .init("certificate", string, "Certificate chain path on the proxy host (nginx `ssl_certificate`)."),
        .init("key", string, "Private key path on the proxy host (nginx `ssl_certificate_key`)."),
        .init("secretName", string, "Kubernetes Secret holding the certificate (default `<stack>-tls`)."),
        .init("redirectHTTP", bool, "Redirect plain HTTP to HTTPS (default true)."),
        .init("stapling", bool,
              "OCSP stapling (default false; needs `resolvers`, and a CA that still runs OCSP — Let's Encrypt "
                  + "stopped in 2025)."),
        .init("resolvers", strings, "DNS resolver addresses nginx uses for OCSP stapling (`127.0.0.53`)."),
        .init("protocols", .list(.scalar(.oneOf(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]))),
              "TLS versions accepted (default `[TLSv1.2, TLSv1.3]`)."),
    ])

    static let headers = SchemaObject(
        "Headers", doc: "Security headers added to every response (nginx `add_header ... always`).", [
        .init("hsts", duration, "Strict-Transport-Security max-age (`365d`); leave out for none."),
        .init("hstsIncludeSubdomains", bool, "Add `includeSubDomains` to HSTS (default true)."),
        .init("nosniff", bool, "X-Content-Type-Options: nosniff."),
        .init("frameOptions", .scalar(.oneOf(["DENY", "SAMEORIGIN"])), "X-Frame-Options."),
        .init("referrerPolicy", string, "Referrer-Policy value."),
        .init("contentSecurityPolicy", string, "Content-Security-Policy value."),
        .init("xssProtection", bool, "The legacy X-XSS-Protection: 1; mode=block."),
    ])

    static let timeouts = SchemaObject("Timeouts", doc: "Proxy timeouts.", [
        .init("connect", duration, "Connecting to the service."),
        .init("read", duration, "Waiting for the service's response."),
        .init("send", duration, "Sending the request to the service."),
    ])

    static let route = SchemaObject(
        "Route", doc: "A path on the proxy and the service port it forwards to. Merged by `path`.", [
        .init("path", string, required: true, "URL path prefix, starting with `/`."),
        .init("service", string, required: true, "Service that serves it."),
        .init("port", .scalar(.portReference), "Port name or number on that service (default: its first port)."),
        .init("websocket", bool, "Pass WebSocket upgrades."),
        .init("accessLog", bool, "Log requests (default true; `false` for noisy health checks)."),
        .init("allow", strings, "Client networks allowed (CIDR); everyone else is denied."),
        .init("rateLimit", .object(rateLimit), "Rate limit for this route."),
        .init("bodySize", .scalar(.byteSize), "Largest request body (`10m` = 10 MiB)."),
        .init("timeout", duration, "Read/send timeout for this route."),
        .init("directives", .list(.list(.scalar(.any))),
              "nginx directives the spec does not model, in this route's location: `[[proxy_buffering, \"off\"], "
                  + "[proxy_request_buffering, \"off\"]]`. Each argument is written as one quoted token; names that "
                  + "shipshape writes itself or that read files or run code (`include`, `root`, `alias`, `proxy_pass`, "
                  + "`*_by_lua`, ...) are refused. nginx only (an Ingress has no per-path directives); `validate` "
                  + "notes each use (`escape-hatch`)."),
    ])

    public static let proxy = SchemaObject(
        "Proxy", doc: "The stack's public entry: an nginx site and a Kubernetes Ingress.", [
        .init("hosts", strings, required: true, "Host names served (`api.example.com`)."),
        .init("tls", .object(tls), "HTTPS; `null` serves plain HTTP (development)."),
        .init("headers", .object(headers), "Security headers."),
        .init("routes", .namedList(key: "path", route), required: true, "Paths and the services behind them."),
        .init("bodySize", .scalar(.byteSize), "Largest request body for every route (`10m` = 10 MiB)."),
        .init("timeouts", .object(timeouts), "Timeouts for every route."),
        .init("gzip", bool, "Compress text responses (default true)."),
        .init("rateLimit", .object(rateLimit), "Rate limit for routes that set none."),
        .init("serverTokens", bool, "Show the nginx version in the Server header and error pages (default false)."),
        .init("placement", .scalar(.oneOf(["compose", "host"])),
              "Where nginx runs where the environment renders compose: `compose` (default), an nginx service "
                  + "in the compose file; or `host`, nginx on the host in front of compose, reaching each routed "
                  + "port where compose publishes it (a routed port without `publish` is published on "
                  + "127.0.0.1 at its own number). Kubernetes uses an Ingress, a VM environment the host's nginx."),
    ])

    // MARK: secrets, policy, options

    static let externalStore = SchemaObject("ExternalStore", doc: "An external-secrets.io store.", [
        .init("store", string, required: true, "SecretStore or ClusterSecretStore name (`vault-backend`)."),
        .init("storeKind", .scalar(.oneOf(["SecretStore", "ClusterSecretStore"])),
              "Kind of store (default ClusterSecretStore)."),
        .init("path", string, required: true, "Path of the secret in the store; keys are its properties."),
        .init("refresh", duration, "How often to re-read it (default 1h)."),
    ])

    static let secretSource = SchemaObject(
        "SecretSource", doc: "Where an environment gets a secret: exactly one of these.",
        exclusive: [["existing", "files", "envFile", "external"]], [
        .init("existing", string,
              "It exists already under this name (Kubernetes Secret, files `<name>-<key>` in a compose host's "
                  + "`$SHIPSHAPE_SECRETS_DIR`)."),
        .init("files", string, "Folder (relative to the stack) with one file per key; keep it out of git."),
        .init("envFile", string, "A dotenv file with one variable per key; keep it out of git."),
        .init("external", .object(externalStore), "Read from an external store (ExternalSecret)."),
    ])

    static let secret = SchemaObject("Secret", doc: "A named set of secret keys; values never appear in the spec.", [
        .init("keys", strings, required: true, "Key names (`database-url`)."),
        .init("source", .object(secretSource),
              "Where the values come from (default: an existing secret of the same name)."),
        .init("description", string, "What it holds."),
    ])

    static let ruleSetting = SchemaType.either([
        .scalar(.oneOf(["error", "warning", "note", "off"])),
        .map(.either([.scalar(.any), .list(.scalar(.any))])),
    ])

    public static let policy = SchemaObject(
        "Policy", doc: "Which rules run, at which severity, with which thresholds.", [
        .init("rules", .map(ruleSetting), "By rule id: a severity (`error`, `warning`, `note`, `off`), or "
            + "`{severity, <threshold>: value}` (a value or a list; `shipshape explain RULE` lists each rule's "
            + "thresholds)."),
    ])

    static let network = SchemaObject("Network", doc: "A compose network tier.", [
        .init("internal", bool, "No route outside the stack (default false)."),
        .init("description", string, "What it connects."),
    ])

    static let kubernetes = SchemaObject("Kubernetes", doc: "Kubernetes-wide settings.", [
        .init("namespace", string, "Namespace of every object (default `<stack>-<environment>`)."),
        .init("ingressClass", string, "Ingress class (default `nginx`)."),
        .init("clusterIssuer", string, "cert-manager ClusterIssuer for the Ingress certificate."),
        .init("topologySpread", bool, "Spread replicas across nodes."),
        .init("networkPolicies", bool,
              "Render NetworkPolicies (default true): deny ingress in the namespace, then allow each service's "
                  + "dependents, its `allowFrom` and, for routed services, the ingress controller. `false` where "
                  + "the cluster's own policies govern the namespace."),
    ])

    static let nginx = SchemaObject("Nginx", doc: "nginx-wide settings.", [
        .init("version", string, "nginx version to target (default `1.22`)."),
    ])

    // MARK: files

    static let commonStackFields: [SchemaField] = [
        .init("description", string, "What the stack is."),
        .init("values", .map(.scalar(.any)), "Variables used as `${values.NAME}`; overlays may change them."),
        .init("targets", .list(.scalar(.oneOf(targetNames))),
              "What to render: `kubernetes`, `compose`, `nginx`, `systemd`."),
        .init("services", .map(.object(service)), "Services and jobs by name (DNS labels)."),
        .init("proxy", .object(proxy), "Reverse proxy / Ingress."),
        .init("secrets", .map(.object(secret)), "Secrets by name."),
        .init("networks", .map(.object(network)), "Compose network tiers by name."),
        .init("kubernetes", .object(kubernetes), "Kubernetes settings."),
        .init("nginx", .object(nginx), "nginx settings."),
        .init("policy", .object(policy), "Adjusts the environment profile's policy."),
        .init("ignore", .list(.object(ignore)), "Stack-wide policy exemptions."),
        .init("expectedDifferences", strings,
              "Differences between environments that overlays are meant to make, as `target:object:path` patterns "
                  + "with `*` (`kubernetes:Deployment/*:spec.replicas`); `shipshape diff --unexpected-only` hides "
                  + "them."),
    ]

    /// An environment overlay inside `stack.yaml`: the stack fields it changes.
    public static let overlay = SchemaObject(
        "Overlay", doc: "Changes for one environment; highest precedence.", commonStackFields)

    /// `stack.yaml`.
    public static let stack = SchemaObject("Stack", doc: "The stack file.", [
        .init("stack", string, required: true, "Stack name (DNS label)."),
    ] + commonStackFields + [
        .init("environments", .map(.object(overlay)),
              "Overlays by environment name (`development`, `staging`, `production`)."),
    ])

    static let profileDefaults = SchemaObject(
        "ProfileDefaults", doc: "Defaults an environment profile gives every stack.", [
        .init("services", .object(service.removing(["image"]).adding([], title: "ServiceDefaults")),
              "Applied to every service, above its blueprint."),
        .init("proxy", .object(proxy), "Proxy defaults."),
        .init("targets", .list(.scalar(.oneOf(targetNames))), "Targets rendered when the stack names none."),
        .init("kubernetes", .object(kubernetes), "Kubernetes defaults."),
        .init("nginx", .object(nginx), "nginx defaults."),
    ])

    /// `environments/<env>.yaml`.
    public static let profile = SchemaObject("Profile", doc: "An environment profile.", [
        .init("environment", string, required: true, "Environment name; must match the file name."),
        .init("description", string, "What the environment is for."),
        .init("defaults", .object(profileDefaults), "Defaults for every stack in this environment."),
        .init("policy", .object(policy), "Rules, severities and thresholds for this environment."),
    ])

    /// `templates/<name>.yaml`.
    public static let blueprint = SchemaObject("Blueprint", doc: "A reusable service definition.", [
        .init("blueprint", string, required: true, "Blueprint name; must match the file name."),
        .init("description", string, "What it provides."),
        .init("service", .object(service.removing(["from"])), required: true, "The service fields it sets."),
    ])
}
