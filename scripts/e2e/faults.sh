#!/usr/bin/env bash
# pass and fail never fail, so "test && pass ... || fail ..." is an if-then-else here.
# shellcheck disable=SC2015
# Faults injected into the local cluster, one at a time, while a client uses the app through the
# Ingress (creating and listing tasks) and the TodoApp's spec keeps changing (an Ingress annotation
# every few seconds). Each fault is bounded in time, then healed:
#   1. kube-apiserver killed (SIGKILL), started again after FAULT_SECONDS;
#   2. etcd killed, started again after FAULT_SECONDS;
#   3. the operator cut off from the API server for CUT_SECONDS (every byte between them dropped,
#      connections left open: a network partition), then given 2 s of latency on every response
#      for FAULT_SECONDS. The operator reaches the API server through toxiproxy (built by
#      scripts/kube/build.sh, pinned in versions.env) on the node's address: the chart's extraEnv sets
#      KUBERNETES_SERVICE_HOST/PORT, which the operator's Kubernetes client reads in a pod. Only the
#      operator's traffic goes through it; the app, Traefik and kubectl keep their direct path;
#   4. the operator's pod killed in the middle of a rollout of the backend;
#   5. the kubelet killed and started again, then containerd;
#   6. the PostgreSQL pod killed while tasks are being written;
#   7. with the chart's HA setting (replicaCount 2, leader election), the leader's JVM killed
#      (SIGKILL) while the standby waits: the time to a new leader, and from the audit log, by the
#      replicas' pod addresses, the writes either made when it should not have (the old leader after
#      the kill, the standby before it held the lease).
# For each it measures, and asserts where the design promises something:
#   - operator restarts (0, except the fault that kills it);
#   - duplicate or orphaned children of the TodoApp (0);
#   - time from the heal to the TodoApp Ready with status.observedGeneration = metadata.generation;
#   - the client's requests that failed during the fault and after the heal;
#   - tasks acknowledged with 2xx and then missing from the database (0: nothing a user saved is lost).
# Killed processes are started again with the command line and environment they had (/proc).
# Ends with a table (also in $E2E_RUNDIR/faults.md) and "N passed, N failed". Linux, root, the images.
# Environment: E2E_RUNDIR [/var/tmp/todo-e2e], E2E_SHARED_CLUSTER=1, FAULT_SECONDS [20],
# CUT_SECONDS [60], RECOVERY_TIMEOUT [180] (seconds from heal to Ready before the fault counts as not
# survived).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
R=${E2E_RUNDIR:-/var/tmp/todo-e2e}
# shellcheck source=scripts/e2e/lib.sh
. "$ROOT/scripts/e2e/lib.sh"
DOWN=${FAULT_SECONDS:-20}
CUT=${CUT_SECONDS:-60}
RECOVERY_TIMEOUT=${RECOVERY_TIMEOUT:-180}
T=$R/faults
declare -a ROWS=()

cleanup() {
  local status=$?
  set +e
  touch "$T/stop"
  # shellcheck disable=SC2086 # pids
  wait ${LOOPS:-} 2>/dev/null
  [ -n "${TOXI_PID:-}" ] && kill "$TOXI_PID" 2>/dev/null
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
  disown # the cluster's now, stopped by local-cluster.sh down like the others
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
# toxiproxy's HTTP API: toxi METHOD PATH [JSON]
TOXI=127.0.0.1:8474 PROXY=10.244.0.1:16443
toxi() { curl -sSf -m 5 -X "$1" ${3:+-H 'Content-Type: application/json' --data "$3"} "http://$TOXI$2" >/dev/null; }
# The operator's writes, from the API server's audit log: "ms address verb resource ns/name code".
writes() { "$ROOT/scripts/e2e/faults/operator-writes.py" "$R/audit.log" "system:serviceaccount:$OPNS:" "$@"; }
lease_holder() { k -n "$OPNS" get lease todo-operator-lease -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true; }
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

say "the local cluster, toxiproxy before its API server, the operator, examples/todoapp-dev.yaml"
e2e_cluster "$R"
rm -rf "$T"; mkdir -p "$T"
api_server=$(k config view --minify -o jsonpath='{.clusters[0].cluster.server}')
setsid "$BIN/toxiproxy" -host "${TOXI%:*}" -port "${TOXI#*:}" > "$T/toxiproxy.log" 2>&1 < /dev/null &
TOXI_PID=$!
for _ in $(seq 1 50); do curl -sf -m 1 "http://$TOXI/version" >/dev/null && break; sleep 0.2; done
INSTALLED_MS=$(now_ms) # the audit log holds the journeys' before this one on a shared cluster
toxi POST /proxies "{\"name\":\"apiserver\",\"listen\":\"$PROXY\",\"upstream\":\"${api_server#https://}\",\"enabled\":true}"
"$BIN/helm" --kubeconfig "$R/kubeconfig" install todo-operator "$ROOT/deploy/helm/todo-operator" \
  -n "$OPNS" --create-namespace -f "$ROOT/deploy/helm/todo-operator/values-dev.yaml" \
  --set-json "extraEnv=[{\"name\":\"KUBERNETES_SERVICE_HOST\",\"value\":\"${PROXY%:*}\"},{\"name\":\"KUBERNETES_SERVICE_PORT\",\"value\":\"${PROXY#*:}\"}]" \
  --wait --timeout 5m >/dev/null
k create namespace "$NS" >/dev/null
k label namespace "$NS" pod-security.kubernetes.io/enforce=restricted >/dev/null
k -n "$NS" apply -f "$ROOT/examples/todoapp-dev.yaml" >/dev/null
k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout=10m >/dev/null
for _ in $(seq 1 60); do curl -sf -m 5 -H "Host: $HOST" "$INGRESS/" -o /dev/null && break; sleep 1; done
await_api
# the API server sees the operator's requests come from the proxy (the node's address), not its pod
via=$(writes "$INSTALLED_MS" | awk '{ print $2 }' | sort | uniq -c | sort -rn | head -1)
[ "${via##* }" = "${PROXY%:*}" ] && pass "the operator talks to the API server through toxiproxy (its writes come from ${PROXY%:*})" \
  || fail "the operator's writes do not come through toxiproxy: $via"
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
LOOPS=$!
# The spec changes: an Ingress annotation, every 5 s (a new generation each time).
( i=0
  while [ ! -f "$T/stop" ]; do
    i=$((i + 1))
    k -n "$NS" patch todoapp todo --type=merge --request-timeout=5s \
      -p "{\"spec\":{\"ingress\":{\"annotations\":{\"todo.dev/fault-journey\":\"$i\"}}}}" >/dev/null 2>&1 || true
    sleep 5
  done ) &
LOOPS="$LOOPS $!"
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
operator_cut_off() {
  toxi POST /proxies/apiserver/toxics '{"name":"cut-down","type":"timeout","stream":"downstream","attributes":{"timeout":0}}'
  toxi POST /proxies/apiserver/toxics '{"name":"cut-up","type":"timeout","stream":"upstream","attributes":{"timeout":0}}'
  sleep "$CUT"
}
operator_reconnected() { toxi DELETE /proxies/apiserver/toxics/cut-down; toxi DELETE /proxies/apiserver/toxics/cut-up; }
operator_slowed() {
  toxi POST /proxies/apiserver/toxics '{"name":"slow","type":"latency","stream":"downstream","attributes":{"latency":2000}}'
  down_for
}
operator_sped_up() { toxi DELETE /proxies/apiserver/toxics/slow; }
# The leader's JVM, found on the node by its pod's HOSTNAME, killed, and its pod deleted (a restart
# in the same pod would come back with the same identity and simply renew its own lease); then a
# replica with another identity takes the lease once it expires: the standby, or the new pod if it
# asks first.
leader_killed() {
  local p pid=""
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = java ] && tr '\0' '\n' < "$p/environ" 2>/dev/null | grep -qx "HOSTNAME=$LEADER" \
      && { pid=${p#/proc/}; break; }
  done
  [ -n "$pid" ] || { echo "no JVM of pod $LEADER on the node" >&2; return 1; }
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  KILLED_MS=$(now_ms)
  k -n "$OPNS" delete pod "$LEADER" --grace-period=0 --force >/dev/null 2>&1
}
new_leader() {
  local h=""
  for _ in $(seq 1 600); do
    h=$(lease_holder); [ -n "$h" ] && [ "$h" != "$LEADER" ] && break; sleep 0.1
  done
  LED_MS=$(now_ms); NEW_LEADER=$h
}
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
node_agents_down() { crash kubelet; sleep 5; relaunch kubelet; sleep 10; crash containerd; sleep 5; }
node_agents_up() { relaunch containerd; }
postgres_killed() { k -n "$NS" delete pod todo-postgres-0 --grace-period=0 --force >/dev/null 2>&1; }
postgres_back() { k -n "$NS" wait --for=condition=Ready pod/todo-postgres-0 --timeout=3m >/dev/null; }

fault "kube-apiserver killed for ${DOWN} s" apiserver_down apiserver_up
fault "etcd killed for ${DOWN} s" etcd_down etcd_up
fault "the operator cut off from the API server for ${CUT} s" operator_cut_off operator_reconnected
fault "2 s of latency on the operator's API responses for ${DOWN} s" operator_slowed operator_sped_up
fault "the operator's pod killed mid-rollout" operator_killed_mid_rollout operator_replaced 1
# One image change, one backup before it, however often the spec changed meanwhile (the client's
# annotation, every 5 s) and whichever operator pod carried it out.
upgrades=$(k -n "$NS" get jobs -o jsonpath='{range .items[*]}{.metadata.annotations.todo\.dev/backup-trigger}{"\n"}{end}' \
  | grep -cx before-upgrade || true)
[ "$upgrades" = 1 ] && pass "one backup Job before the backend's one image change" \
  || fail "$upgrades backup Jobs before the backend's one image change (expected 1)"
fault "kubelet, then containerd, killed and restarted" node_agents_down node_agents_up
fault "PostgreSQL's pod killed while tasks are written" postgres_killed postgres_back

say "two operator replicas (the chart's HA setting), straight to the API server"
"$BIN/helm" --kubeconfig "$R/kubeconfig" upgrade todo-operator "$ROOT/deploy/helm/todo-operator" -n "$OPNS" \
  --reuse-values --set replicaCount=2 --set-json 'extraEnv=[]' --wait --timeout 5m >/dev/null
k -n "$OPNS" rollout status deploy/todo-operator --timeout=3m >/dev/null
live_operators() {
  k -n "$OPNS" get pods -l app.kubernetes.io/name=todo-operator \
    -o jsonpath='{range .items[?(@.metadata.deletionTimestamp)]}terminating {end}{range .items[*]}{.metadata.name}{"\n"}{end}'
}
# until two replicas run, none terminating, and one of them holds the lease (sets LEADER)
await_two_operators() {
  local pods
  for _ in $(seq 1 240); do
    LEADER=$(lease_holder); pods=$(live_operators)
    [ "$(grep -c . <<<"$pods")" = 2 ] && ! grep -q terminating <<<"$pods" && grep -qx "$LEADER" <<<"$pods" && return 0
    sleep 0.5
  done
  return 1
}
await_two_operators || fail "two operator replicas, one of them the leader, not within 2 minutes"
[ "$(await_converged)" != - ] || fail "the TodoApp did not converge under two operator replicas"
STANDBY=$(live_operators | grep -vx "$LEADER" | head -1)
LEADER_IP=$(k -n "$OPNS" get pod "$LEADER" -o jsonpath='{.status.podIP}')
STANDBY_IP=$(k -n "$OPNS" get pod "$STANDBY" -o jsonpath='{.status.podIP}')
echo "leader $LEADER ($LEADER_IP), standby $STANDBY ($STANDBY_IP)"
WATCHED_MS=$(now_ms)
sleep 5 # the standby's behaviour while it waits, in the audit log
fault "the leader killed while the standby waits (2 replicas)" leader_killed new_leader 1
DONE_MS=$(now_ms)
NEW_IP=$(k -n "$OPNS" get pod "$NEW_LEADER" -o jsonpath='{.status.podIP}' 2>/dev/null || true)
took=$(secs $(( LED_MS - KILLED_MS )))
[ -n "$NEW_IP" ] && pass "a new leader, $NEW_LEADER ($([ "$NEW_LEADER" = "$STANDBY" ] && echo the standby || echo the new pod)), $took s after the leader's kill" \
  || fail "no new leader within 60 s of the leader's kill (lease holder: '$NEW_LEADER')"
# Writes out of turn: before the kill, any but the leader's; between the kill and the takeover, any;
# after it, any but the new leader's. Not counted: leases (taking the lease is the one write a standby
# makes) and the access reviews a starting operator asks for (a question, nothing stored).
writes "$WATCHED_MS" "$DONE_MS" | awk '$4 != "leases" && $4 !~ /reviews$/' > "$T/leader-writes"
out_of_turn=$(awk -v k="$KILLED_MS" -v l="$LED_MS" -v old="$LEADER_IP" -v new="$NEW_IP" \
  '($1 < k && $2 != old) || ($1 >= k && $1 < l) || ($1 >= l && $2 != new)' "$T/leader-writes" | grep -c . || true)
led=$(awk -v l="$LED_MS" '$1 >= l' "$T/leader-writes" | grep -c . || true)
[ "$out_of_turn" = 0 ] && pass "no write out of turn: none by the standby while it waited, none between the kill and the takeover, none but the new leader's after it" \
  || fail "$out_of_turn writes out of turn ($T/leader-writes; leader $LEADER_IP, new leader $NEW_IP)"
LEADER_ROW="| the leader's JVM killed, its pod deleted | $took s ($([ "$NEW_LEADER" = "$STANDBY" ] && echo the standby || echo the new pod)) | $out_of_turn | $led |"

# A rolling update, a drain or a scale-down stops the leader with SIGTERM: it must stop at once and
# hand the lease over (it hung until the kubelet's SIGKILL, 30 s, then the standby waited out the lease).
await_two_operators || fail "two operator replicas again after the kill, not within 2 minutes"
leader_deleted() {
  KILLED_MS=$(now_ms)
  k -n "$OPNS" delete pod "$LEADER" --wait=false >/dev/null
  for _ in $(seq 1 600); do
    k -n "$OPNS" get pod "$LEADER" >/dev/null 2>&1 || break; sleep 0.1
  done
  GONE_MS=$(now_ms)
}
fault "the leader's pod deleted (SIGTERM, as a rolling update or a drain)" leader_deleted new_leader 1
stopped=$(secs $(( GONE_MS - KILLED_MS ))); handed=$(secs $(( LED_MS - KILLED_MS )))
[ $(( GONE_MS - KILLED_MS )) -lt 10000 ] && pass "the leader's pod stopped $stopped s after its delete (its grace period is 30 s)" \
  || fail "the leader's pod took $stopped s to stop after its delete (a shutdown that hangs until the SIGKILL?)"
[ $(( LED_MS - KILLED_MS )) -lt 10000 ] && pass "the lease handed over on shutdown: $NEW_LEADER leads $handed s after the delete" \
  || fail "a new leader only $handed s after the leader's delete (lease holder: '$NEW_LEADER'; was the lease released?)"
HANDOVER_ROW="| the leader's pod deleted (SIGTERM) | $handed s (its pod gone in $stopped s) | - | - |"

say "nothing a user saved is lost"
touch "$T/stop"
# shellcheck disable=SC2086 # two pids
wait $LOOPS
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
  echo "| leader kill | new leader after | writes out of turn | writes by the new leader until converged |"
  echo "|---|---:|---:|---:|"
  echo "$LEADER_ROW"
  echo "$HANDOVER_ROW"
  echo
  echo "$total requests in all, $bad failed; $(grep -c . <<<"$acked") tasks acknowledged, $lost lost."
} | tee "$R/faults.md"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
