#!/usr/bin/env bash
# Shared by the end-to-end scripts (source it; it sets BIN): the local cluster a journey runs on,
# with the project's images loaded into its node, so the cluster pulls nothing: todo-operator:dev,
# todo-backend:dev and its second tag dev2 (for a rollout), todo-frontend:dev, and the PostgreSQL
# stand-in as postgres:16. Needs the images built (IMAGES_BUILD_ONLY=1 scripts/images.sh).
#   . scripts/e2e/cluster-with-images.sh
#   cluster_with_images RUNDIR            a fresh local cluster in RUNDIR (scripts/kube/local-cluster.sh;
#                                         any earlier one in the same folder is stopped and removed first)
#   e2e_cluster RUNDIR                    the journey's cluster: with E2E_SHARED_CLUSTER=1 the one already
#                                         running in RUNDIR (./test.sh starts one for all journeys), else
#                                         a fresh one (cluster_with_images)
#   e2e_cluster_release RUNDIR NS...      at the journey's end: the shared cluster left as the journey found
#                                         it (namespaces NS deleted, then the operator's release and its
#                                         namespace todo-system), else the cluster stopped and RUNDIR
#                                         removed (kept with E2E_KEEP=1)
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
