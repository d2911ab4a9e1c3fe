#!/usr/bin/env bash
# Shared by the end-to-end scripts (source it; it sets BIN): a fresh local cluster in RUNDIR
# (scripts/kube/local-cluster.sh; any earlier one in the same folder is stopped and removed first),
# and the project's images loaded into its node, so the cluster pulls nothing:
# todo-operator:dev, todo-backend:dev and its second tag dev2 (for a rollout), todo-frontend:dev, and
# the PostgreSQL stand-in as postgres:16. Needs the images built (IMAGES_BUILD_ONLY=1 scripts/images.sh).
#   . scripts/e2e/cluster-with-images.sh; cluster_with_images RUNDIR
cluster_with_images() {
  local r=$1 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  "$root/scripts/kube/local-cluster.sh" down "$r" >/dev/null 2>&1 || true
  rm -rf "$r"
  "$root/scripts/kube/local-cluster.sh" up "$r"
  # shellcheck disable=SC2034 # BIN is read by the sourcing script
  BIN=$(cat "$r/bin-dir")
  eval "$(bash "$root/scripts/images/local-bases.sh" env)"
  podman tag localhost/todo-backend:dev localhost/todo-backend:dev2
  podman tag localhost/todo-postgres-standin:15 localhost/postgres:16
  "$root/scripts/kube/local-cluster.sh" load "$r" todo-operator:dev todo-backend:dev todo-backend:dev2 \
    todo-frontend:dev postgres:16
}
