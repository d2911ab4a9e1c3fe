#!/usr/bin/env bash
# pass and fail never fail, so "test && pass ... || fail ..." is an if-then-else here.
# shellcheck disable=SC2015
# The production example on the project's local cluster, as written: examples/todoapp-prod.yaml with
# only its two images replaced by the local ones, its Secrets created the way its header says.
#   1. a PostgreSQL outside the cluster that accepts only TLS (scripts/e2e/external-postgres.sh, as a
#      hosted one like Neon does), a self-signed certificate for todo.example.com;
#   2. the commands of docs/deployment-cloud.md: helm upgrade --install with values-prod.yaml (two
#      operator replicas, leader election), the Secrets, kubectl apply the example; Ready;
#   3. HTTPS through the Ingress with the Secret's certificate (curl --cacert); plain HTTP redirected;
#   4. sign up and save a task over HTTPS: its row lands in the external database;
#   5. the HPAs and PDBs as the example specifies them;
#   6. the NetworkPolicies, enforced on the node (kube-router), probed from pods that carry the
#      frontend's and the backend's labels: what may pass passes, and the rest does not;
#   7. the chat when the model's host cannot be reached (no internet here): a clear answer, quickly;
#   8. a drain of the node's backend pods: the PDB refuses the evictions beyond it;
#   9. the embedded database (examples/todoapp-embedded.yaml): a task survives the pod's deletion;
#  10. no ERROR in the operator's log.
# Ends with "N passed, N failed". Needs the images (scripts/images.sh), Linux and root.
# Environment: E2E_RUNDIR [/var/tmp/todo-e2e] (the cluster's folder), E2E_SHARED_CLUSTER=1 (use the
# cluster already running there; ./test.sh starts one for all journeys), E2E_READY_TIMEOUT [10m].
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
R=${E2E_RUNDIR:-/var/tmp/todo-e2e}
# shellcheck source=scripts/e2e/lib.sh
. "$ROOT/scripts/e2e/lib.sh"
HOST=todo.example.com
NODE_IP=10.244.0.1
INGRESS=https://$HOST
X=$R/production
API_CURL_ARGS=(--resolve "$HOST:443:$NODE_IP" --cacert "$X/tls.crt")

cleanup() {
  local status=$?
  set +e
  if [ $status -ne 0 ] || [ "$failed" -gt 0 ]; then
    k get todoapps,pods,hpa,pdb,networkpolicy -n "$NS" -o wide 2>&1 | tail -30
    k -n "$NS" get todoapp todo -o jsonpath='{.status.conditions}' 2>&1; echo
    k -n "$OPNS" logs deploy/todo-operator --tail=20 2>&1
  fi
  k uncordon todo-node >/dev/null 2>&1
  e2e_cluster_release "$R" "$NS" todo-embedded || status=1
  "$ROOT/scripts/e2e/external-postgres.sh" stop "$X/postgres" >/dev/null 2>&1
  exit $status
}
trap cleanup EXIT

say "1. the local cluster; a PostgreSQL outside it that accepts only TLS; a certificate for $HOST"
e2e_cluster "$R"
mkdir -p "$X"
DATABASE_URL=$("$ROOT/scripts/e2e/external-postgres.sh" start "$X/postgres")
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$X/tls.key" -out "$X/tls.crt" 2>/dev/null
if PGPASSWORD=$(cat "$X/postgres/password") psql -X -q -c 'select 1' \
    "host=$NODE_IP port=5433 dbname=todo user=todo sslmode=disable" >/dev/null 2>&1; then
  fail "the external PostgreSQL accepted a connection without TLS"
else
  pass "the external PostgreSQL refuses connections without TLS"
fi

say "2. docs/deployment-cloud.md sections 2-4, as written: helm upgrade --install with values-prod.yaml, the Secrets, the example"
# the images loaded into the node are docker.io/library/<name>:dev: that is the registry and version here
REGISTRY=docker.io/library VERSION=dev
(cd "$ROOT" && "$BIN/helm" --kubeconfig "$R/kubeconfig" upgrade --install todo-operator deploy/helm/todo-operator \
  -n todo-system --create-namespace \
  -f deploy/helm/todo-operator/values-prod.yaml \
  --set image.repository=$REGISTRY/todo-operator --set image.tag=$VERSION --wait >/dev/null)
k -n todo-system rollout status deploy/todo-operator >/dev/null
holder=$(k -n todo-system get lease todo-operator-lease -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true)
[ "$(k -n todo-system get deploy todo-operator -o jsonpath='{.status.readyReplicas}')" = 2 ] && [ -n "$holder" ] \
  && pass "the operator: 2 replicas (values-prod.yaml), the leader $holder" || fail "the operator's replicas or lease (holder: $holder)"
k create namespace todo >/dev/null
# (and the namespace under the restricted Pod Security Standard, as every journey's)
k label namespace todo pod-security.kubernetes.io/enforce=restricted >/dev/null
echo 'sk-local-no-internet' > "$X/openai.key"
k -n todo create secret generic todo-database --from-literal=url="$DATABASE_URL" >/dev/null
k -n todo create secret generic todo-openai --from-file=api-key="$X/openai.key" >/dev/null
k -n todo create secret generic todo-jwt --from-literal=jwt-secret="$(openssl rand -base64 48)" >/dev/null
k -n todo create secret tls todo-tls --cert="$X/tls.crt" --key="$X/tls.key" >/dev/null
sed -e 's#ghcr.io/example/todo-backend:0.1.0#todo-backend:dev#' -e 's#ghcr.io/example/todo-frontend:0.1.0#todo-frontend:dev#' \
  "$ROOT/examples/todoapp-prod.yaml" > "$X/todoapp-prod.yaml"
changed=$(diff "$ROOT/examples/todoapp-prod.yaml" "$X/todoapp-prod.yaml" | grep -c '^>' || true)
[ "$changed" = 2 ] && pass "the example as written, only its two image lines replaced" \
  || fail "the example's copy differs in $changed lines, not 2 (did an image line change?)"
t=$SECONDS
k -n todo apply -f "$X/todoapp-prod.yaml" >/dev/null
if k -n todo wait --for=condition=Ready todoapp --all --timeout="${E2E_READY_TIMEOUT:-15m}" >/dev/null; then
  pass "TodoApp Ready in $((SECONDS - t)) s: $(k -n todo get todoapps --no-headers)"
else
  fail "TodoApp not Ready: $(k -n "$NS" get todoapp todo -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}: {.message}{"\n"}{end}')"
  exit 1
fi

say "3. HTTPS through the Ingress, with the certificate of Secret todo-tls"
for _ in $(seq 1 30); do curl -sf -m 5 "${API_CURL_ARGS[@]}" "$INGRESS/" -o /dev/null && break; sleep 1; done
curl -sf -m 10 "${API_CURL_ARGS[@]}" "$INGRESS/" | grep -qi '<html' \
  && pass "https://$HOST/ serves the frontend with the Secret's certificate (curl --cacert verifies it)" \
  || fail "https://$HOST/ does not serve the frontend with the Secret's certificate"
redirect=$(curl -s -m 10 -o /dev/null -w '%{http_code} %{redirect_url}' --resolve "$HOST:80:$NODE_IP" "http://$HOST/api/tasks")
case $redirect in
  30[18]\ https://$HOST/api/tasks) pass "plain HTTP is redirected to HTTPS ($redirect)" ;;
  *) fail "plain HTTP is not redirected to https://$HOST/: $redirect" ;;
esac

say "4. sign up and save a task over HTTPS: the row lands in the external database"
await_api
TOKEN=$(api POST /api/auth/signup '{"email":"prod@todo.example.com","password":"prod-password-1","displayName":"Prod"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
[ -n "$TOKEN" ] && pass "signed up over HTTPS" || fail "sign-up over HTTPS"
api POST /api/tasks '{"title":"renew the TLS certificate"}' >/dev/null
rows=$("$ROOT/scripts/e2e/external-postgres.sh" psql "$X/postgres" "select title from tasks")
grep -qx 'renew the TLS certificate' <<<"$rows" && pass "the task is a row of the external PostgreSQL (over TLS)" \
  || fail "the task is not in the external database: $rows"
ssl=$("$ROOT/scripts/e2e/external-postgres.sh" psql "$X/postgres" \
  "select count(*) from pg_stat_ssl s join pg_stat_activity a using (pid) where a.usename = 'todo' and not s.ssl")
[ "$ssl" = 0 ] && pass "every connection of the backend's pool to the external database is TLS" \
  || fail "$ssl connection(s) of user todo without TLS"

say "5. the HPAs and PDBs as specified"
hpa() { k -n "$NS" get hpa "todo-$1" -o jsonpath='{.spec.minReplicas}-{.spec.maxReplicas}'; }
[ "$(hpa backend)" = 3-10 ] && [ "$(hpa frontend)" = 3-10 ] \
  && [ "$(k -n "$NS" get hpa todo-backend -o jsonpath='{.spec.metrics[0].resource.target.averageUtilization}')" = 70 ] \
  && pass "HPAs: backend and frontend 3 to 10 replicas, the backend's CPU target 70%" \
  || fail "HPAs: backend $(hpa backend), frontend $(hpa frontend)"
pdb() { k -n "$NS" get pdb "todo-$1" -o jsonpath='{.spec.minAvailable}'; }
[ "$(pdb backend)" = 2 ] && [ "$(pdb frontend)" = 2 ] && pass "PDBs: minAvailable 2 for the backend and the frontend" \
  || fail "PDBs: backend $(pdb backend), frontend $(pdb frontend)"

say "6. the NetworkPolicies, enforced: probes with the frontend's and the backend's labels"
# shellcheck disable=SC2046 # one label a word
probe_pod "$NS" probe-frontend $(pod_selector "$NS" todo-frontend)
# shellcheck disable=SC2046
probe_pod "$NS" probe-backend $(pod_selector "$NS" todo-backend)
backend_ip=$(k -n "$NS" get svc todo-backend -o jsonpath='{.spec.clusterIP}')
reaches "$NS" probe-frontend "$backend_ip" 8080 && pass "frontend -> backend:8080 passes" \
  || fail "frontend -> backend:8080 is blocked"
reaches "$NS" probe-backend "$NODE_IP" 5433 && pass "backend -> the external database's port (5433, from its URL) passes" \
  || fail "backend -> the external database (5433) is blocked"
k -n "$NS" exec probe-backend -- busybox nslookup todo-backend.todo.svc.cluster.local "$NODE_IP" >/dev/null 2>&1 \
  && pass "backend -> DNS passes" || fail "backend -> DNS is blocked"
reaches "$NS" probe-backend "$NODE_IP" 80 && fail "backend -> $NODE_IP:80 passes: only DNS, the database and HTTPS (the model) may leave" \
  || pass "backend -> another port ($NODE_IP:80) is blocked: nothing else leaves"
reaches "$NS" probe-frontend "$NODE_IP" 5433 && fail "frontend -> the external database passes" \
  || pass "frontend -> the external database is blocked"
k -n "$NS" delete pod probe-frontend probe-backend --wait=false >/dev/null

say "7. the chat when the model's host cannot be reached (no internet here)"
t0=$(date +%s%N)
reply=$(api POST /api/chat '{"message":"add water the plants"}' || true)
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "chat (${ms} ms): ${reply:0:200}"
grep -q 'could not be reached' <<<"$reply" && [ "$ms" -lt 10000 ] \
  && pass "the chat says the AI provider could not be reached, in $ms ms" \
  || fail "the chat's answer without the model (in $ms ms): ${reply:0:200}"

say "8. kubectl drain of the node's backend pods: the PDB (minAvailable 2 of 3) refuses the evictions beyond it"
drain=$(k drain todo-node --pod-selector="$(pod_selector "$NS" todo-backend | tr ' ' ',' | sed 's/,$//')" --ignore-daemonsets \
  --delete-emptydir-data --timeout=30s 2>&1) && drained=true || drained=false
ready=$(k -n "$NS" get deploy todo-backend -o jsonpath='{.status.readyReplicas}')
evicted=$(grep -c 'evicted$' <<<"$drain" || true)
if ! $drained && grep -q 'disruption budget' <<<"$drain" && [ "$evicted" = 1 ] && [ "${ready:-0}" -ge 2 ]; then
  pass "drain: 1 backend pod evicted, the others refused by the PDB, $ready ready throughout"
else
  fail "drain: evicted $evicted, ready $ready, drain $($drained && echo succeeded || echo refused): $(tail -3 <<<"$drain")"
fi
k uncordon todo-node >/dev/null
k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout=5m >/dev/null && pass "Ready again after uncordon" \
  || fail "not Ready after uncordon"

say "9. the embedded database (examples/todoapp-embedded.yaml) on the node: its data survives the pod's deletion"
EMB=todo-embedded
k create namespace "$EMB" >/dev/null
k label namespace "$EMB" pod-security.kubernetes.io/enforce=restricted >/dev/null
k -n "$EMB" apply -f "$ROOT/examples/todoapp-embedded.yaml" >/dev/null
emb() ( HOST=todo-embedded.local INGRESS=http://$NODE_IP TOKEN=${EMB_TOKEN:-}; API_CURL_ARGS=(); api "$@" )
emb_tasks() { emb GET '/api/tasks?status=all' | python3 -c 'import json,sys; print("\n".join(t["title"] for t in json.load(sys.stdin)["items"]))'; }
if k -n "$EMB" wait --for=condition=Ready todoapp/todo-embedded --timeout=5m >/dev/null; then
  # routed once the Ingress controller has it: 401 (no token) instead of 404
  for _ in $(seq 1 30); do
    [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H 'Host: todo-embedded.local' "http://$NODE_IP/api/tasks")" = 401 ] && break
    sleep 1
  done
  EMB_TOKEN=$(emb POST /api/auth/signup '{"email":"solo@todo.local","password":"solo-password-1","displayName":"Solo"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  emb POST /api/tasks '{"title":"kept on the volume"}' >/dev/null
  k -n "$EMB" delete pod -l app.kubernetes.io/component=backend --wait=true >/dev/null
  k -n "$EMB" wait --for=condition=Ready todoapp/todo-embedded --timeout=5m >/dev/null
  ok=false
  for _ in $(seq 1 60); do emb_tasks 2>/dev/null | grep -qx 'kept on the volume' && { ok=true; break; }; sleep 2; done
  $ok && pass "embedded database: the task is there after the backend pod was deleted and started again" \
    || fail "embedded database: the task is gone after the pod's deletion"
else
  fail "the embedded TodoApp is not Ready: $(k -n "$EMB" get todoapp todo-embedded --no-headers)"
fi

say "10. the operator's log"
errors=$(k -n "$OPNS" logs deploy/todo-operator | grep -c ' ERROR ' || true)
[ "$errors" = 0 ] && pass "no ERROR in the operator's log" || fail "$errors ERROR lines in the operator's log"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
