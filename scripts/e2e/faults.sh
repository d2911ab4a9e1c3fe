#!/usr/bin/env bash
# pass and fail never fail, so "test && pass ... || fail ..." is an if-then-else here.
# shellcheck disable=SC2015
# Faults injected into the local cluster, one at a time, while a client uses the app through the
# Ingress (creating and listing tasks) and the TodoApp's spec keeps changing (an Ingress annotation
# every few seconds). Each fault is bounded in time, then healed:
#   1. kube-apiserver killed (SIGKILL), started again after FAULT_SECONDS;
#   2. etcd killed, started again after FAULT_SECONDS;
#   3. the operator's pod killed in the middle of a rollout of the backend;
#   4. the kubelet killed and started again, then containerd;
#   5. the PostgreSQL pod killed while tasks are being written.
# For each it measures, and asserts where the design promises something:
#   - operator restarts (0, except the fault that kills it);
#   - duplicate or orphaned children of the TodoApp (0);
#   - time from the heal to the TodoApp Ready with status.observedGeneration = metadata.generation;
#   - the client's requests that failed during the fault and after the heal;
#   - tasks acknowledged with 2xx and then missing from the database (0: nothing a user saved is lost).
# Killed processes are started again with the command line and environment they had (/proc).
# Ends with a table (also in $E2E_RUNDIR/faults.md) and "N passed, N failed". Linux, root, the images.
# Environment: E2E_RUNDIR [/var/tmp/todo-e2e], E2E_SHARED_CLUSTER=1, FAULT_SECONDS [20],
# RECOVERY_TIMEOUT [180] (seconds from heal to Ready before the fault counts as not survived).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
R=${E2E_RUNDIR:-/var/tmp/todo-e2e}
# shellcheck source=scripts/e2e/lib.sh
. "$ROOT/scripts/e2e/lib.sh"
DOWN=${FAULT_SECONDS:-20}
RECOVERY_TIMEOUT=${RECOVERY_TIMEOUT:-180}
T=$R/faults
declare -a ROWS=()

cleanup() {
  local status=$?
  set +e
  touch "$T/stop"
  wait 2>/dev/null
  if [ $status -ne 0 ] || [ "$failed" -gt 0 ]; then
    k -n "$NS" get todoapp,pods -o wide 2>&1 | tail -15
    k -n "$OPNS" logs deploy/todo-operator --tail=15 2>&1
  fi
  e2e_cluster_release "$R" "$NS" || status=1
  exit $status
}
trap cleanup EXIT
now_ms() { date +%s%3N; }

# A component of the cluster, by its pid file in $R: killed with SIGKILL, and started again with its
# command line and environment as they were.
crash() { # NAME
  local pid; pid=$(cat "$R/$1.pid")
  tr '\0' '\n' < "/proc/$pid/cmdline" > "$T/$1.cmdline"
  tr '\0' '\n' < "/proc/$pid/environ" > "$T/$1.environ"
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
relaunch() { # NAME
  local args envs
  mapfile -t args < "$T/$1.cmdline"
  mapfile -t envs < "$T/$1.environ"
  setsid env -i "${envs[@]}" "${args[@]}" >> "$R/$1.log" 2>&1 < /dev/null &
  echo $! > "$R/$1.pid"
}

# What the TodoApp owns (kind/name owner-uid), without Pods and Jobs, which come and go.
children() {
  k -n "$NS" get deploy,sts,svc,cm,secret,ingress,networkpolicy,hpa,pdb,cronjob,pvc -l "app.kubernetes.io/instance=todo" \
    -o jsonpath='{range .items[*]}{.kind}/{.metadata.name} {.metadata.ownerReferences[0].uid}{"\n"}{end}' | sort
}
operator_restarts() {
  k -n "$OPNS" get pods -l app.kubernetes.io/name=todo-operator \
    -o jsonpath='{range .items[*]}{.metadata.name} {.status.containerStatuses[0].restartCount}{"\n"}{end}'
}
# Seconds from now until Ready with observedGeneration = generation (the API server reachable), or "-".
await_converged() {
  local start; start=$(now_ms)
  while [ $(( ($(now_ms) - start) / 1000 )) -lt "$RECOVERY_TIMEOUT" ]; do
    read -r gen obs ready < <(k -n "$NS" get todoapp todo --request-timeout=5s \
      -o jsonpath='{.metadata.generation} {.status.observedGeneration} {.status.conditions[?(@.type=="Ready")].status}' \
      2>/dev/null || echo "x y z") || true
    if [ "$gen" = "$obs" ] && [ "$ready" = True ]; then
      awk -v ms=$(( $(now_ms) - start )) 'BEGIN { printf "%.1f", ms / 1000 }'; return 0
    fi
    sleep 0.5
  done
  echo "-"
}
failed_between() { # FROM_MS TO_MS: the client's requests in that window that did not get a 2xx
  awk -v a="$1" -v b="$2" '$1 >= a && $1 < b && $2 !~ /^2/ { n++ } END { print n + 0 }' "$T/requests"
}

# Runs one fault: FAULT-NAME INJECT-FUNCTION HEAL-FUNCTION [operator restarts expected]
fault() {
  local name=$1 inject=$2 heal=$3 expect_restarts=${4:-0} before after t0 t1 t2 took recovered during later
  say "fault: $name"
  before=$(children); local ops_before; ops_before=$(operator_restarts)
  t0=$(now_ms); "$inject"; "$heal"; t1=$(now_ms)
  took=$(await_converged); t2=$(now_ms)
  sleep 2 # the client's requests after the heal, beyond the first that succeed
  during=$(failed_between "$t0" "$t1"); later=$(failed_between "$t1" "$t2")
  after=$(children)
  local restarts=0 ops_after
  ops_after=$(operator_restarts)
  if [ "$(cut -d' ' -f1 <<<"$ops_after")" != "$(cut -d' ' -f1 <<<"$ops_before")" ]; then restarts=1; fi
  restarts=$(( restarts + $(awk '{ n += $2 } END { print n + 0 }' <<<"$ops_after") - $(awk '{ n += $2 } END { print n + 0 }' <<<"$ops_before") ))
  recovered=$([ "$took" = - ] && echo "not within ${RECOVERY_TIMEOUT} s" || echo "$took s")
  ROWS+=("| $name | $(( (t1 - t0) / 1000 )) s | $recovered | $during | $later | $restarts |")
  [ "$took" != - ] && pass "$name: Ready with observedGeneration = generation $took s after the heal" \
    || fail "$name: not converged within $RECOVERY_TIMEOUT s after the heal"
  [ "$before" = "$after" ] && pass "$name: the same children, each owned by the TodoApp (no duplicate, no orphan)" \
    || fail "$name: children changed: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | tr '\n' ' ')"
  [ "$restarts" -le "$expect_restarts" ] && pass "$name: operator restarts $restarts (expected at most $expect_restarts)" \
    || fail "$name: the operator restarted $restarts times"
  echo "requests failed: $during during the fault, $later after the heal"
}

say "the local cluster, the operator, examples/todoapp-dev.yaml"
e2e_cluster "$R"
rm -rf "$T"; mkdir -p "$T"
"$BIN/helm" --kubeconfig "$R/kubeconfig" install todo-operator "$ROOT/deploy/helm/todo-operator" \
  -n "$OPNS" --create-namespace -f "$ROOT/deploy/helm/todo-operator/values-dev.yaml" --wait --timeout 5m >/dev/null
k create namespace "$NS" >/dev/null
k label namespace "$NS" pod-security.kubernetes.io/enforce=restricted >/dev/null
k -n "$NS" apply -f "$ROOT/examples/todoapp-dev.yaml" >/dev/null
k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout=10m >/dev/null
for _ in $(seq 1 60); do curl -sf -m 5 -H "Host: $HOST" "$INGRESS/" -o /dev/null && break; sleep 1; done
await_api
TOKEN=$(api POST /api/auth/signup '{"email":"faults@todo.local","password":"faults-password-1","displayName":"F"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# The client: a task created, then the list read, every 200 ms; one line per request.
( n=0
  while [ ! -f "$T/stop" ]; do
    n=$((n + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -H "Host: $HOST" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' -X POST --data "{\"title\":\"fault-$n\"}" "$INGRESS/api/tasks" || true)
    echo "$(now_ms) $code create fault-$n" >> "$T/requests"
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -H "Host: $HOST" -H "Authorization: Bearer $TOKEN" \
      "$INGRESS/api/tasks?size=1" || true)
    echo "$(now_ms) $code list" >> "$T/requests"
    sleep 0.2
  done ) &
# The spec changes: an Ingress annotation, every 5 s (a new generation each time).
( i=0
  while [ ! -f "$T/stop" ]; do
    i=$((i + 1))
    k -n "$NS" patch todoapp todo --type=merge --request-timeout=5s \
      -p "{\"spec\":{\"ingress\":{\"annotations\":{\"todo.dev/fault-journey\":\"$i\"}}}}" >/dev/null 2>&1 || true
    sleep 5
  done ) &
sleep 5

down_for() { sleep "$DOWN"; }
apiserver_down() { crash apiserver; down_for; }
apiserver_up() { relaunch apiserver; }
etcd_down() { crash etcd; down_for; }
etcd_up() { relaunch etcd; }
operator_killed_mid_rollout() {
  k -n "$NS" patch todoapp todo --type=merge -p '{"spec":{"backend":{"image":"todo-backend:dev2"}}}' >/dev/null
  for _ in $(seq 1 50); do
    [ "$(k -n "$NS" get deploy todo-backend -o jsonpath='{.spec.template.spec.containers[0].image}')" = todo-backend:dev2 ] && break
    sleep 0.2
  done
  k -n "$OPNS" delete pod -l app.kubernetes.io/name=todo-operator --grace-period=0 --force >/dev/null 2>&1
}
operator_replaced() { k -n "$OPNS" rollout status deploy/todo-operator --timeout=3m >/dev/null; }
node_agents_down() { crash kubelet; sleep 5; relaunch kubelet; sleep 10; crash containerd; sleep 5; }
node_agents_up() { relaunch containerd; }
postgres_killed() { k -n "$NS" delete pod todo-postgres-0 --grace-period=0 --force >/dev/null 2>&1; }
postgres_back() { k -n "$NS" wait --for=condition=Ready pod/todo-postgres-0 --timeout=3m >/dev/null; }

fault "kube-apiserver killed for ${DOWN} s" apiserver_down apiserver_up
fault "etcd killed for ${DOWN} s" etcd_down etcd_up
fault "the operator's pod killed mid-rollout" operator_killed_mid_rollout operator_replaced 1
fault "kubelet, then containerd, killed and restarted" node_agents_down node_agents_up
fault "PostgreSQL's pod killed while tasks are written" postgres_killed postgres_back

say "nothing a user saved is lost"
touch "$T/stop"; sleep 1
acked=$(awk '$3 == "create" && $2 ~ /^2/ { print $4 }' "$T/requests" | sort -u)
# shellcheck disable=SC2016 # expanded in the pod, from its own environment
stored=$(k -n "$NS" exec todo-postgres-0 -- sh -c \
  'PGPASSWORD=$POSTGRES_PASSWORD psql -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tAc "select title from tasks"' | sort -u)
lost=$(comm -23 <(echo "$acked") <(echo "$stored") | grep -c . || true)
[ "$lost" = 0 ] && pass "all $(grep -c . <<<"$acked") tasks acknowledged with 2xx are in the database" \
  || fail "$lost acknowledged tasks are missing from the database: $(comm -23 <(echo "$acked") <(echo "$stored") | head -5 | tr '\n' ' ')"
total=$(grep -c . "$T/requests"); bad=$(awk '$2 !~ /^2/' "$T/requests" | grep -c . || true)

{
  echo "| fault | injected for | heal to Ready, observedGeneration current | requests failed during | failed after the heal | operator restarts |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "$total requests in all, $bad failed; $(grep -c . <<<"$acked") tasks acknowledged, $lost lost."
} | tee "$R/faults.md"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
