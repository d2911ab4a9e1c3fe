#!/usr/bin/env bash
# From nothing to a working Todo app on minikube:
#   start minikube (ingress + metrics-server), build the three images into it, install the
#   operator with its Helm chart (values-dev.yaml), create the app's namespace and secrets,
#   apply examples/todoapp-dev.yaml, wait until the TodoApp is Ready, and print its URL.
#
# Usage: deploy/minikube/up.sh [--skip-build] [--ai-key-file FILE]
#   --skip-build         reuse the images already in minikube
#   --ai-key-file FILE   file holding an OpenAI-compatible API key for the chat assistant
#                        (or set AI_API_KEY in the environment); without one the app uses its
#                        built-in offline assistant. The key is never printed nor put in a manifest.
# Environment (defaults in brackets):
#   MINIKUBE_PROFILE [todo]  MINIKUBE_CPUS [4]  MINIKUBE_MEMORY [8192]  MINIKUBE_DISK [30g]
#   OPERATOR_NAMESPACE [todo-system]  APP_NAMESPACE [todo]  WAIT_TIMEOUT [15m]
#   AI_BASE_URL, AI_MODEL: the OpenAI-compatible endpoint and model used with the key.
# deploy/minikube/down.sh undoes it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PROFILE=${MINIKUBE_PROFILE:-todo}
CPUS=${MINIKUBE_CPUS:-4}
MEMORY=${MINIKUBE_MEMORY:-8192}
DISK=${MINIKUBE_DISK:-30g}
OPERATOR_NS=${OPERATOR_NAMESPACE:-todo-system}
APP_NS=${APP_NAMESPACE:-todo}
WAIT_TIMEOUT=${WAIT_TIMEOUT:-15m}
CHART="$ROOT/deploy/helm/todo-operator"
EXAMPLE="$ROOT/examples/todoapp-dev.yaml"
AI_SECRET=todo-ai
BUILD=true
AI_KEY_FILE=""

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'up.sh: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed. $2"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) BUILD=false; shift ;;
    --ai-key-file) [ $# -ge 2 ] || die "--ai-key-file needs a file name"; AI_KEY_FILE=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

# Fail before changing anything when a tool or a file is missing.
need minikube "Install it: https://minikube.sigs.k8s.io/docs/start/"
need kubectl "Install it: https://kubernetes.io/docs/tasks/tools/ (or use: minikube kubectl --)"
need helm "Install Helm 3: https://helm.sh/docs/intro/install/"
for f in "$CHART/Chart.yaml" "$EXAMPLE" "$ROOT/operator/Dockerfile" \
         "$ROOT/apps/backend/Dockerfile" "$ROOT/apps/frontend/Dockerfile"; do
  [ -f "$f" ] || die "missing $f: run this script from a complete checkout"
done
if [ -n "$AI_KEY_FILE" ]; then
  [ -r "$AI_KEY_FILE" ] || die "cannot read the AI key file $AI_KEY_FILE"
  AI_API_KEY=$(tr -d '\r\n' < "$AI_KEY_FILE")
fi
AI_API_KEY=${AI_API_KEY:-}

say "minikube profile '$PROFILE' ($CPUS CPUs, ${MEMORY} MiB)"
if minikube status -p "$PROFILE" >/dev/null 2>&1; then
  echo "already running"
else
  minikube start -p "$PROFILE" --cpus="$CPUS" --memory="$MEMORY" --disk-size="$DISK"
fi
minikube addons enable ingress -p "$PROFILE"
minikube addons enable metrics-server -p "$PROFILE"
kubectl config use-context "$PROFILE" >/dev/null

# The operator's and the backend's builds (context: the repository root) read only a few files,
# the ones their Dockerfile.dockerignore lets in, so each context is copied to a temporary directory
# instead of sending the whole checkout (node_modules, target/) to minikube.
java_context() { # module directory
  local ctx
  ctx=$(mktemp -d)
  (cd "$ROOT" && tar -cf - mvnw pom.xml .mvn/wrapper/maven-wrapper.properties \
      scripts/images/java-runtime.sh scripts/images/healthcheck/go.mod scripts/images/healthcheck/main.go \
      "$1/pom.xml" "$1/src/main" "$1/Dockerfile") | tar -C "$ctx" -xf -
  echo "$ctx"
}

if [ "$BUILD" = true ]; then
  say "building todo-operator:dev, todo-backend:dev, todo-frontend:dev inside minikube (first time: several minutes)"
  op_ctx=$(java_context operator)
  be_ctx=$(java_context apps/backend)
  trap 'rm -rf "$op_ctx" "$be_ctx"' EXIT
  minikube -p "$PROFILE" image build -t todo-operator:dev -f operator/Dockerfile "$op_ctx"
  minikube -p "$PROFILE" image build -t todo-backend:dev -f apps/backend/Dockerfile "$be_ctx"
  minikube -p "$PROFILE" image build -t todo-frontend:dev -f Dockerfile "$ROOT/apps/frontend"
fi

say "installing the operator (Helm release todo-operator in $OPERATOR_NS)"
helm upgrade --install todo-operator "$CHART" \
  --namespace "$OPERATOR_NS" --create-namespace \
  -f "$CHART/values-dev.yaml" --wait --timeout 5m
kubectl wait --for=condition=Established crd/todoapps.todo.dev --timeout=60s

say "namespace $APP_NS and its secrets"
kubectl create namespace "$APP_NS" --dry-run=client -o yaml | kubectl apply -f -
if [ -n "$AI_API_KEY" ]; then
  # Created from stdin so the key never shows in the process list or in shell history.
  printf '%s' "$AI_API_KEY" | kubectl -n "$APP_NS" create secret generic "$AI_SECRET" \
    --from-file=api-key=/dev/stdin --dry-run=client -o yaml | kubectl apply -f -
  echo "secret $AI_SECRET holds the AI key; the TodoApp uses it"
else
  echo "no AI key given: the app uses its built-in offline assistant"
fi

say "applying $EXAMPLE"
APP=$(kubectl -n "$APP_NS" apply -f "$EXAMPLE" -o name | sed -n 's#^todoapp\.todo\.dev/##p' | head -n 1)
[ -n "$APP" ] || die "$EXAMPLE holds no TodoApp"
echo "TodoApp $APP applied"
if [ -n "$AI_API_KEY" ]; then
  patch=$(printf '{"spec":{"ai":{"provider":"openai-compatible","apiKeySecretRef":{"name":"%s","key":"api-key"}%s%s}}}' \
    "$AI_SECRET" \
    "${AI_BASE_URL:+,\"baseUrl\":\"$AI_BASE_URL\"}" \
    "${AI_MODEL:+,\"model\":\"$AI_MODEL\"}")
  kubectl -n "$APP_NS" patch todoapp "$APP" --type=merge -p "$patch"
fi

say "waiting up to $WAIT_TIMEOUT for TodoApp $APP to be Ready"
if ! kubectl -n "$APP_NS" wait --for=condition=Ready "todoapp/$APP" --timeout="$WAIT_TIMEOUT"; then
  kubectl -n "$APP_NS" get todoapp "$APP" -o wide || true
  kubectl -n "$APP_NS" get pods || true
  die "TodoApp $APP is not Ready: read its conditions with
  kubectl -n $APP_NS describe todoapp $APP
and see docs/troubleshooting.md"
fi
kubectl -n "$APP_NS" get todoapp "$APP"

HOST=$(kubectl -n "$APP_NS" get todoapp "$APP" -o jsonpath='{.spec.ingress.host}')
URL=$(kubectl -n "$APP_NS" get todoapp "$APP" -o jsonpath='{.status.url}')
IP=$(minikube -p "$PROFILE" ip)
say "ready"
echo "URL: ${URL:-http://${HOST:-todo.local}}"
echo "Add this line to /etc/hosts (Linux, or any OS with the kvm2/virtualbox/hyperkit drivers):"
echo "  $IP ${HOST:-todo.local}"
echo "With the docker driver on macOS or Windows run 'minikube -p $PROFILE tunnel' and use instead:"
echo "  127.0.0.1 ${HOST:-todo.local}"
