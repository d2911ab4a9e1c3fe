#!/usr/bin/env bash
# Undoes deploy/minikube/up.sh: deletes the TodoApp (the operator's owner references remove its
# Deployments, Services, Ingress, database and secrets with it), the app's namespace, and the
# operator's Helm release and namespace.
#
# Usage: deploy/minikube/down.sh [--purge] [--delete-cluster]
#   --purge            also delete the TodoApp CRD (Helm never deletes CRDs; this deletes every
#                      TodoApp left in any namespace)
#   --delete-cluster   finally delete the minikube profile itself (all of the above goes with it)
# Environment: MINIKUBE_PROFILE [todo]  OPERATOR_NAMESPACE [todo-system]  APP_NAMESPACE [todo]
set -euo pipefail

PROFILE=${MINIKUBE_PROFILE:-todo}
OPERATOR_NS=${OPERATOR_NAMESPACE:-todo-system}
APP_NS=${APP_NAMESPACE:-todo}
PURGE=false
DELETE_CLUSTER=false

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'down.sh: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed. $2"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --purge) PURGE=true; shift ;;
    --delete-cluster) DELETE_CLUSTER=true; shift ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

need minikube "Install it: https://minikube.sigs.k8s.io/docs/start/"
need kubectl "Install it: https://kubernetes.io/docs/tasks/tools/"
need helm "Install Helm 3: https://helm.sh/docs/intro/install/"

if ! minikube status -p "$PROFILE" >/dev/null 2>&1; then
  if [ "$DELETE_CLUSTER" = true ]; then
    minikube delete -p "$PROFILE"
  fi
  echo "minikube profile '$PROFILE' is not running: nothing to undo"
  exit 0
fi
kubectl config use-context "$PROFILE" >/dev/null

if kubectl get namespace "$APP_NS" >/dev/null 2>&1; then
  say "deleting the TodoApps in $APP_NS while the operator still runs"
  # --wait lets the operator and the garbage collector remove the children first.
  if kubectl api-resources --api-group=todo.dev -o name 2>/dev/null | grep -q '^todoapps'; then
    kubectl -n "$APP_NS" delete todoapps --all --wait --timeout=3m
  fi
  say "deleting namespace $APP_NS"
  kubectl delete namespace "$APP_NS" --wait --timeout=3m
fi

if [ "$PURGE" = true ]; then
  say "deleting every TodoApp left in the cluster, then the TodoApp CRD"
  if kubectl get crd todoapps.todo.dev >/dev/null 2>&1; then
    kubectl delete todoapps --all --all-namespaces --wait --timeout=3m
    kubectl delete crd todoapps.todo.dev --wait --timeout=1m
  fi
fi

if helm status todo-operator -n "$OPERATOR_NS" >/dev/null 2>&1; then
  say "uninstalling the operator (Helm release todo-operator)"
  helm uninstall todo-operator -n "$OPERATOR_NS" --wait
fi
kubectl delete namespace "$OPERATOR_NS" --ignore-not-found --wait --timeout=3m

if [ "$PURGE" != true ]; then
  echo "The TodoApp CRD stays installed (Helm never deletes CRDs); --purge removes it."
fi

if [ "$DELETE_CLUSTER" = true ]; then
  say "deleting minikube profile $PROFILE"
  minikube delete -p "$PROFILE"
fi
say "done"
