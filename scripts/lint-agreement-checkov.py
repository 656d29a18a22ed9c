#!/usr/bin/env python3
"""Agreement of `shipshape lint` with checkov on checkov's Kubernetes check examples.

Usage: scripts/lint-agreement-checkov.py CHECKOV_CHECKOUT [SHIPSHAPE_BINARY] [CHECKOV_BINARY]

For every overlapping check, each Kubernetes object of checkov's example folder
(tests/kubernetes/checks/example_<Folder>/) is a case. checkov's verdict per object is what
checkov itself reports for that check on the folder (`checkov -d FOLDER --check ID -o json`),
so examples whose file names carry no verdict (checkov's unit tests assert only pass/fail
counts for them) count too; the script checks those counts against the unit test
(tests/kubernetes/checks/test_<Check>.py) where it asserts them. shipshape's verdict is whether
`shipshape lint --format json` reports the mapped rule (and, for checks narrower than the rule,
a message naming the same thing) on that object. Prints a Markdown table and the disagreements.
"""
import glob
import json
import os
import re
import subprocess
import sys

# (checkov example folder, checkov check, its unit test or None, shipshape rule, message filter or None)
CHECKS = [
    ("PrivilegedContainers", "CKV_K8S_16", "PrivilegedContainers", "privileged-container", None),
    ("ShareHost", "CKV_K8S_17", "ShareHostPID", "no-host-access", "hostPID"),
    ("ShareHost", "CKV_K8S_18", "ShareHostIPC", "no-host-access", "hostIPC"),
    ("ShareHost", "CKV_K8S_19", "SharedHostNetworkNamespace", "no-host-access", "hostNetwork"),
    ("ReadOnlyFilesystem", "CKV_K8S_22", "ReadOnlyFilesystem", "read-only-root-filesystem", None),
    ("ImageTagFixed", "CKV_K8S_14", "ImageTagFixed", "image-tag-pinned", None),
    ("AllowPrivilegeEscalation", "CKV_K8S_20", "AllowProvilegeEscalation", "no-privilege-escalation", None),
    ("ServiceAccountTokens", "CKV_K8S_38", "ServiceAccountTokens", "no-service-account-token", None),
    ("RootContainers", "CKV_K8S_23", "RootContainers", "run-as-non-root", None),
    ("RootContainersHighUID", "CKV_K8S_40", "RootContainersHighUID", "run-as-high-uid", None),
    ("AllowedCapabilitiesSysAdmin", "CKV_K8S_39", "AllowedCapabilitiesSysAdmin", "dangerous-capabilities",
     "SYS_ADMIN"),
    ("DropCapabilities", "CKV_K8S_28", "DropCapabilities", "drop-capabilities", None),
    ("Secrets", "CKV_K8S_35", "Secrets", "secret-as-environment", None),
    ("LivenessReadiness", "CKV_K8S_8", "LivenessProbe", "liveness-probe", None),
    ("LivenessReadiness", "CKV_K8S_9", "ReadinessProbe", "readiness-probe", None),
    ("Requests_Limits", "CKV_K8S_10", "CPURequests", "resources-requests", "cpu"),
    ("Requests_Limits", "CKV_K8S_12", "MemoryRequests", "resources-requests", "memory"),
    ("Requests_Limits", "CKV_K8S_13", "MemoryLimits", "resources-limits", "memory"),
    ("DockerSocketVolume", "CKV_K8S_27", "DockerSocketVolume", "no-host-path", "docker.sock"),
]


def checkov_verdicts(checkov, folder, check):
    """[((file, kind, namespace, name), passes)] as checkov reports them (two objects of one
    file may share a name)."""
    out = subprocess.run([checkov, "--framework", "kubernetes", "-d", folder, "--check", check, "-o", "json",
                          "--skip-download"], capture_output=True, text=True).stdout
    data = json.loads(out) if out.strip().startswith(("{", "[")) else {}
    reports = data if isinstance(data, list) else [data]
    verdicts = []
    for report in reports:
        for key, passes in (("passed_checks", True), ("failed_checks", False)):
            for c in report.get("results", {}).get(key, []):
                kind, namespace, name = c["resource"].split(".", 2)
                verdicts.append(((c["file_path"].lstrip("/"), kind, namespace, name), passes))
    return verdicts


def asserted_counts(checkout, test):
    """(passed, failed) that checkov's unit test asserts for the check, or None."""
    path = f"{checkout}/tests/kubernetes/checks/test_{test}.py"
    if not os.path.exists(path):
        return None
    text = open(path).read()
    passed = re.search(r"summary\['passed'\],\s*(\d+)", text)
    failed = re.search(r"summary\['failed'\],\s*(\d+)", text)
    return (int(passed.group(1)), int(failed.group(1))) if passed and failed else None


def shipshape_fires(binary, folder):
    """{(file, kind, namespace, name): [(rule, message)]} and the files lint could not read."""
    result = subprocess.run([binary, "lint", folder, "--format", "json", "--fail-on", "never"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return None
    fired = {}
    for f in json.loads(result.stdout)["findings"]:
        parts = (f.get("service") or "").split("/")
        if len(parts) < 2:
            continue
        kind, name = parts[0], parts[-1]
        namespace = parts[1] if len(parts) == 3 else "default"
        key = (os.path.relpath(f["file"], folder), kind, namespace, name)
        fired.setdefault(key, []).append((f["rule"], f["message"]))
    return fired


def main():
    checkout = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else ".build/debug/shipshape"
    checkov = sys.argv[3] if len(sys.argv) > 3 else "/opt/judges/checkov/bin/checkov"
    total = agreed_total = 0
    rows, notes = [], []
    for folder_name, check, test, rule, needle in CHECKS:
        folder = f"{checkout}/tests/kubernetes/checks/example_{folder_name}"
        theirs = checkov_verdicts(checkov, folder, check)
        counts = asserted_counts(checkout, test) if test else None
        got = (sum(p for _, p in theirs), sum(not p for _, p in theirs))
        if counts and counts != got:
            notes.append(f"{check}: checkov reported {got[0]} passed, {got[1]} failed; its test asserts "
                         f"{counts[0]}, {counts[1]}")
        fired = shipshape_fires(binary, folder)
        disagreed = []
        for key, passes in sorted(theirs):
            if fired is None:
                ours = None
            else:
                hits = [m for r, m in fired.get(key, []) if r == rule and (needle is None or needle in m)]
                ours = not hits
            if ours != passes:
                disagreed.append((key, passes, ours))
        total += len(theirs)
        agreed_total += len(theirs) - len(disagreed)

        def word(passes):
            return "unreadable" if passes is None else ("passes" if passes else "fails")
        listed = "; ".join(f"{k[0]} {k[1]}/{k[3]}: {word(t)} / {word(o)}" for k, t, o in disagreed) or "—"
        rows.append(f"| `{rule}` | `{check}` | {len(theirs)} | {len(theirs) - len(disagreed)} | {listed} |")
    print("| shipshape rule | checkov check | objects | agreed | disagreed (object: checkov / shipshape) |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"\n{agreed_total} of {total} cases agree ({100.0 * agreed_total / max(total, 1):.1f} %).")
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
