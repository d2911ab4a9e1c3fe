#!/usr/bin/env python3
"""The write requests one user made, from the API server's audit log (scripts/kube/cluster.sh logs
every create, update, patch and delete at Metadata level), one line each:

    <ms since the epoch> <source address> <verb> <resource[/subresource]> <namespace>/<name> <code>

Usage: operator-writes.py AUDIT_LOG USER_PREFIX [FROM_MS [TO_MS]]
USER_PREFIX selects by user name, e.g. system:serviceaccount:todo-system: (the operator's account).
The fault journey reads it to tell two operator replicas apart by their pods' addresses."""
import json
import sys
from datetime import datetime


def millis(stamp):
    # 2026-12-03T09:41:07.123456Z: Python 3.11 parses the fraction and the Z
    return int(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() * 1000)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, prefix = sys.argv[1], sys.argv[2]
    lo = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    hi = int(sys.argv[4]) if len(sys.argv) > 4 else 1 << 62
    with open(path, encoding="utf-8") as log:
        for line in log:
            try:
                event = json.loads(line)
            except ValueError:
                continue  # a line cut short by a killed API server
            if not event.get("user", {}).get("username", "").startswith(prefix):
                continue
            ms = millis(event["requestReceivedTimestamp"])
            if not lo <= ms < hi:
                continue
            ref = event.get("objectRef", {})
            resource = ref.get("resource", "-") + ("/" + ref["subresource"] if ref.get("subresource") else "")
            print(ms, (event.get("sourceIPs") or ["-"])[0], event["verb"], resource,
                  f'{ref.get("namespace", "")}/{ref.get("name", "")}',
                  event.get("responseStatus", {}).get("code", "-"))


if __name__ == "__main__":
    main()
