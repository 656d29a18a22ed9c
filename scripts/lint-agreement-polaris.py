#!/usr/bin/env python3
"""Agreement of `shipshape lint` with Polaris on Polaris's own check fixtures.

Usage: scripts/lint-agreement-polaris.py POLARIS_CHECKOUT [SHIPSHAPE_BINARY]

Polaris tests each check on the files of test/checks/<check>/: a `success*.yaml` file passes the
check, a `failure*.yaml` file fails it (`mutated*.yaml` are expected outputs of its mutator and
are left out). Each such file is a case: shipshape agrees when it reports the mapped rule (with a
message naming the same thing, for checks narrower than the rule) somewhere in a failure file
and nowhere in a success file. Prints a Markdown table and the disagreements.
"""
import glob
import json
import os
import subprocess
import sys

# Polaris check -> (shipshape rule, message filter or None)
CHECKS = [
    ("runAsRootAllowed", "run-as-non-root", None),
    ("notReadOnlyRootFilesystem", "read-only-root-filesystem", None),
    ("privilegeEscalationAllowed", "no-privilege-escalation", None),
    ("runAsPrivileged", "privileged-container", None),
    ("dangerousCapabilities", "dangerous-capabilities", None),
    ("hostIPCSet", "no-host-access", "hostIPC"),
    ("hostPIDSet", "no-host-access", "hostPID"),
    ("hostNetworkSet", "no-host-access", "hostNetwork"),
    ("hostPathSet", "no-host-path", None),
    ("tagNotSpecified", "image-tag-pinned", None),
    ("livenessProbeMissing", "liveness-probe", None),
    ("readinessProbeMissing", "readiness-probe", None),
    ("cpuRequestsMissing", "resources-requests", "cpu"),
    ("memoryRequestsMissing", "resources-requests", "memory"),
    ("memoryLimitsMissing", "resources-limits", "memory"),
    ("automountServiceAccountToken", "no-service-account-token", None),
    ("deploymentMissingReplicas", "replicas-minimum", None),
    ("sensitiveContainerEnvVar", "no-plaintext-secrets", None),
]


def main():
    checkout = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else ".build/debug/shipshape"
    total = agreed_total = 0
    print("| shipshape rule | Polaris check | cases | agreed | disagreed (file: Polaris / shipshape) |")
    print("| --- | --- | --- | --- | --- |")
    for check, rule, needle in CHECKS:
        cases = []
        for path in sorted(glob.glob(f"{checkout}/test/checks/{check}/*.yaml")):
            name = os.path.basename(path)
            if not name.startswith(("success", "failure")):
                continue
            passes = name.startswith("success")
            result = subprocess.run([binary, "lint", path, "--format", "json", "--fail-on", "never"],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                cases.append((name, passes, None))
                continue
            findings = [f for f in json.loads(result.stdout)["findings"]
                        if f["rule"] == rule and (needle is None or needle in f["message"])]
            cases.append((name, passes, not findings))
        disagreed = [c for c in cases if c[1] != c[2]]
        total += len(cases)
        agreed_total += len(cases) - len(disagreed)

        def word(passes):
            return "unreadable" if passes is None else ("passes" if passes else "fails")
        listed = "; ".join(f"{n}: {word(theirs)} / {word(ours)}" for n, theirs, ours in disagreed) or "—"
        print(f"| `{rule}` | `{check}` | {len(cases)} | {len(cases) - len(disagreed)} | {listed} |")
    print(f"\n{agreed_total} of {total} cases agree ({100.0 * agreed_total / max(total, 1):.1f} %).")


if __name__ == "__main__":
    main()
