#!/usr/bin/env bash
# The alert rules' tests, with promtool (built by scripts/kube/build.sh, the version pinned in
# scripts/kube/versions.env, cached per machine):
#   1. promtool check rules: the shipped rule file (deploy/helm/todo-operator/monitoring/, copied to
#      deploy/monitoring/) parses and is valid;
#   2. promtool test rules: scripts/monitoring/rules-test.yaml, one test per alert, firing on a
#      synthetic broken TodoApp and silent on a healthy one;
#   3. the tests can fail: for each alert, its expression broken two ways in a copy of the file (never
#      true, and always true) must make its test fail. A test that passes with a broken expression
#      tests nothing; this step names it;
#   4. every PromQL expression of the rules and of the Grafana dashboard parses (Prometheus's parser,
#      scripts/monitoring/promql-names) and names only metrics that real scrapes hold: the backend's
#      jar, started here on its embedded database and sent a few requests, and the operator's, kept
#      by OperatorMetricsIT (the real-API-server tier of ./mvnw verify) with a Ready TodoApp and its
#      backups. kube_* (kube-state-metrics) and container_* (the kubelet's cAdvisor) are listed as
#      not scraped here.
# Needs: the backend's and the operator's packaged jars and the IT's scrape:
#   ./mvnw -pl operator,apps/backend verify -Dit.test=OperatorMetricsIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
# Usage: scripts/monitoring/test-rules.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -gt 0 ]; then echo "usage: $0   (no arguments)" >&2; exit 2; fi
RULES=$ROOT/deploy/helm/todo-operator/monitoring/todo-operator-rules.yaml
TESTS=$ROOT/scripts/monitoring/rules-test.yaml
B=$("$ROOT/scripts/kube/build.sh" promtool promql-names)
T=$(mktemp -d)
BACKEND_PID=
cleanup() { [ -z "$BACKEND_PID" ] || kill "$BACKEND_PID" 2>/dev/null || true; rm -rf "$T"; }
trap cleanup EXIT

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

# 4. PromQL against real scrapes
DASHBOARD=$ROOT/deploy/helm/todo-operator/monitoring/todo-operator-dashboard.json
OPERATOR_SCRAPE=$ROOT/operator/target/monitoring/operator-metrics.prom
JAR=$ROOT/apps/backend/target/quarkus-app/quarkus-run.jar
[ -f "$OPERATOR_SCRAPE" ] || { echo "no operator scrape at $OPERATOR_SCRAPE: ./mvnw -pl operator verify -Dit.test=OperatorMetricsIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false" >&2; exit 1; }
[ -f "$JAR" ] || { echo "no backend jar at $JAR: ./mvnw -pl apps/backend package -DskipTests" >&2; exit 1; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
API=http://127.0.0.1:$port
DATA_DIR=$T/data PORT=$port JWT_SECRET=monitoring-test-rules-jwt-secret-0123456789 \
  java -jar "$JAR" >"$T/backend.log" 2>&1 &
BACKEND_PID=$!
for _ in $(seq 1 120); do curl -sf -m 2 "$API/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf -m 2 "$API/q/health/ready" >/dev/null || { echo "the backend did not start:"; tail -20 "$T/backend.log"; exit 1; } >&2
# a success, a client error and the API's latency buckets
token=$(curl -sf -m 20 -H 'Content-Type: application/json' -X POST "$API/api/auth/signup" \
  -d '{"email":"metrics@todo.local","password":"metrics-password-1","displayName":"Metrics"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf -m 20 -H "Authorization: Bearer $token" "$API/api/tasks" >/dev/null
curl -s -m 20 "$API/api/tasks" >/dev/null
curl -sf -m 20 "$API/q/metrics" >"$T/backend.prom"
files=("$RULES")
files+=("$DASHBOARD")
"$B/promql-names" -scrape "$OPERATOR_SCRAPE" -scrape "$T/backend.prom" \
  -external kube_=kube-state-metrics -external container_=cAdvisor "${files[@]}"
