#!/usr/bin/env bash
# pass and fail never fail, so "test && pass ... || fail ..." is an if-then-else here.
# shellcheck disable=SC2015
# The monitoring journey (docs/monitoring.md) on the project's local cluster, whose pods really run:
# a real Prometheus reads a TodoApp the way a Prometheus Operator install would have it read, evaluates
# the rules the chart ships, and two faults fire the alerts written for them.
#   1. the Prometheus Operator's CRDs (ServiceMonitor, PrometheusRule: YAML from its Go module); helm
#      install with the chart's ServiceMonitor and PrometheusRule on; examples/todoapp-dev.yaml with
#      spec.monitoring.enabled (and its Ingress off, so that only the scrape opens the backend's port to
#      other namespaces): the operator makes the backend's ServiceMonitor;
#   2. kube-state-metrics and Prometheus on the node (scripts/kube/build.sh monitoring). Prometheus's
#      scrape jobs are made from the ServiceMonitors in the cluster the way the Prometheus Operator
#      makes them (Kubernetes service discovery of endpoints, the selector's labels and the port kept,
#      the endpoint's relabelings applied); its rules are the chart's PrometheusRule as the cluster
#      holds it, with every `for:` cut to 10s in this copy only (the shipped rules keep their 5 and 15
#      minutes); everything is scraped and evaluated every 2 s;
#   3. the targets up (the operator, the backend through its ServiceMonitor, kube-state-metrics) and no
#      alert for the TodoApp; a pod in another namespace (where a Prometheus would run) reaches the
#      backend's /q/metrics through its NetworkPolicy;
#   4. a crash-looping backend (a bad value in spec.backend.env): TodoAppPodRestarting fires; the value
#      removed, the rollout replaces the pod and the alert goes back to inactive;
#   5. a failing backup (the database's password changed under it): TodoAppBackupFailed fires; the
#      password put back and a new backup taken: inactive.
# Prints each fault-to-firing and fix-to-inactive time (docs/benchmarks.md) and ends with
# "N passed, N failed".
#
# Needs what backup-restore.sh needs (the images, Linux and root) and the monitoring binaries (built
# once per machine; ./test.sh builds them in the background).
# Environment: E2E_RUNDIR [/var/tmp/todo-e2e-monitoring] (removed at the end unless E2E_KEEP=1),
# E2E_SHARED_CLUSTER=1 (./test.sh: the cluster already running in E2E_RUNDIR), E2E_READY_TIMEOUT [10m].
# Usage: scripts/e2e/monitoring.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -gt 0 ]; then echo "usage: $0   (no arguments; see the header for its environment)" >&2; exit 2; fi
R=${E2E_RUNDIR:-/var/tmp/todo-e2e-monitoring}
# shellcheck source=scripts/e2e/lib.sh
. "$ROOT/scripts/e2e/lib.sh"
# shellcheck source=scripts/kube/versions.env
. "$ROOT/scripts/kube/versions.env"
WAIT=${E2E_READY_TIMEOUT:-10m}
WORK=$(mktemp -d /tmp/todo-monitoring-e2e.XXXXXX)
B=$(cd "$ROOT" && scripts/kube/build.sh monitoring)
CRDS=(servicemonitors prometheusrules)
PROM_PID='' KSM_PID='' PROM=''

prom_query() { # PROMQL: the first sample's value, or nothing
  curl -sS -m 5 --get --data-urlencode "query=$1" "$PROM/api/v1/query" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
alert_state() { # ALERTNAME: firing, pending or inactive, for the TodoApp todo in $NS
  curl -sS -m 5 "$PROM/api/v1/alerts" | python3 -c '
import json, sys
name, ns = sys.argv[1], sys.argv[2]
states = [a["state"] for a in json.load(sys.stdin)["data"]["alerts"]
          if a["labels"].get("alertname") == name and a["labels"].get("namespace") == ns
          and a["labels"].get("todoapp") == "todo"]
print("firing" if "firing" in states else "pending" if states else "inactive")' "$1" "$NS"
}
firing_alerts() { # the TodoApp's alerts that fire, one line
  curl -sS -m 5 "$PROM/api/v1/alerts" | python3 -c '
import json, sys
print(" ".join(sorted({a["labels"]["alertname"] for a in json.load(sys.stdin)["data"]["alerts"]
                       if a["state"] == "firing" and a["labels"].get("todoapp") == "todo"})))'
}
await_state() { # ALERTNAME STATE SECONDS: true once the alert is in STATE; prints the seconds it took
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 1 $(( $3 * 2 ))); do
    if [ "$(alert_state "$1")" = "$2" ]; then
      python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$t0" "$(date +%s.%N)"
      return 0
    fi
    sleep 0.5
  done
  return 1
}
expect_alert() { # ALERTNAME STATE SECONDS AFTER-WHAT: a check; the seconds it took in $took
  if took=$(await_state "$1" "$2" "$3"); then
    pass "$1 is $2 $took s after $4"
  else
    took="?"; fail "$1 is still $(alert_state "$1"), not $2, $3 s after $4"
  fi
}
diagnose() {
  echo "--- diagnostics"
  k get todoapps,pods,jobs,servicemonitors -A -o wide 2>&1 | tail -30 || true
  k -n "$NS" get todoapp todo -o jsonpath='{.status}' 2>/dev/null; echo
  if [ -n "$PROM" ]; then
    echo "--- Prometheus's targets"
    curl -sS -m 5 "$PROM/api/v1/targets" | python3 -c '
import json, sys
for t in json.load(sys.stdin)["data"]["activeTargets"]:
    print(t["scrapePool"], t["scrapeUrl"], t["health"], t.get("lastError", ""))' 2>&1 || true
    echo "--- its alerts"; curl -sS -m 5 "$PROM/api/v1/alerts" 2>&1 | cut -c1-2000; echo
  fi
  tail -20 "$WORK/prometheus.log" "$WORK/kube-state-metrics.log" 2>/dev/null || true
  echo "--- the operator's log (last lines)"; k -n "$OPNS" logs deploy/todo-operator --tail=30 2>&1 || true
}
cleanup() {
  local status=$?
  set +e
  [ $status -eq 0 ] && [ "$failed" = 0 ] || diagnose
  for pid in $PROM_PID $KSM_PID; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  k delete namespace monitoring --ignore-not-found --wait --timeout=2m >/dev/null 2>&1
  e2e_cluster_release "$R" "$NS" || status=1
  # the cluster as the journey found it: without the Prometheus Operator's CRDs
  [ ! -f "$R/kubeconfig" ] || for c in "${CRDS[@]}"; do
    k delete crd "$c.monitoring.coreos.com" --ignore-not-found >/dev/null 2>&1; done
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT

say "local cluster (scripts/kube/local-cluster.sh up, or the shared one of ./test.sh), the images loaded into its node"
e2e_cluster "$R"

say "1. the Prometheus Operator's CRDs; helm install with its ServiceMonitor and PrometheusRule; a monitored TodoApp"
# the CRDs as the Prometheus Operator ships them, from its Go module (cached by Go once per machine)
po=$(cd "$WORK" && GOFLAGS=-mod=mod go mod download -json \
  "github.com/prometheus-operator/prometheus-operator@v$PROMETHEUS_OPERATOR_VERSION" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
for c in "${CRDS[@]}"; do k apply --server-side -f "$po/example/prometheus-operator-crd/monitoring.coreos.com_$c.yaml" >/dev/null; done
# kubectl wait fails at once, instead of waiting, on a CRD created a moment ago whose status.conditions
# is still null (".status.conditions accessor error"): ask again until the deadline
deadline=$((SECONDS + 60))
for c in "${CRDS[@]}"; do
  until k wait --for=condition=Established "crd/$c.monitoring.coreos.com" --timeout=60s >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || k wait --for=condition=Established "crd/$c.monitoring.coreos.com" --timeout=1s
    sleep 1
  done
done
"$BIN/helm" --kubeconfig "$R/kubeconfig" install todo-operator "$ROOT/deploy/helm/todo-operator" \
  -n "$OPNS" --create-namespace -f "$ROOT/deploy/helm/todo-operator/values-dev.yaml" \
  --set metrics.serviceMonitor.enabled=true --set metrics.serviceMonitor.interval=2s \
  --set metrics.serviceMonitor.scrapeTimeout=2s --set monitoring.rules.enabled=true --wait --timeout 5m
k create namespace "$NS"
k label namespace "$NS" pod-security.kubernetes.io/enforce=restricted
k create --dry-run=client -f "$ROOT/examples/todoapp-dev.yaml" -o json \
  | python3 -c 'import json,sys; a=json.load(sys.stdin); a["spec"]["monitoring"]={"enabled": True, "interval": "2s"}; a["spec"]["ingress"]={"enabled": False}; a["metadata"].pop("namespace", None); print(json.dumps(a))' \
  >"$WORK/todoapp.json"
k -n "$NS" apply -f "$WORK/todoapp.json" >/dev/null
k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout="$WAIT" >/dev/null
pass "TodoApp todo Ready, with spec.monitoring.enabled (and no Ingress: only the scrape opens its port to other namespaces)"
[ -n "$(k -n "$NS" get servicemonitor todo-backend -o name 2>/dev/null)" ] \
  && pass "the operator made the backend's ServiceMonitor todo-backend" || fail "no ServiceMonitor todo-backend"
[ -n "$(k -n "$OPNS" get prometheusrule -o name 2>/dev/null)" ] \
  && pass "helm install made the PrometheusRule" || fail "no PrometheusRule in $OPNS"

say "2. kube-state-metrics and Prometheus on the node, configured from the cluster's ServiceMonitors and PrometheusRule"
read -r KSM_PORT KSM_TELEMETRY_PORT PROM_PORT < <(python3 -c '
import socket
ports = []
for _ in range(3):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); ports.append(s.getsockname()[1]); s.close()
print(*ports)')
"$B/kube-state-metrics" --kubeconfig "$R/kubeconfig" --host 127.0.0.1 --port "$KSM_PORT" \
  --telemetry-host 127.0.0.1 --telemetry-port "$KSM_TELEMETRY_PORT" --resources=pods,horizontalpodautoscalers,deployments \
  >"$WORK/kube-state-metrics.log" 2>&1 &
KSM_PID=$!
k get servicemonitors -A -o json >"$WORK/servicemonitors.json"
k get prometheusrules -A -o json >"$WORK/prometheusrules.json"
python3 "$ROOT/scripts/e2e/monitoring/prometheus-config.py" "$WORK/servicemonitors.json" "$R/kubeconfig" \
  "127.0.0.1:$KSM_PORT" >"$WORK/prometheus.yml"
python3 "$ROOT/scripts/e2e/monitoring/prometheus-config.py" --rules "$WORK/prometheusrules.json" 10s >"$WORK/rules.yml"
"$B/promtool" check config "$WORK/prometheus.yml" >/dev/null
"$B/prometheus" --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
PROM=http://127.0.0.1:$PROM_PORT
for _ in $(seq 1 60); do curl -sf -m 2 "$PROM/-/ready" >/dev/null 2>&1 && break; sleep 0.5; done
rules=$(curl -sS -m 5 "$PROM/api/v1/rules" | python3 -c 'import json,sys; print(sum(len(g["rules"]) for g in json.load(sys.stdin)["data"]["groups"]))')
[ "$rules" -ge 12 ] && pass "Prometheus evaluates the chart's $rules alert rules" || fail "Prometheus loaded $rules rules"

say "3. the targets, the NetworkPolicy, a quiet start"
up_for() { prom_query "max(up{$1})"; }
for _ in $(seq 1 60); do
  [ "$(up_for 'job="todo-backend"')" = 1 ] && [ "$(up_for 'job="todo-operator-metrics"')" = 1 ] \
    && [ "$(up_for 'job="kube-state-metrics"')" = 1 ] && break
  sleep 1
done
[ "$(up_for 'job="todo-backend"')" = 1 ] && pass "the backend is scraped through its ServiceMonitor" \
  || fail "the backend's target is not up"
[ "$(up_for 'job="todo-operator-metrics"')" = 1 ] && pass "the operator is scraped through the chart's ServiceMonitor" \
  || fail "the operator's target is not up"
[ "$(up_for 'job="kube-state-metrics"')" = 1 ] && pass "kube-state-metrics is scraped" || fail "kube-state-metrics is not up"
backend_ip=$(k -n "$NS" get pod -l app.kubernetes.io/component=backend -o jsonpath='{.items[0].status.podIP}')
# a few requests, so that the backend has request series (from the node, which its policy lets in)
for _ in 1 2 3; do curl -s -o /dev/null -m 5 "http://$backend_ip:8080/api/tasks" || true; done
for _ in $(seq 1 30); do [ -n "$(prom_query "http_server_requests_seconds_count{namespace=\"$NS\", todoapp=\"todo\"}")" ] && break; sleep 1; done
[ -n "$(prom_query "http_server_requests_seconds_count{namespace=\"$NS\", todoapp=\"todo\"}")" ] \
  && pass "the backend's series carry todoapp=todo (the ServiceMonitor's relabeling)" \
  || fail "no backend series labelled todoapp=todo"
[ "$(prom_query "todo_operator_todoapp_ready{namespace=\"$NS\", todoapp=\"todo\"}")" = 1 ] \
  && pass "todo_operator_todoapp_ready is 1" || fail "todo_operator_todoapp_ready is not 1"
k create namespace monitoring >/dev/null
probe_pod monitoring prometheus-probe app.kubernetes.io/name=prometheus
reaches monitoring prometheus-probe "$backend_ip" 8080 \
  && pass "a pod in namespace monitoring reaches the backend's metrics port through its NetworkPolicy" \
  || fail "namespace monitoring cannot reach the backend's port 8080 (the NetworkPolicy blocks the scrape)"
sleep 4 # two evaluations
quiet=$(firing_alerts)
[ -z "$quiet" ] && pass "no alert fires for the healthy TodoApp" || fail "alerts firing for a healthy TodoApp: $quiet"

say "4. a crash-looping backend: TodoAppPodRestarting"
k -n "$NS" patch todoapp todo --type=merge -p '{"spec":{"backend":{"env":[{"name":"QUARKUS_HTTP_PORT","value":"not-a-port"}]}}}' >/dev/null
expect_alert TodoAppPodRestarting firing 180 "the bad value was applied"; RESTART_FIRING=$took
k -n "$NS" patch todoapp todo --type=json -p '[{"op":"remove","path":"/spec/backend/env"}]' >/dev/null
expect_alert TodoAppPodRestarting inactive 180 "the value was removed"; RESTART_INACTIVE=$took
k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout="$WAIT" >/dev/null

say "5. a failing backup: TodoAppBackupFailed"
db_pod=todo-postgres-0
db_user=$(k -n "$NS" exec "$db_pod" -- printenv POSTGRES_USER)
db_password=$(k -n "$NS" exec "$db_pod" -- printenv POSTGRES_PASSWORD)
psql_as() { # PASSWORD SQL: as the database's owner, over TCP as the backup Job connects
  k -n "$NS" exec "$db_pod" -- env PGPASSWORD="$1" psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U "$db_user" \
    -d postgres -c "$2" >/dev/null
}
psql_as "$db_password" "ALTER USER \"$db_user\" PASSWORD 'changed-under-the-operator'"
k -n "$NS" annotate todoapp todo --overwrite todo.dev/backup-now=monitoring-1 >/dev/null
expect_alert TodoAppBackupFailed firing 240 "a backup was asked for with the password changed"; BACKUP_FIRING=$took
psql_as changed-under-the-operator "ALTER USER \"$db_user\" PASSWORD '$db_password'"
k -n "$NS" annotate todoapp todo --overwrite todo.dev/backup-now=monitoring-2 >/dev/null
expect_alert TodoAppBackupFailed inactive 240 "a new backup was asked for with the password back"; BACKUP_INACTIVE=$took

say "figures (scrape and evaluation every 2 s, for: cut to 10s)"
echo "  TodoAppPodRestarting: bad env value -> firing $RESTART_FIRING s; fix -> inactive $RESTART_INACTIVE s"
echo "  TodoAppBackupFailed: backup asked with the password changed -> firing $BACKUP_FIRING s; fix and a new backup -> inactive $BACKUP_INACTIVE s"
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
