#!/usr/bin/env python3
"""Writes a synthetic stack of N services (ports, probes, resources, autoscaling, secrets,
dependencies, proxy routes) with development, staging and production overlays, deterministic
for a given N and seed.  Usage: scripts/gen-stack.py N [SEED] > stack.yaml"""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
out = ["stack: bench", "values: {tag: 1.0.0}", "services:"]
for i in range(n):
    name = f"svc-{i:05d}"
    deps = sorted({f"svc-{j:05d}" for j in rng.sample(range(i), min(i, 2))}) if i else []
    out += [
        f"  {name}:",
        f"    image: bench/{name}:${{values.tag}}",
        f"    ports: [{{name: http, port: {8000 + i % 1000}}}]",
        "    replicas: 2",
        "    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}",
        "    probes: {liveness: {http: /live, period: 10s}, readiness: {http: /ready, period: 5s}}",
        "    autoscale: {min: 2, max: 6, cpu: 70%}",
        "    rollout: {maxSurge: 1, maxUnavailable: 0}",
        f"    secrets: {{DATABASE_URL: bench-secrets/database-url}}",
        "    env: {LOG_LEVEL: info, ENVIRONMENT: \"${environment}\"}",
        "    volumes: [{name: tmp, path: /tmp, scratch: true}]",
        "    security: {user: \"10001\", group: \"10001\"}",
        "    systemd: {user: bench, execPath: /usr/bin/bench}",
    ]
    if deps:
        out.append(f"    dependsOn: [{', '.join(deps)}]")
    out.append(f"    command: [bench, serve, --port, \"{8000 + i % 1000}\"]")
out += ["proxy:", "  hosts: [bench.example.com]",
        "  tls: {certificate: /etc/ssl/bench.pem, key: /etc/ssl/bench.key}",
        "  bodySize: 10m", "  rateLimit: {requests: 100, per: minute, burst: 20}", "  routes:"]
for i in range(0, n, max(1, n // 50)):
    out.append(f"    - {{path: /s{i}, service: svc-{i:05d}}}")
out += ["secrets:", "  bench-secrets: {keys: [database-url]}", "environments:",
        "  development: {targets: [compose, nginx], proxy: {tls: null}}",
        "  staging: {targets: [kubernetes, nginx]}",
        "  production: {targets: [kubernetes, nginx, systemd]}"]
print("\n".join(out))
