#!/usr/bin/env bash
# The load test of the spec, against any TodoApp's URL: USERS users sign up, then each creates, lists
# and updates its tasks for DURATION, as one request every THINK seconds per user (an open model at
# USERS/THINK requests a second, with at most USERS requests in flight: the users' concurrency), sent
# by vegeta (github.com/tsenart/vegeta/v12, pinned in scripts/kube/versions.env, built once per
# machine by scripts/kube/build.sh). While it runs, REPLICAS_CMD (if given) is run every 2 s and its
# output (a number) is taken as the backend's ready replicas.
# Writes to OUT: results.bin (vegeta's own), report.txt and report.html (p50, p95, p99, throughput and
# errors per endpoint; latency, throughput and replicas over time, as a chart), replicas.tsv and
# attack-window.tsv (the load's start and end, epoch seconds).
# Exits 1 when a request got a 5xx or a connection error, or when the p95 of every request is above
# P95_MAX_MS; 2 on bad arguments.
#
# Usage: scripts/load/load-test.sh URL [USERS [DURATION [THINK]]]
#   URL       the TodoApp's address, e.g. https://todo.example.com (its /api is the backend)
#   USERS     default 50;  DURATION  vegeta's form, default 5m;  THINK  seconds, default 1
# Environment: OUT [./load-report], HOST_HEADER (a Host header, e.g. when URL is the ingress
# controller's address), CACERT (a CA file for HTTPS), REPLICAS_CMD, REPLICAS_AFTER [30] (seconds of
# sampling after the load), P95_MAX_MS [500].
# Example, the local cluster's TodoApp through its Ingress:
#   REPLICAS_CMD="kubectl -n todo get deploy todo-backend -o jsonpath={.status.readyReplicas}" \
#     HOST_HEADER=todo.local scripts/load/load-test.sh http://10.244.0.1 50 5m
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -lt 1 ] || [ $# -gt 4 ] || [[ $1 != http://* && $1 != https://* ]]; then
  sed -n 's/^# Usage: //p' "$0" >&2; exit 2
fi
URL=${1%/} USERS=${2:-50} DURATION=${3:-5m} THINK=${4:-1}
[[ $USERS =~ ^[1-9][0-9]*$ ]] || { echo "USERS must be a positive number: $USERS" >&2; exit 2; }
[[ $DURATION =~ ^[0-9]+(ms|s|m|h)$ ]] || { echo "DURATION must look like 60s or 5m: $DURATION" >&2; exit 2; }
[[ $THINK =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "THINK must be seconds: $THINK" >&2; exit 2; }
OUT=${OUT:-./load-report}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
B=$("$ROOT/scripts/kube/build.sh" vegeta)
curl_args=(-sS -m 20 -H 'Content-Type: application/json')
[ -n "${HOST_HEADER:-}" ] && curl_args+=(-H "Host: $HOST_HEADER")
[ -n "${CACERT:-}" ] && curl_args+=(--cacert "$CACERT")

# setting up is not measured: a request that fails here (say a 502 while a new pod joins the
# Ingress) is tried again, up to 10 times
post() { # PATH BODY JSON-FIELD [TOKEN]: the field of the answer
  local auth=() attempt out
  [ -n "${4:-}" ] && auth=(-H "Authorization: Bearer $4")
  for attempt in $(seq 1 10); do
    if out=$(curl "${curl_args[@]}" "${auth[@]}" --fail-with-body -X POST --data "$2" "$URL$1" 2>&1) \
        && out=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$out" "$3" 2>/dev/null); then
      echo "$out"; return 0
    fi
    [ "$attempt" = 10 ] && { echo "load: POST $1 failed 10 times: $out" >&2; return 1; }
    sleep 2
  done
}
echo "load: $USERS users sign up at $URL"
run=$(date +%s)-$$
: >"$OUT/users.tsv"
for i in $(seq 1 "$USERS"); do
  token=$(post /api/auth/signup \
    "$(printf '{"email":"load-%s-%d@load.test","password":"load-password-%d","displayName":"Load %d"}' "$run" "$i" "$i" "$i")" token)
  # each user's first task, the one its updates change
  id=$(post /api/tasks '{"title":"load test: first task"}' id "$token")
  printf '%s\t%s\n' "$token" "$id" >>"$OUT/users.tsv"
done

# vegeta's JSON targets, one request of each kind per user in turn: create, list, update
python3 - "$URL" "${HOST_HEADER:-}" "$OUT/users.tsv" >"$OUT/targets.jsonl" <<'PY'
import base64, json, sys
url, host = sys.argv[1], sys.argv[2]
with open(sys.argv[3]) as f:
    users = [line.split("\t") for line in f.read().splitlines()]
def target(method, path, token, body=None):
    header = {"Authorization": [f"Bearer {token}"], "Content-Type": ["application/json"]}
    if host:
        header["Host"] = [host]
    t = {"method": method, "url": url + path, "header": header}
    if body is not None:
        t["body"] = base64.b64encode(json.dumps(body).encode()).decode()
    return json.dumps(t)
for n, (token, task) in enumerate(users):
    print(target("POST", "/api/tasks", token, {"title": f"load test task {n}", "priority": "MEDIUM"}))
for token, task in users:
    print(target("GET", "/api/tasks?status=all", token))
for n, (token, task) in enumerate(users):
    print(target("PATCH", f"/api/tasks/{task}", token, {"completed": n % 2 == 0, "title": f"load test: updated {n}"}))
PY

# vegeta's rate is requests per period: USERS per THINK seconds
think_ms=$(python3 -c "import sys; print(max(1, round(float(sys.argv[1]) * 1000)))" "$THINK")
echo "load: $USERS users, one request every $THINK s each ($USERS per ${think_ms} ms), for $DURATION"
: >"$OUT/replicas.tsv"
sampler=
if [ -n "${REPLICAS_CMD:-}" ]; then
  ( while :; do printf '%s\t%s\n' "$(date +%s.%N)" "$(bash -c "$REPLICAS_CMD" 2>/dev/null || true)" >>"$OUT/replicas.tsv"; sleep 2; done ) &
  sampler=$!
fi
vegeta_args=(-format=json -targets="$OUT/targets.jsonl" -rate="$USERS/${think_ms}ms" -duration="$DURATION"
  -max-workers="$USERS" -workers="$USERS" -timeout=30s -keepalive=true)
[ -n "${CACERT:-}" ] && vegeta_args+=(-root-certs="$CACERT")
start=$(date +%s.%N)
"$B/vegeta" attack "${vegeta_args[@]}" >"$OUT/results.bin"
end=$(date +%s.%N)
printf '%s\t%s\n' "$start" "$end" >"$OUT/attack-window.tsv"
# the replicas for a while after the load too (REPLICAS_AFTER seconds): a scale-out the load asked
# for shows up once the new pods are ready
[ -z "$sampler" ] || { sleep "${REPLICAS_AFTER:-30}"; kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; }
"$B/vegeta" encode --to=json "$OUT/results.bin" >"$OUT/results.jsonl"
python3 "$ROOT/scripts/load/report.py" "$OUT" "$start" "$end" "$USERS" "$THINK" "$DURATION" "${P95_MAX_MS:-500}"
