#!/usr/bin/env bash
# pass and fail never fail, so "test && pass ... || fail ..." is an if-then-else here.
# shellcheck disable=SC2015
# The whole user journey on the project's local cluster, whose pods really run (scripts/kube/local-cluster.sh):
#   1. helm install the operator's chart (deploy/helm/todo-operator): the operator runs as a pod;
#   2. kubectl apply examples/todoapp-dev.yaml (managed PostgreSQL, Ingress on todo.local);
#   3. kubectl wait --for=condition=Ready todoapp/todo, timed;
#   4. through the Ingress: sign up, add a task through the chat, list it through the API; the
#      NetworkPolicies enforced (kube-router): probes with the backend's and the frontend's labels and
#      one in another namespace, and only the backend's reaches PostgreSQL;
#   5. delete the backend pod, then the PostgreSQL pod: the task is still there;
#   6. change the backend image to a second tag of the same image while a client loops on
#      GET /api/tasks: zero failed requests;
#   7. the load test's short profile (scripts/load/load-test.sh: 50 users sign up, then create, list and
#      update tasks through the Ingress for E2E_LOAD_DURATION): no 5xx, p95 under 500 ms; the HPA,
#      from minReplicas 2, scales the backend out under it, then back to 2;
#   8. kubectl delete todoapp todo: the children go, the database's volume stays.
# Along the way: kubectl get todoapps shows READY and URL, no pod restarts, no ERROR in the
# operator's log. Ends with a line "N passed, N failed" and a summary of the timings.
#
# Needs the three images built (scripts/images.sh) and the postgres stand-in; Linux and root.
# Environment: E2E_RUNDIR [/var/tmp/todo-e2e] (the cluster's folder; removed at the end unless
# E2E_KEEP=1), E2E_SKIP_HPA_DOWN=1 (do not wait for the scale-down), E2E_READY_TIMEOUT [10m],
# E2E_LOAD_DURATION [60s] (5m: the spec's full load test), E2E_ARTIFACTS [/var/tmp/todo-e2e-artifacts]
# (where load-report/, the load test's report.html and report.txt, is written).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
R=${E2E_RUNDIR:-/var/tmp/todo-e2e}
# shellcheck source=scripts/e2e/lib.sh
. "$ROOT/scripts/e2e/lib.sh"
declare -a TIMINGS=()

timing() { TIMINGS+=("$1: $2"); echo "TIME: $1: $2"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
diagnose() {
  echo "--- diagnostics"
  k get todoapps,pods,svc,ingress,hpa,pvc -A -o wide 2>&1 | tail -40 || true
  k -n "$NS" get todoapp todo -o jsonpath='{.status.conditions}' 2>&1; echo
  echo "--- the operator's log (last lines)"; k -n "$OPNS" logs deploy/todo-operator --tail=30 2>&1 || true
  echo "--- the backend's errors (this and the previous container)"
  { k -n "$NS" logs deploy/todo-backend --previous 2>/dev/null; k -n "$NS" logs deploy/todo-backend 2>/dev/null; } \
    | grep -E 'ERROR|Caused by|FATAL' | cut -c1-300 | tail -6
  k get events -A --sort-by=.lastTimestamp 2>&1 | tail -25 || true
}
cleanup() {
  local status=$?
  set +e
  [ $status -eq 0 ] || diagnose
  e2e_cluster_release "$R" "$NS" elsewhere || status=1
  exit $status
}
trap cleanup EXIT

say "local cluster (scripts/kube/local-cluster.sh up, or the shared one of ./test.sh), the images loaded into its node (it pulls nothing)"
t=$(now)
e2e_cluster "$R"
timing "local cluster up (node Ready, add-ons started, images loaded)" "$(since "$t")"

say "1. helm install (the operator's chart)"
t=$(now)
"$BIN/helm" --kubeconfig "$R/kubeconfig" install todo-operator "$ROOT/deploy/helm/todo-operator" \
  -n "$OPNS" --create-namespace -f "$ROOT/deploy/helm/todo-operator/values-dev.yaml" --wait --timeout 5m
k -n "$OPNS" rollout status deploy/todo-operator --timeout=3m
timing "helm install to operator Ready" "$(since "$t")"
pass "the operator runs as a pod with the chart's ServiceAccount and RBAC"

say "2. kubectl apply -f examples/todoapp-dev.yaml"
k create namespace "$NS"
k label namespace "$NS" pod-security.kubernetes.io/enforce=restricted
t=$(now)
k -n "$NS" apply -f "$ROOT/examples/todoapp-dev.yaml"

say "3. kubectl wait --for=condition=Ready todoapp/todo"
if k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout="${E2E_READY_TIMEOUT:-10m}"; then
  timing "kubectl apply to TodoApp Ready" "$(since "$t")"
  pass "TodoApp Ready"
else
  fail "TodoApp not Ready in ${E2E_READY_TIMEOUT:-10m}: $(k -n "$NS" get todoapp todo -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}: {.message}{"\n"}{end}')
  the namespace's last warnings: $(k -n "$NS" get events --field-selector type=Warning --sort-by=.lastTimestamp \
    -o jsonpath='{range .items[*]}{.involvedObject.name}: {.message}{"\n"}{end}' | tail -3)"
  exit 1
fi
table=$(k -n "$NS" get todoapps)
echo "$table"
if echo "$table" | awk 'NR == 2 && $2 == "Ready" && $3 == "1/1" && $4 == "1/1" && $5 == "http://todo.local" { ok = 1 } END { exit !ok }'; then
  pass "kubectl get todoapps shows Ready, 1/1, 1/1 and the URL"
else
  fail "kubectl get todoapps: $table"
fi

restarts() { # pods of the cluster whose containers restarted
  k get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name} {range .status.containerStatuses[*]}{.restartCount} {end}{"\n"}{end}' \
    | awk '{ for (i = 2; i <= NF; i++) if ($i > 0) print $1 " restarted " $i " times" }'
}
r=$(restarts); [ -z "$r" ] && pass "no pod restarted on the way to Ready" || fail "pods restarted on the way to Ready: $r"

say "4. through the Ingress (Host: $HOST): sign up, a task through the chat, the task through the API"
for _ in $(seq 1 60); do curl -sf -m 5 -H "Host: $HOST" "$INGRESS/" -o /dev/null && break; sleep 1; done
curl -sf -m 10 -H "Host: $HOST" "$INGRESS/" | grep -qi '<html' && pass "the Ingress serves the frontend on /" \
  || fail "the Ingress does not serve the frontend on /"
await_api
TOKEN=$(api POST /api/auth/signup '{"email":"e2e@todo.local","password":"e2e-password-1","displayName":"E2E"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
[ -n "$TOKEN" ] && pass "signed up through the Ingress (/api)" || fail "sign-up"
reply=$(api POST /api/chat '{"message":"add buy milk tomorrow"}')
echo "chat: $reply"
tasks() { api GET '/api/tasks?status=all' | python3 -c 'import json,sys; print("\n".join(t["title"] for t in json.load(sys.stdin)["items"]))'; }
if tasks | grep -qi 'buy milk'; then pass "the task added through the chat is listed by the API"; else fail "no 'buy milk' task: $(tasks)"; fi

say "the NetworkPolicies, enforced on the node (kube-router): only the backend reaches PostgreSQL"
# shellcheck disable=SC2046 # one label a word
probe_pod "$NS" probe-backend $(pod_selector "$NS" todo-backend)
# shellcheck disable=SC2046
probe_pod "$NS" probe-frontend $(pod_selector "$NS" todo-frontend)
k create namespace elsewhere >/dev/null
probe_pod elsewhere probe-other
pg=$(k -n "$NS" get pod todo-postgres-0 -o jsonpath='{.status.podIP}')
reaches "$NS" probe-backend "$pg" 5432 && pass "backend -> PostgreSQL:5432 passes" || fail "backend -> PostgreSQL is blocked"
reaches "$NS" probe-frontend "$pg" 5432 && fail "frontend -> PostgreSQL passes" || pass "frontend -> PostgreSQL is blocked"
reaches elsewhere probe-other "$pg" 5432 && fail "a pod of another namespace reaches PostgreSQL" \
  || pass "another namespace -> PostgreSQL is blocked"
k -n "$NS" delete pod probe-backend probe-frontend --wait=false >/dev/null
k delete namespace elsewhere --wait=false >/dev/null

say "at rest: each pod's memory (metrics-server's working set, the figure the HPA and kubectl top use)"
for _ in $(seq 1 45); do k top pods -A --no-headers >/dev/null 2>&1 && break; sleep 2; done
k top pods -A || echo "NOTE: no pod metrics yet"
while read -r ns pod _ mem; do timing "memory at rest: $ns/$pod" "$mem"; done < <(k top pods -A --no-headers 2>/dev/null)

say "5. the backend pod, then the PostgreSQL pod, deleted: the task stays"
for what in "app.kubernetes.io/component=backend" "app.kubernetes.io/component=database"; do
  t=$(now)
  k -n "$NS" delete pod -l "$what" --wait=true
  k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout=5m >/dev/null
  ok=false
  for _ in $(seq 1 90); do tasks 2>/dev/null | grep -qi 'buy milk' && { ok=true; break; }; sleep 2; done
  if $ok; then pass "after deleting the pod ($what) the task is still there ($(since "$t") to serve it again)"
  else fail "after deleting the pod ($what) the task is gone or not served"; fi
done

say "6. the backend image changed to a second tag while a client loops on GET /api/tasks"
loop_out=$(mktemp)
( sent=0; bad=0; end=$((SECONDS + 600))
  while [ ! -f "$loop_out.stop" ] && [ $SECONDS -lt $end ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -H "Host: $HOST" -H "Authorization: Bearer $TOKEN" \
      "$INGRESS/api/tasks?status=all" || echo 000)
    sent=$((sent + 1)); [ "$code" = 200 ] || { bad=$((bad + 1)); echo "failed: HTTP $code" >&2; }
  done
  echo "$sent $bad" > "$loop_out" ) &
LOOP=$!
sleep 3
t=$(now)
k -n "$NS" patch todoapp todo --type=merge -p '{"spec":{"backend":{"image":"todo-backend:dev2"}}}'
for _ in $(seq 1 60); do
  [ "$(k -n "$NS" get deploy todo-backend -o jsonpath='{.spec.template.spec.containers[0].image}')" = todo-backend:dev2 ] && break
  sleep 1
done
k -n "$NS" rollout status deploy/todo-backend --timeout=5m
k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout=5m >/dev/null
sleep 3
touch "$loop_out.stop"; wait $LOOP
read -r sent bad < "$loop_out"
timing "backend rollout to a new image" "$(since "$t")"
if [ "$bad" = 0 ] && [ "$sent" -gt 0 ]; then pass "rollout with zero failed requests ($sent requests sent)"
else fail "rollout: $bad of $sent requests failed"; fi

say "7. the load test (scripts/load/load-test.sh, short profile): 50 users through the Ingress; the HPA scales the backend out from 2, then back"
# Start from rest: the pod the rollout just started spends its first minute compiling (JIT), which an
# HPA created now would read as load.
# (kubectl top fails until metrics-server has a reading for every pod it lists: then nothing is printed)
backend_millicores() { { k -n "$NS" top pods -l app.kubernetes.io/component=backend --no-headers 2>/dev/null || true; } \
  | awk '{ sub(/m$/, "", $2); if ($2 > max) max = $2 } END { if (NR) print max + 0 }'; }
# (no figure yet for a pod that just started: wait for one)
for _ in $(seq 1 60); do m=$(backend_millicores); [ -n "$m" ] && [ "$m" -lt 10 ] && break; sleep 3; done
echo "backend at rest: $(backend_millicores)m CPU"
k -n "$NS" patch todoapp todo --type=merge -p \
  '{"spec":{"backend":{"autoscaling":{"enabled":true,"minReplicas":2,"maxReplicas":4,"targetCPUUtilizationPercentage":50,"scaleDownStabilizationSeconds":30}}}}'
ready_backends() { k -n "$NS" get deploy todo-backend -o jsonpath='{.status.readyReplicas}' 2>/dev/null || true; }
# (both print nothing, and succeed, until the operator has created the HPA and it has a reading)
hpa_util() { k -n "$NS" get hpa todo-backend -o jsonpath='{.status.currentMetrics[0].resource.current.averageUtilization}' 2>/dev/null || true; }
hpa_desired() { k -n "$NS" get hpa todo-backend -o jsonpath='{.status.desiredReplicas}' 2>/dev/null || true; }
# at rest: 2 ready replicas, and the HPA reads them below its target
for _ in $(seq 1 90); do
  u=$(hpa_util); [ "$(ready_backends)" = 2 ] && [ -n "$u" ] && [ "$u" -lt 50 ] && [ "$(hpa_desired)" = 2 ] && break
  sleep 2
done
k -n "$NS" get hpa todo-backend
[ "$(ready_backends)" = 2 ] && pass "the HPA starts the backend at its minReplicas, 2" || fail "backend not at 2 ready replicas: $(ready_backends)"
LOAD_OUT=${E2E_ARTIFACTS:-/var/tmp/todo-e2e-artifacts}/load-report
t=$(now)
if OUT=$LOAD_OUT HOST_HEADER=$HOST P95_MAX_MS=500 REPLICAS_AFTER=10 \
    REPLICAS_CMD="$BIN/kubectl --kubeconfig $R/kubeconfig -n $NS get deploy todo-backend -o jsonpath={.status.readyReplicas}" \
    "$ROOT/scripts/load/load-test.sh" "$INGRESS" 50 "${E2E_LOAD_DURATION:-60s}" 1; then
  pass "50 users for ${E2E_LOAD_DURATION:-60s}: no 5xx, every request answered, p95 under 500 ms (report: $LOAD_OUT/report.html)"
else
  fail "the load test: $(tail -1 "$LOAD_OUT/report.txt" 2>/dev/null || echo 'no report')"
fi
most=$(cut -f2 "$LOAD_OUT/replicas.tsv" 2>/dev/null | sort -n | tail -1)
[ "${most:-0}" -gt 2 ] && pass "the HPA scaled the backend out under the load, to $most ready replicas" \
  || fail "the HPA did not scale the backend out (at most ${most:-?} ready replicas): $(k -n "$NS" get hpa todo-backend --no-headers)"
up_at=$(awk -v t0="$t" -F'\t' '$2 > 2 { printf "%.1f s", $1 - t0; exit }' "$LOAD_OUT/replicas.tsv" 2>/dev/null)
[ -z "$up_at" ] || timing "HPA scale-out 2 -> 3 ready under the load (from the load's start, users signing up included)" "$up_at"
if [ "${E2E_SKIP_HPA_DOWN:-0}" != 1 ] && [ "${most:-0}" -gt 2 ]; then
  t=$(cut -f2 "$LOAD_OUT/attack-window.tsv") # the load's end
  down=false
  for _ in $(seq 1 240); do
    [ "$(k -n "$NS" get deploy todo-backend -o jsonpath='{.spec.replicas}')" = 2 ] && { down=true; break; }
    sleep 3
  done
  if $down; then timing "HPA scale-in to 2 after the load stopped" "$(since "$t")"; pass "the HPA scaled back to 2"
  else fail "the HPA did not scale back to 2 in 12 minutes (its scale-down window is 30 s)"; fi
fi

say "along the way: no pod restarted, no ERROR in the operator's log"
r=$(restarts); [ -z "$r" ] && pass "no pod restarted" || fail "pods restarted: $r"
errors=$(k -n "$OPNS" logs deploy/todo-operator | grep -E '\bERROR\b' || true)
[ -z "$errors" ] && pass "no ERROR in the operator's log" || fail "ERROR lines in the operator's log: $errors"
echo "NOTE: the TodoApp's $(k -n "$NS" get networkpolicies --no-headers | wc -l) NetworkPolicies, enforced by kube-router" \
  "throughout, let every connection above through."

say "8. kubectl delete todoapp todo: the children go, the database's volume stays"
pvcs=$(k -n "$NS" get pvc -o name)
k -n "$NS" delete todoapp todo --wait=true
left=""
for _ in $(seq 1 60); do
  left=$(k -n "$NS" get deploy,statefulset,svc,ingress,configmap,secret,networkpolicy,hpa,pdb -l app.kubernetes.io/instance=todo -o name)
  [ -z "$left" ] && break; sleep 2
done
[ -z "$left" ] && pass "every child of the TodoApp is gone" || fail "children left: $left"
if [ -n "$pvcs" ] && [ "$(k -n "$NS" get pvc -o name)" = "$pvcs" ]; then
  pass "the database's data stays in $pvcs (reused by a TodoApp of the same name)"
else
  fail "the database's volume claim is gone (was: $pvcs)"
fi

echo
echo "Timings:"; printf '  %s\n' "${TIMINGS[@]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
