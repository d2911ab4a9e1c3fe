#!/usr/bin/env bash
# The project's local Kubernetes control plane: etcd, kube-apiserver, kube-controller-manager and
# kube-scheduler of the release in versions.env, on 127.0.0.1 only, as the current user.
#
#   scripts/kube/cluster.sh start RUNDIR   builds or reuses the binaries (build.sh), starts the four
#                                          components and waits until the API server is ready
#   scripts/kube/cluster.sh stop RUNDIR    stops them (the data in RUNDIR stays)
#
# RUNDIR then holds:
#   kubeconfig                  user "admin" (system:masters)
#   operator-admin.kubeconfig   user "todo-operator-admin" (system:masters): the operator in tests
#   operator.kubeconfig         user "todo-operator", no rights until RBAC grants them (the chart's roles)
#   audit.log                   every write request (create/update/patch/delete), one JSON event a line
#   ca.crt                      the cluster's CA (the API server's certificate is signed by it)
#   *.log, *.pid                each component's log and process id
#
# Environment: KUBE_BIN (a folder with the binaries; default: what build.sh prints), KUBE_NODE_IP (an
# address of this machine that pods reach, e.g. the node's bridge: the API server then listens there
# instead of on 127.0.0.1 and advertises it as the "kubernetes" Service's endpoint), ports
# ETCD_PORT ETCD_PEER_PORT API_PORT KCM_PORT SCHED_PORT (default: free ports), APISERVER_EXTRA_ARGS
# and KCM_EXTRA_ARGS (appended to kube-apiserver's and kube-controller-manager's flags; the last
# occurrence of a flag wins).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cmd=${1:-}; R=${2:-}
if [ -z "$cmd" ] || [ -z "$R" ]; then echo "usage: $0 start|stop RUNDIR" >&2; exit 2; fi
R=$(realpath -m "$R")
COMPONENTS=(scheduler kcm apiserver etcd)

stop() {
  for p in "${COMPONENTS[@]}"; do
    [ -f "$R/$p.pid" ] || continue
    pid=$(cat "$R/$p.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$R/$p.pid"
  done
}
if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop RUNDIR" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
B=${KUBE_BIN:-$("$HERE/build.sh")}
for b in etcd kube-apiserver kube-controller-manager kube-scheduler; do
  [ -x "$B/$b" ] || { echo "cluster.sh: no $b in $B" >&2; exit 1; }
done
EP=${ETCD_PORT:-$(free_port)}; PP=${ETCD_PEER_PORT:-$(free_port)}; AP=${API_PORT:-$(free_port)}
CP=${KCM_PORT:-$(free_port)}; SP=${SCHED_PORT:-$(free_port)}
mkdir -p "$R"; cd "$R"
IP=${KUBE_NODE_IP:-127.0.0.1}

# A CA of the cluster's own, and the API server's serving certificate signed by it (the in-cluster
# names included, for pods that talk to the API server).
cert() { # name CN O extendedKeyUsage [subjectAltName]: name.crt/.key signed by the cluster's CA
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2${3:+/O=$3}" 2>/dev/null
  { echo "extendedKeyUsage=$4"; [ -z "${5:-}" ] || echo "subjectAltName=$5"; } > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 3650 \
    -extfile "$1.ext" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
if [ ! -f ca.crt ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj /CN=todo-kube-ca 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null; openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  # the API server's client certificates: to kubelets (logs, exec) and to aggregated APIs (metrics-server)
  cert kubelet-client kube-apiserver-kubelet-client system:masters clientAuth
  cert front-proxy-client front-proxy-client "" clientAuth
fi
if [ ! -f "apiserver-$IP.crt" ]; then
  cert "apiserver-$IP" kube-apiserver "" serverAuth "IP:$IP,IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
fi
cat > tokens.csv <<'CSV'
admin-token,admin,admin,"system:masters"
kcm-token,system:kube-controller-manager,kcm,"system:masters"
scheduler-token,system:kube-scheduler,scheduler
operator-admin-token,todo-operator-admin,opadmin,"system:masters"
operator-token,todo-operator,operator
kubelet-token,system:node:todo-node,kubelet,"system:nodes"
kube-proxy-token,system:kube-proxy,kube-proxy
CSV
[ -f audit-policy.yaml ] || cat > audit-policy.yaml <<'YAML'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  verbs: [create, update, patch, delete, deletecollection]
- level: None
YAML
ca_data=$(base64 -w0 ca.crt)
kubeconfig() {
cat > "$1" <<KC
apiVersion: v1
kind: Config
clusters: [{name: todo-local, cluster: {server: "https://$IP:$AP", certificate-authority-data: $ca_data}}]
users: [{name: $3, user: {token: $2}}]
contexts: [{name: todo-local, context: {cluster: todo-local, user: $3}}]
current-context: todo-local
KC
}
kubeconfig kubeconfig admin-token admin
kubeconfig kcm.kubeconfig kcm-token kcm
kubeconfig scheduler.kubeconfig scheduler-token scheduler
kubeconfig operator-admin.kubeconfig operator-admin-token todo-operator-admin
kubeconfig operator.kubeconfig operator-token todo-operator
kubeconfig kubelet.kubeconfig kubelet-token system:node:todo-node
kubeconfig kube-proxy.kubeconfig kube-proxy-token system:kube-proxy

trap 'echo "cluster.sh: start failed; see the logs in $R" >&2; stop' ERR
daemon() { local name=$1; shift; setsid "$@" > "$R/$name.log" 2>&1 < /dev/null & echo $! > "$R/$name.pid"; }
daemon etcd "$B/etcd" --name default --data-dir "$R/etcd" \
  --listen-client-urls "http://127.0.0.1:$EP" --advertise-client-urls "http://127.0.0.1:$EP" \
  --listen-peer-urls "http://127.0.0.1:$PP" --initial-advertise-peer-urls "http://127.0.0.1:$PP" \
  --initial-cluster "default=http://127.0.0.1:$PP" --listen-metrics-urls "" \
  --quota-backend-bytes=4294967296 --unsafe-no-fsync
# shellcheck disable=SC2086
daemon apiserver "$B/kube-apiserver" --etcd-servers="http://127.0.0.1:$EP" \
  --bind-address="$IP" --advertise-address="$IP" --secure-port="$AP" \
  --endpoint-reconciler-type="$([ "$IP" = 127.0.0.1 ] && echo none || echo lease)" \
  --tls-cert-file="$R/apiserver-$IP.crt" --tls-private-key-file="$R/apiserver-$IP.key" --client-ca-file="$R/ca.crt" \
  --kubelet-client-certificate="$R/kubelet-client.crt" --kubelet-client-key="$R/kubelet-client.key" \
  --kubelet-preferred-address-types=InternalIP \
  --requestheader-client-ca-file="$R/ca.crt" --requestheader-allowed-names=front-proxy-client \
  --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- --enable-aggregator-routing=true \
  --proxy-client-cert-file="$R/front-proxy-client.crt" --proxy-client-key-file="$R/front-proxy-client.key" \
  --token-auth-file="$R/tokens.csv" --authorization-mode=Node,RBAC \
  --service-account-key-file="$R/sa.pub" --service-account-signing-key-file="$R/sa.key" \
  --service-account-issuer=https://kubernetes.default.svc --service-cluster-ip-range=10.0.0.0/16 \
  --allow-privileged=true --audit-policy-file="$R/audit-policy.yaml" --audit-log-path="$R/audit.log" \
  ${APISERVER_EXTRA_ARGS:-}
K=("$B/kubectl" --kubeconfig "$R/kubeconfig")
[ -x "$B/kubectl" ] || K=(kubectl --kubeconfig "$R/kubeconfig")
for _ in $(seq 1 240); do
  "${K[@]}" get --raw /readyz >/dev/null 2>&1 && break
  kill -0 "$(cat apiserver.pid)" 2>/dev/null || { tail -20 apiserver.log >&2; false; }
  sleep 0.5
done
"${K[@]}" get --raw /readyz >/dev/null
# shellcheck disable=SC2086 # KCM_EXTRA_ARGS: words
daemon kcm "$B/kube-controller-manager" --kubeconfig="$R/kcm.kubeconfig" --leader-elect=false \
  --controllers='*' --service-account-private-key-file="$R/sa.key" --root-ca-file="$R/ca.crt" \
  --use-service-account-credentials=false --bind-address=127.0.0.1 --secure-port="$CP" \
  --cluster-signing-cert-file="$R/ca.crt" --cluster-signing-key-file="$R/ca.key" ${KCM_EXTRA_ARGS:-}
daemon scheduler "$B/kube-scheduler" --kubeconfig="$R/scheduler.kubeconfig" --leader-elect=false \
  --bind-address=127.0.0.1 --secure-port="$SP"
trap - ERR
echo "KUBECONFIG=$R/kubeconfig"
