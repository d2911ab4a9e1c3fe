#!/usr/bin/env bash
# What the end-to-end journeys share (source it after setting R, the cluster's folder): the local
# cluster a journey runs on, with the project's images loaded into its node so the cluster pulls
# nothing (todo-operator:dev, todo-backend:dev and its second tag dev2 for a rollout, todo-frontend:dev,
# the PostgreSQL stand-in as postgres:16; needs IMAGES_BUILD_ONLY=1 scripts/images.sh first), and the
# helpers every journey uses.
#   . scripts/e2e/lib.sh
#   cluster_with_images RUNDIR            a fresh local cluster in RUNDIR (scripts/kube/local-cluster.sh;
#                                         any earlier one in the same folder is stopped and removed first),
#                                         the images loaded: cluster_up RUNDIR, then cluster_load_images RUNDIR
#   e2e_cluster RUNDIR                    the journey's cluster (sets BIN): with E2E_SHARED_CLUSTER=1 the one
#                                         already running in RUNDIR (./test.sh starts one for all journeys),
#                                         else a fresh one (cluster_with_images)
#   e2e_cluster_release RUNDIR NS...      at the journey's end: the shared cluster left as the journey found
#                                         it (namespaces NS deleted, then the operator's release and its
#                                         namespace todo-system), else the cluster stopped and RUNDIR
#                                         removed (kept with E2E_KEEP=1)
#   say TEXT, pass TEXT, fail TEXT        a heading (with the seconds since the journey began); a check that
#                                         passed or failed (counted in $passed, $failed)
#   k ARGS...                             kubectl on the cluster in $R
#   api METHOD PATH [JSON]                curl through the Ingress as $TOKEN's user; prints the body, fails on >= 400
#                                         (API_CURL_ARGS: more curl arguments, e.g. --cacert for HTTPS)
#   await_api                             until the Ingress routes /api to a ready backend (an unauthenticated
#                                         GET /api/tasks answers 401), at most 60 s
#   probe_pod NS NAME [LABEL=VALUE...]    a pod that only waits (busybox), with those labels, never Ready (so no
#                                         Service routes to it), under the restricted Pod Security Standard:
#                                         NetworkPolicies treat it as any pod with its labels
#   reaches NS POD ADDRESS PORT           true when POD opens a TCP connection to ADDRESS:PORT within 3 s
#   pod_selector NS DEPLOYMENT            the Deployment's pod selector, LABEL=VALUE words (for probe_pod)
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cluster_with_images() {
  cluster_up "$1" && cluster_load_images "$1"
}
cluster_up() {
  local r=$1
  "$E2E_ROOT/scripts/kube/local-cluster.sh" down "$r" >/dev/null 2>&1 || true
  rm -rf "$r"
  "$E2E_ROOT/scripts/kube/local-cluster.sh" up "$r"
  # shellcheck disable=SC2034 # BIN is read by the sourcing script
  BIN=$(cat "$r/bin-dir")
}
cluster_load_images() {
  local r=$1
  eval "$(bash "$E2E_ROOT/scripts/images/local-bases.sh" env)"
  podman tag localhost/todo-backend:dev localhost/todo-backend:dev2
  podman tag localhost/todo-postgres-standin:15 localhost/postgres:16
  "$E2E_ROOT/scripts/kube/local-cluster.sh" load "$r" todo-operator:dev todo-backend:dev todo-backend:dev2 \
    todo-frontend:dev postgres:16
}

e2e_cluster() {
  local r=$1
  if [ "${E2E_SHARED_CLUSTER:-0}" = 1 ]; then
    if [ ! -f "$r/bin-dir" ] || [ ! -f "$r/kubeconfig" ]; then
      echo "E2E_SHARED_CLUSTER=1, but no local cluster runs in $r (scripts/kube/local-cluster.sh up $r)" >&2
      return 1
    fi
    # shellcheck disable=SC2034 # BIN is read by the sourcing script
    BIN=$(cat "$r/bin-dir")
    echo "the shared local cluster in $r"
  else
    cluster_with_images "$r"
  fi
}

e2e_cluster_release() {
  local r=$1 kc bin
  shift
  if [ "${E2E_SHARED_CLUSTER:-0}" = 1 ]; then
    bin=$(cat "$r/bin-dir"); kc=$r/kubeconfig
    # The TodoApps first, while the operator still runs (it finishes their deletion), until their pods
    # are gone: the namespace controller looks again at a namespace whose pods still terminate only
    # after their whole grace period (30 s), at once when none is left. Then the operator, then all
    # the namespaces together.
    local ns
    for ns in "$@"; do
      "$bin/kubectl" --kubeconfig "$kc" -n "$ns" delete todoapps --all --wait --timeout=2m >/dev/null 2>&1 || true
      "$bin/kubectl" --kubeconfig "$kc" -n "$ns" wait --for=delete pod -l app.kubernetes.io/managed-by=todo-operator \
        --timeout=2m >/dev/null 2>&1 || true
    done
    "$bin/helm" --kubeconfig "$kc" uninstall todo-operator -n todo-system --wait --timeout 3m >/dev/null 2>&1 || true
    "$bin/kubectl" --kubeconfig "$kc" delete namespace "$@" todo-system --ignore-not-found --wait --timeout=3m >/dev/null
  else
    "$E2E_ROOT/scripts/kube/local-cluster.sh" down "$r" >/dev/null 2>&1 || true
    [ "${E2E_KEEP:-0}" = 1 ] || rm -rf "$r"
  fi
}

# The journeys' common ground: the TodoApp's namespace, the operator's, the Ingress and its host.
# shellcheck disable=SC2034 # read by the sourcing journey
NS=todo OPNS=todo-system INGRESS=http://10.244.0.1 HOST=todo.local
passed=0; failed=0
say() { printf '\n==> [%d s] %s\n' "$SECONDS" "$*"; }
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
k() { "$BIN/kubectl" --kubeconfig "$R/kubeconfig" "$@"; }
api() {
  local args=(-sS --fail-with-body -m 20 -H "Host: $HOST" -H 'Content-Type: application/json' -X "$1")
  [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
  [ $# -ge 3 ] && args+=(--data "$3")
  curl "${args[@]}" ${API_CURL_ARGS[@]+"${API_CURL_ARGS[@]}"} "$INGRESS$2"
}
await_api() {
  local code=none
  for _ in $(seq 1 60); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -H "Host: $HOST" ${API_CURL_ARGS[@]+"${API_CURL_ARGS[@]}"} \
      "$INGRESS/api/tasks" || true)
    [ "$code" = 401 ] && return 0
    sleep 1
  done
  echo "the Ingress did not route /api to the backend within 60 s (last answer: $code)" >&2
  return 1
}
probe_pod() {
  local ns=$1 name=$2 labels="" l
  shift 2
  for l in "$@"; do labels+="\"${l%%=*}\": \"${l#*=}\", "; done
  k -n "$ns" apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: $name, labels: {${labels%, }}}
spec:
  terminationGracePeriodSeconds: 0
  securityContext: {runAsNonRoot: true, runAsUser: 65534, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: probe
    image: todo.local/busybox:static
    imagePullPolicy: Never
    command: [busybox, sleep, "3600"]
    readinessProbe: {exec: {command: [busybox, "false"]}, periodSeconds: 60}
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
EOF
  k -n "$ns" wait --for=jsonpath='{.status.phase}'=Running "pod/$name" --timeout=60s >/dev/null
  # on the local cluster: until kube-router's policy controller has the pod's rules (a probe sent
  # before them would pass whatever the policies say)
  local ip; ip=$(k -n "$ns" get pod "$name" -o jsonpath='{.status.podIP}')
  if iptables -S KUBE-ROUTER-INPUT >/dev/null 2>&1; then
    for _ in $(seq 1 50); do iptables -S KUBE-ROUTER-INPUT | grep -q -- "-s $ip/32 " && return 0; sleep 0.2; done
    echo "no policy rules for pod $ns/$name ($ip) after 10 s: is kube-router running?" >&2; return 1
  fi
}
reaches() { k -n "$1" exec "$2" -- busybox nc -w 3 "$3" "$4" </dev/null >/dev/null 2>&1; }
# shellcheck disable=SC2016 # a Go template, not shell
pod_selector() { k -n "$1" get deploy "$2" -o go-template='{{range $k, $v := .spec.selector.matchLabels}}{{$k}}={{$v}} {{end}}'; }
