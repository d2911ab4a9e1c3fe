#!/usr/bin/env bash
# The operator's main job on this machine, on an embedded default: a local Kubernetes cluster whose
# pods really run (scripts/kube/local-cluster.sh, built and cached the first time), the three images
# built and loaded into it, the operator's Helm chart installed, examples/todoapp-dev.yaml applied,
# and a wait until the TodoApp is Ready. Prints the app's URL and how to point kubectl at the
# cluster; Ctrl-C stops everything and leaves nothing running.
#
#   ./dev.sh               the local cluster (Linux, root, Go); elsewhere it says so and points at minikube
#   ./dev.sh --app-only    the app alone, without Kubernetes: backend (embedded H2) + frontend
#                          (scripts/dev/app-only.sh; FRONTEND_PORT, BACKEND_PORT, AI_API_KEY)
# Environment: DEV_RUNDIR [/var/tmp/todo-dev] (the cluster's folder: logs, kubeconfig).
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = --app-only ]; then shift; exec scripts/dev/app-only.sh "$@"; fi
if [ $# -gt 0 ]; then
  echo "usage: ./dev.sh              the local cluster with examples/todoapp-dev.yaml Ready (DEV_RUNDIR, TODO_KUBE_CACHE)" >&2
  echo "       ./dev.sh --app-only   the app alone, without Kubernetes" >&2
  exit 2
fi

why=""
if [ "$(uname -s)" != Linux ]; then why="it is not Linux"
elif [ "$(id -u)" -ne 0 ]; then why="it needs root for containers and networks"
elif ! command -v go >/dev/null; then why="there is no Go toolchain to build Kubernetes with"
fi
if [ -n "$why" ]; then
  echo "dev.sh: this machine cannot run the local cluster ($why): use minikube (deploy/minikube/up.sh), or ./dev.sh --app-only for the app without Kubernetes."
  exit 1
fi

R=${DEV_RUNDIR:-/var/tmp/todo-dev}
log() { printf '\033[1m[dev]\033[0m %s\n' "$*"; }
stop() {
  trap - INT TERM EXIT
  [ -z "${kube_build:-}" ] || kill "$kube_build" 2>/dev/null || true
  log "Stopping the local cluster (pods, node, control plane)…"
  scripts/kube/local-cluster.sh down "$R" >/dev/null 2>&1 || true
  log "Stopped; nothing is left running. Logs and data stayed in $R."
}
trap stop EXIT
trap 'exit 130' INT TERM

# The first time, the two long builds run side by side: the cluster's binaries (Kubernetes, its node,
# Helm; scripts/kube/build.sh, its progress lines start with "kube/build:") and the images.
scripts/kube/local-cluster.sh prepare
log "Building the local cluster's binaries in the background (first time only: ~20-25 minutes on 2 cores; then cached in ${TODO_KUBE_CACHE:-/var/tmp/todo-kube})…"
nice -n 10 scripts/kube/build.sh cluster >/dev/null &
kube_build=$!
log "Building the three images and the PostgreSQL stand-in (podman; first time: ~10 minutes)…"
IMAGES_BUILD_ONLY=1 scripts/images.sh
if kill -0 "$kube_build" 2>/dev/null; then log "Images built; waiting for the cluster's binaries…"; fi
wait "$kube_build" || { log "building the local cluster's binaries failed (above)"; exit 1; }
log "Starting the local cluster in $R…"
scripts/kube/local-cluster.sh down "$R" >/dev/null 2>&1 || true
scripts/kube/local-cluster.sh up "$R"
BIN=$(cat "$R/bin-dir")
k() { "$BIN/kubectl" --kubeconfig "$R/kubeconfig" "$@"; }
eval "$(bash scripts/images/local-bases.sh env)"
podman tag localhost/todo-postgres-standin:15 localhost/postgres:16
scripts/kube/local-cluster.sh load "$R" todo-operator:dev todo-backend:dev todo-frontend:dev postgres:16

log "Installing the operator's chart (helm, deploy/helm/todo-operator, values-dev.yaml)…"
"$BIN/helm" --kubeconfig "$R/kubeconfig" upgrade --install todo-operator deploy/helm/todo-operator \
  -n todo-system --create-namespace -f deploy/helm/todo-operator/values-dev.yaml --wait --timeout 5m
k create namespace todo --dry-run=client -o yaml | k apply -f - >/dev/null
k label namespace todo pod-security.kubernetes.io/enforce=restricted --overwrite >/dev/null
log "Applying examples/todoapp-dev.yaml and waiting for Ready…"
k -n todo apply -f examples/todoapp-dev.yaml
k -n todo wait --for=condition=Ready todoapp/todo --timeout=10m
k -n todo get todoapps

log "Ready: the app is at http://todo.local (add \"10.244.0.1 todo.local\" to /etc/hosts), or:"
log "  curl -H 'Host: todo.local' http://10.244.0.1/"
log "kubectl:  export KUBECONFIG=$R/kubeconfig; $BIN/kubectl get todoapps -A"
log "Press Ctrl-C to stop."
while sleep 5; do
  kill -0 "$(cat "$R/kubelet.pid")" 2>/dev/null || { log "the kubelet stopped; see $R/kubelet.log"; exit 1; }
done
