#!/usr/bin/env python3
"""Agreement of `shipshape lint` with checkov on checkov's Kubernetes check examples.

Usage: scripts/lint-agreement-checkov.py CHECKOV_CHECKOUT [SHIPSHAPE_BINARY]

checkov's examples (tests/kubernetes/checks/example_<Check>/) say in each file name whether the
file passes or fails the check (`...-PASSED.yaml`, `...-FAILED.yaml`; files named UNKNOWN or with
counts are left out). Each such file is a case: shipshape agrees when it reports the mapped rule
in a FAILED file and does not in a PASSED one. Prints a Markdown table and the disagreements.
"""
import glob
import json
import os
import re
import subprocess
import sys

# checkov example folder -> (checkov check, shipshape rule, message filter or None)
CHECKS = [
    ("PrivilegedContainers", "CKV_K8S_16", "privileged-container", None),
    ("ReadOnlyFilesystem", "CKV_K8S_22", "read-only-root-filesystem", None),
    ("ImageTagFixed", "CKV_K8S_14", "image-tag-pinned", None),
    ("AllowPrivilegeEscalation", "CKV_K8S_20", "no-privilege-escalation", None),
    ("ServiceAccountTokens", "CKV_K8S_38", "no-service-account-token", None),
    ("RootContainers", "CKV_K8S_23", "run-as-non-root", None),
    ("AllowedCapabilitiesSysAdmin", "CKV_K8S_39", "dangerous-capabilities", "SYS_ADMIN"),
    ("DropCapabilities", "CKV_K8S_28", "drop-capabilities", None),
    ("Secrets", "CKV_K8S_35", "secret-as-environment", None),
    ("RootContainersHighUID", "CKV_K8S_40", "run-as-high-uid", None),
]


def main():
    checkout = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else ".build/debug/shipshape"
    total = agreed_total = 0
    print("| shipshape rule | checkov check | cases | agreed | disagreed (file: checkov / shipshape) |")
    print("| --- | --- | --- | --- | --- |")
    for folder, check, rule, needle in CHECKS:
        files = sorted(glob.glob(f"{checkout}/tests/kubernetes/checks/example_{folder}/*"))
        cases = []
        for path in files:
            name = os.path.basename(path)
            verdict = re.search(r"(PASSED|FAILED|PASS)(?![A-Za-z0-9])", name)
            if not verdict or re.search(r"\d(PASSED|FAILED)|UNKNOWN", name):
                continue
            result = subprocess.run([binary, "lint", path, "--format", "json", "--fail-on", "never"],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                cases.append((name, verdict.group(1) != "FAILED", None))
                continue
            findings = [f for f in json.loads(result.stdout)["findings"]
                        if f["rule"] == rule and (needle is None or needle in f["message"])]
            cases.append((name, verdict.group(1) != "FAILED", not findings))
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
