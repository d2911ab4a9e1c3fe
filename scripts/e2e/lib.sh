#!/usr/bin/env bash
# What the end-to-end journeys share (source it after setting R, the cluster's folder): the local
# cluster a journey runs on, with the project's images loaded into its node so the cluster pulls
# nothing (todo-operator:dev, todo-backend:dev and its second tag dev2 for a rollout, todo-frontend:dev,
# the PostgreSQL stand-in as postgres:16; needs IMAGES_BUILD_ONLY=1 scripts/images.sh first), and the
# helpers every journey uses.
#   . scripts/e2e/lib.sh
#   cluster_with_images RUNDIR            a fresh local cluster in RUNDIR (scripts/kube/local-cluster.sh;
#                                         any earlier one in the same folder is stopped and removed first)
#   e2e_cluster RUNDIR                    the journey's cluster (sets BIN): with E2E_SHARED_CLUSTER=1 the one
#                                         already running in RUNDIR (./test.sh starts one for all journeys),
#                                         else a fresh one (cluster_with_images)
#   e2e_cluster_release RUNDIR NS...      at the journey's end: the shared cluster left as the journey found
#                                         it (namespaces NS deleted, then the operator's release and its
#                                         namespace todo-system), else the cluster stopped and RUNDIR
#                                         removed (kept with E2E_KEEP=1)
#   say TEXT, pass TEXT, fail TEXT        a heading; a check that passed or failed (counted in $passed, $failed)
#   k ARGS...                             kubectl on the cluster in $R
#   api METHOD PATH [JSON]                curl through the Ingress as $TOKEN's user; prints the body, fails on >= 400
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cluster_with_images() {
  local r=$1
  "$E2E_ROOT/scripts/kube/local-cluster.sh" down "$r" >/dev/null 2>&1 || true
  rm -rf "$r"
  "$E2E_ROOT/scripts/kube/local-cluster.sh" up "$r"
  # shellcheck disable=SC2034 # BIN is read by the sourcing script
  BIN=$(cat "$r/bin-dir")
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
    # the TodoApps' namespaces first, while the operator still runs, then the operator
    "$bin/kubectl" --kubeconfig "$kc" delete namespace "$@" --ignore-not-found --wait --timeout=3m >/dev/null
    "$bin/helm" --kubeconfig "$kc" uninstall todo-operator -n todo-system --wait --timeout 3m >/dev/null 2>&1 || true
    "$bin/kubectl" --kubeconfig "$kc" delete namespace todo-system --ignore-not-found --wait --timeout=3m >/dev/null
  else
    "$E2E_ROOT/scripts/kube/local-cluster.sh" down "$r" >/dev/null 2>&1 || true
    [ "${E2E_KEEP:-0}" = 1 ] || rm -rf "$r"
  fi
}

# The journeys' common ground: the TodoApp's namespace, the operator's, the Ingress and its host.
# shellcheck disable=SC2034 # read by the sourcing journey
NS=todo OPNS=todo-system INGRESS=http://10.244.0.1 HOST=todo.local
passed=0; failed=0
say() { printf '\n==> %s\n' "$*"; }
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
k() { "$BIN/kubectl" --kubeconfig "$R/kubeconfig" "$@"; }
api() {
  local args=(-sS --fail-with-body -m 20 -H "Host: $HOST" -H 'Content-Type: application/json' -X "$1")
  [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
  [ $# -ge 3 ] && args+=(--data "$3")
  curl "${args[@]}" "$INGRESS$2"
}
