#!/usr/bin/env python3
"""Agreement of `shipshape lint` with kube-linter on kube-linter's own check fixtures.

Usage: scripts/lint-agreement.py KUBE_LINTER_CHECKOUT [SHIPSHAPE_BINARY]

For every overlapping check, each object of kube-linter's fixture (tests/checks/<check>.yml) is a
case. kube-linter's verdict per object comes from its e2e test (e2etests/bats-tests.sh: the kind
and message of each expected report, matched to the fixture's objects by kind and container name);
shipshape's from `shipshape lint --format json`. Prints a Markdown table and the disagreements.
"""
import json
import re
import subprocess
import sys

import yaml

# kube-linter check -> (fixture, shipshape rule, message filter or None)
CHECKS = [
    ("run-as-non-root", "run-as-non-root.yml", "run-as-non-root", None),
    ("no-read-only-root-fs", "no-read-only-root-fs.yml", "read-only-root-filesystem", None),
    ("privilege-escalation-container", "privilege-escalation-container.yml", "no-privilege-escalation", None),
    ("privileged-container", "privileged-container.yml", "privileged-container", None),
    ("host-network", "host-network.yml", "no-host-access", "hostNetwork"),
    ("host-pid", "host-pid.yml", "no-host-access", "hostPID"),
    ("host-ipc", "host-ipc.yml", "no-host-access", "hostIPC"),
    ("latest-tag", "latest-tag.yml", "image-tag-pinned", None),
    ("no-liveness-probe", "no-liveness-probe.yml", "liveness-probe", None),
    ("no-readiness-probe", "no-readiness-probe.yml", "readiness-probe", None),
    ("unset-cpu-requirements", "unset-cpu-requirements.yml", "resources-requests", "cpu"),
    ("unset-memory-requirements", "unset-memory-requirements.yml", "resources-limits", None),
    ("dangling-service", "dangling-service.yml", "service-selects-pods", None),
    ("dangling-ingress", "dangling-ingress.yml", "ingress-service-exists", None),
    ("dangling-horizontalpodautoscaler", "dangling-hpa.yml", "hpa-target-exists", None),
    ("duplicate-env-var", "duplicate-env-var.yaml", "no-duplicate-env", None),
    ("sensitive-host-mounts", "sensitive-host-mounts.yml", "no-host-path", None),
]


def containers(obj):
    spec = (obj or {}).get("spec") or {}
    kind = (obj or {}).get("kind")
    if kind == "Pod":
        pod = spec
    elif kind == "CronJob":
        pod = (((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}).get("spec") or {}
    else:
        pod = (spec.get("template") or {}).get("spec") or {}
    return [c.get("name") for c in (pod.get("containers") or []) + (pod.get("initContainers") or [])
            if isinstance(c, dict)]


def objects(text):
    """(index, kind, name, first line, containers) of every document."""
    out = []
    loader = yaml.SafeLoader(text)
    index = 0
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            obj = loader.construct_document(node)
            if isinstance(obj, dict) and "kind" in obj:
                out.append((index, obj.get("kind"), (obj.get("metadata") or {}).get("name", ""),
                            node.start_mark.line + 1, containers(obj)))
            index += 1
    finally:
        loader.dispose()
    return out


def expected(bats, check):
    block = re.search(r'@test "%s" \{(.*?)\n\}' % re.escape(check), bats, re.S).group(1)
    messages = re.findall(r'\[\[ "\$\{message\d+\}" == "(.*)" \]\]', block)
    count = re.search(r'\[\[ "\$\{count\}" == "(\d+)" \]\]', block)
    return [m.replace('\\"', '"') for m in messages], int(count.group(1)) if count else len(messages)


def kube_linter_fires(objs, messages, texts):
    """The objects kube-linter reports: by kind, then container name, then the words the message
    quotes found in the object's text, then a name that does not say it must not fire."""
    fired = set()
    for message in messages:
        kind, _, text = message.partition(": ")
        container = re.search(r'container "([^"]+)"', text)
        candidates = [o for o in objs if o[1] == kind and o[0] not in fired]
        if container:
            with_container = [o for o in candidates if container.group(1) in o[4]]
            candidates = with_container or candidates
        words = re.findall(r'\(([^()]*)\)|"([^"]*)"|\{([^{}]*)\}', text)
        words = [w for group in words for part in group for w in re.split(r"[ ,:\[\]]+", part) if len(w) > 2]

        def score(o):
            return (sum(1 for w in words if re.search(r"\b%s\b" % re.escape(w), texts[o[0]])),
                    "dont" not in o[2] and "no-fire" not in o[2])
        chosen = sorted(candidates, key=score, reverse=True)[:1]
        fired.update(o[0] for o in chosen)
    return fired


def main():
    checkout = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else ".build/debug/shipshape"
    bats = open(f"{checkout}/e2etests/bats-tests.sh").read()
    total = agreed_total = 0
    print("| shipshape rule | kube-linter check | cases | agreed | disagreed (object: kube-linter / shipshape) |")
    print("| --- | --- | --- | --- | --- |")
    notes = []
    for check, fixture, rule, needle in CHECKS:
        path = f"{checkout}/tests/checks/{fixture}"
        text = open(path).read()
        objs = objects(text)
        messages, count = expected(bats, check)
        texts = {}
        documents = re.split(r"^---.*$", text, flags=re.M)
        documents = [d for d in documents if d.strip()]
        for o in objs:
            texts[o[0]] = documents[o[0]] if o[0] < len(documents) else ""
        theirs = kube_linter_fires(objs, messages, texts)
        result = subprocess.run([binary, "lint", path, "--format", "json", "--fail-on", "never"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(f"shipshape failed on {fixture}: {result.stderr}", file=sys.stderr)
            sys.exit(2)
        findings = [f for f in json.loads(result.stdout)["findings"]
                    if f["rule"] == rule and (needle is None or needle in f["message"])]
        starts = sorted((o[3], o[0]) for o in objs)
        ours = set()
        for f in findings:
            owner = [index for line, index in starts if line <= f["line"]]
            if owner:
                ours.add(owner[-1])
        disagreed = [o for o in objs if (o[0] in theirs) != (o[0] in ours)]
        total += len(objs)
        agreed_total += len(objs) - len(disagreed)
        listed = "; ".join(f"{o[1]}/{o[2]}: {'fires' if o[0] in theirs else 'passes'} / "
                           f"{'fires' if o[0] in ours else 'passes'}" for o in disagreed) or "—"
        print(f"| `{rule}` | `{check}` | {len(objs)} | {len(objs) - len(disagreed)} | {listed} |")
        if len(theirs) != count:
            notes.append(f"{check}: matched {len(theirs)} of kube-linter's {count} expected reports")
    print(f"\n{agreed_total} of {total} cases agree ({100.0 * agreed_total / max(total, 1):.1f} %).")
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
