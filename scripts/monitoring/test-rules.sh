#!/usr/bin/env bash
# The alert rules' tests, with promtool (built by scripts/kube/build.sh, the version pinned in
# scripts/kube/versions.env, cached per machine):
#   1. promtool check rules: the shipped rule file (deploy/helm/todo-operator/monitoring/, copied to
#      deploy/monitoring/) parses and is valid;
#   2. promtool test rules: scripts/monitoring/rules-test.yaml, one test per alert, firing on a
#      synthetic broken TodoApp and silent on a healthy one;
#   3. the tests can fail: for each alert, its expression broken two ways in a copy of the file (never
#      true, and always true) must make its test fail. A test that passes with a broken expression
#      tests nothing; this step names it.
# Usage: scripts/monitoring/test-rules.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -gt 0 ]; then echo "usage: $0   (no arguments)" >&2; exit 2; fi
RULES=$ROOT/deploy/helm/todo-operator/monitoring/todo-operator-rules.yaml
TESTS=$ROOT/scripts/monitoring/rules-test.yaml
B=$("$ROOT/scripts/kube/build.sh" promtool)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

cmp -s "$RULES" "$ROOT/deploy/monitoring/todo-operator-rules.yaml" || {
  echo "deploy/monitoring/todo-operator-rules.yaml differs from the chart's: cp $RULES deploy/monitoring/" >&2; exit 1; }

"$B/promtool" check rules "$RULES"
"$B/promtool" test rules "$TESTS"

# The mutants: the rule file with one alert's expr replaced, and the tests pointed at it.
mutate() { # ALERT never|always OUT
  python3 - "$RULES" "$1" "$2" >"$3" <<'PY'
import re, sys
path, alert, how = sys.argv[1:]
lines, out, i, done = open(path).read().split("\n"), [], 0, False
while i < len(lines):
    line = lines[i]; out.append(line); i += 1
    if not re.match(r"\s*- alert: " + re.escape(alert) + r"$", line):
        continue
    while not re.match(r"\s*expr:", lines[i]):
        out.append(lines[i]); i += 1
    indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
    expr = lines[i].split("expr:", 1)[1].strip(); i += 1
    if expr == "|":  # a block: the lines indented deeper than `expr:`
        body = []
        while i < len(lines) and (lines[i].startswith(indent + " ") or not lines[i].strip()):
            body.append(lines[i].strip()); i += 1
        expr = " ".join(b for b in body if b)
    out.append(indent + "expr: " + ("vector(0) > 1" if how == "never" else "(" + expr + ") or label_replace(vector(1), \"mutant\", \"always\", \"\", \"\")"))
    done = True
if not done:
    sys.exit("no alert " + alert + " in " + path)
print("\n".join(out), end="")
PY
}
alerts=$(sed -n 's/^ *- alert: //p' "$RULES")
survivors=()
for alert in $alerts; do
  grep -q "^  - name: $alert " "$TESTS" || { echo "no test in rules-test.yaml for $alert (its name starts with it)" >&2; exit 1; }
  for how in never always; do
    mutate "$alert" "$how" "$T/rules.yaml"
    sed "s#^  - \.\./\.\./deploy/helm/todo-operator/monitoring/todo-operator-rules.yaml#  - $T/rules.yaml#" "$TESTS" >"$T/test.yaml"
    grep -q "$T/rules.yaml" "$T/test.yaml" || { echo "rules-test.yaml's rule_files changed: this script looks for ../../deploy/helm/..." >&2; exit 1; }
    if "$B/promtool" test rules --run="^$alert " "$T/test.yaml" >"$T/out" 2>&1; then
      survivors+=("$alert ($how true)")
    fi
  done
done
if [ ${#survivors[@]} -gt 0 ]; then
  echo "these alerts' tests pass with the expression broken, so they test nothing: ${survivors[*]}" >&2
  exit 1
fi
echo "every alert's test fails when its expression is broken ($(wc -w <<<"$alerts") alerts, never true and always true)"
