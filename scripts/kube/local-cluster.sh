#!/usr/bin/env bash
# The project's local Kubernetes with a node whose pods really run, on this machine (Linux, root):
# the control plane of cluster.sh plus containerd, runc and CNI (a bridge), kubelet and kube-proxy of
# the same release, CoreDNS, metrics-server, a storage class whose volumes bind (local-path
# provisioner) and an ingress controller (Traefik, serving the IngressClass "nginx"). The add-ons
# run as processes of this machine, not as pods; the cluster pulls no image from anywhere.
#
#   scripts/kube/local-cluster.sh up RUNDIR            start it all (binaries: build.sh, cached)
#       LOCAL_CLUSTER_METRICS_SERVER=later: without metrics-server (built or not), which the command
#       below adds: ./test.sh starts the cluster while metrics-server still builds on a fresh machine
#   scripts/kube/local-cluster.sh metrics-server RUNDIR  build metrics-server if needed, start it and
#                                                      wait for the metrics API to be served
#   scripts/kube/local-cluster.sh load RUNDIR IMAGE... copy podman images into the node's containerd
#   scripts/kube/local-cluster.sh down RUNDIR          stop it all and leave nothing running
#   scripts/kube/local-cluster.sh packages             the Debian packages it needs, one a line
#   scripts/kube/local-cluster.sh prepare              installs those that are missing (root)
#
# The node: "todo-node", address 10.244.0.1 on the bridge todo0 (pods get 10.244.0.2-254). The API
# server listens on that address; RUNDIR/kubeconfig is the admin's. Ingress: http://10.244.0.1/ (send
# "Host: todo.local"). This machine's cgroups are v1: the kubelet runs with failCgroupV1: false.
# Needs: Debian's containernetworking-plugins, iptables, conntrack, gcc (the pause binary),
# libseccomp-dev (runc's build) and podman (the images); `up` installs the Debian packages that are
# missing. runc is built like the rest: Debian bookworm's runc 1.1 fails to start containerd 2's
# containers on this kernel ("can't get final child's PID from pipe").
# One function per component (network_up, containerd_up, kubelet_up, ..., traefik_up); each one's
# configuration is a file under scripts/kube/config/ whose ${NAME} placeholders `config` fills in.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/kube/versions.env
. "$HERE/versions.env"
cmd=${1:-}; R=${2:-}
case $cmd in packages|prepare) R=/nonexistent ;; esac
if [ -z "$cmd" ] || [ -z "$R" ]; then echo "usage: $0 up|load|down|metrics-server RUNDIR [IMAGE...], or $0 packages|prepare" >&2; exit 2; fi
R=$(realpath -m "$R")
NODE=todo-node
NODE_IP=10.244.0.1
POD_CIDR=10.244.0.0/24
SERVICE_CIDR=10.0.0.0/16 # cluster.sh's --service-cluster-ip-range
BRIDGE=todo0
PAUSE_IMAGE=registry.k8s.io/pause:3.10.2
HELPER_IMAGE=todo.local/busybox:static
ADDONS=(traefik metrics-server coredns local-path kube-router kube-proxy kubelet)
log() { echo "local-cluster: $*" >&2; }
die() { log "$*"; exit 1; }
daemon() { local name=$1; shift; setsid "$@" > "$R/$name.log" 2>&1 < /dev/null & echo $! > "$R/$name.pid"; }
stop_pid() {
  [ -f "$R/$1.pid" ] || return 0
  local pid; pid=$(cat "$R/$1.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$R/$1.pid"
}
ctr_() { "$B/ctr" --address "$R/containerd/containerd.sock" -n k8s.io "$@"; }
crictl_() { "$B/crictl" --runtime-endpoint "unix://$R/containerd/containerd.sock" --timeout 30s "$@"; }

binaries() { # cached | SET
  if [ "$1" = cached ]; then # those of the cluster that runs in $R
    B=$(cat "$R/bin-dir" 2>/dev/null || echo /nonexistent); K=("$B/kubectl" --kubeconfig "$R/kubeconfig"); return 0
  fi
  # every binary the cluster and the scripts that use it run ($B/..., $BIN/... with BIN from bin-dir):
  # the set "cluster" of build.sh, Helm included ("cluster-core": the same without metrics-server)
  B=$("$HERE/build.sh" "$1")
  local b
  for b in $("$HERE/build.sh" --list "$1"); do
    [ -x "$B/$b" ] || die "build.sh gave no $b in $B"
  done
  mkdir -p "$R"; echo "$B" > "$R/bin-dir"
  K=("$B/kubectl" --kubeconfig "$R/kubeconfig")
}

down() {
  binaries cached
  for a in "${ADDONS[@]}"; do [ "$a" = kubelet ] && continue; stop_pid "$a"; done
  stop_pid kubelet
  if [ -S "$R/containerd/containerd.sock" ] && [ -x "$B/crictl" ]; then
    # every pod sandbox, with its network (CNI DEL) and containers
    crictl_ rmp --all --force >/dev/null 2>&1 || true
    for t in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s KILL "$t" 2>/dev/null || true; done
  fi
  stop_pid containerd
  pkill -KILL -f "containerd-shim-runc-v2 .*-address $R/containerd/containerd.sock" 2>/dev/null || true
  if [ -x "$B/kube-proxy" ]; then "$B/kube-proxy" --cleanup >/dev/null 2>&1 || true; fi
  [ -d "$R" ] && "$HERE/cluster.sh" stop "$R"
  # mounts the kubelet and containerd left (secrets' tmpfs, overlay root filesystems, netns)
  { grep -o " $R/[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  ip link del "$BRIDGE" 2>/dev/null || true
  # the rules the CNI bridge (masquerade of the pod network) and the kubelet (KUBE-* chains) left
  local table chain
  for table in filter nat mangle; do
    { iptables -t "$table" -S 2>/dev/null || true; } | { grep -E -- "-j (KUBE-|CNI-)|$POD_CIDR" || true; } | sed 's/^-A/-D/' \
      | while read -r rule; do read -ra args <<<"$rule"; iptables -t "$table" "${args[@]}" 2>/dev/null || true; done
    for chain in $(iptables -t "$table" -S 2>/dev/null | sed -n 's/^-N \(\(KUBE\|CNI\)-[^ ]*\)$/\1/p'); do
      iptables -t "$table" -F "$chain" 2>/dev/null || true
    done
    for chain in $(iptables -t "$table" -S 2>/dev/null | sed -n 's/^-N \(\(KUBE\|CNI\)-[^ ]*\)$/\1/p'); do
      iptables -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
  # the policy controller's address sets
  { ipset list -n 2>/dev/null || true; } | { grep '^KUBE-' || true; } | while read -r set; do
    ipset destroy "$set" 2>/dev/null || true
  done
}

load() {
  [ -f "$R/bin-dir" ] || die "no local cluster runs in $R (local-cluster.sh up $R)"
  binaries cached
  command -v podman >/dev/null || die "podman is needed to load images (scripts/images/local-bases.sh podman)"
  eval "$(bash "$HERE/../images/local-bases.sh" env)"
  local tar image names=()
  # The kubelet asks for docker.io/library/NAME:TAG where a manifest says NAME:TAG.
  # A short name means the image podman built (localhost/NAME:TAG): named in full, so that a
  # docker.io/library/NAME:TAG tag left by an earlier load cannot shadow a newer build.
  local src
  for image in "$@"; do
    src=$image
    case $image in *.*/*|localhost/*) ;; *) podman image exists "localhost/$image" && src=localhost/$image ;; esac
    case $image in
      *.*/*|localhost/*) names+=("$image") ;;
      */*) podman tag "$src" "docker.io/$image"; names+=("docker.io/$image") ;;
      *) podman tag "$src" "docker.io/library/$image"; names+=("docker.io/library/$image") ;;
    esac
  done
  tar=$(mktemp -d)/images.tar
  podman save -q -m -o "$tar" "${names[@]}"
  ctr_ images import "$tar" >/dev/null
  rm -rf "$(dirname "$tar")"
  log "loaded into the node: $*"
}

# The Debian packages the node needs (and runc's build: gcc, libseccomp-dev); `packages` prints them
# for scripts/install-test-deps.sh, which installs them before the builds that run in the background.
PACKAGES=(libseccomp-dev containernetworking-plugins iptables ipset conntrack gcc libc6-dev busybox-static)
install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# An image FROM scratch with what fill_DIR puts in DIR, built with podman and loaded into the node
# (unless the node has it already).
scratch_image() { # TAG FILL_FUNCTION DOCKERFILE-LINES
  ctr_ images ls -q | grep -qx "$1" && return 0
  local dir; dir=$(mktemp -d)
  "$2" "$dir"
  printf 'FROM scratch\n%s\n' "$3" > "$dir/Dockerfile"
  eval "$(bash "$HERE/../images/local-bases.sh" env)"
  podman build -q --format docker -t "$1" "$dir" >/dev/null
  rm -rf "$dir"
  load "$1"
}

# registry.k8s.io/pause built here: kubernetes' own pause.c, static.
pause_files() {
  local src
  src=$(cd "$B/../src" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c
  gcc -Os -static -o "$1/pause" "$src"
  strip "$1/pause"
}

# The local-path provisioner's helper pods (mkdir/rm of a volume's folder): Debian's static busybox.
helper_files() {
  mkdir -p "$1/bin"; cp /bin/busybox "$1/bin/busybox"
  for t in sh mkdir rm chmod; do ln -s busybox "$1/bin/$t"; done
}

# A file of scripts/kube/config with its ${NAME} placeholders (the variables below) filled in; a
# placeholder left unfilled stops the cluster instead of reaching a component.
CONFIG_VARS=(R B NODE NODE_IP POD_CIDR BRIDGE PAUSE_IMAGE HELPER_IMAGE)
config() {
  local text v
  text=$(<"$HERE/config/$1")
  for v in "${CONFIG_VARS[@]}"; do text=${text//"\${$v}"/${!v}}; done
  if grep -qE '\$\{[A-Z_]+\}' <<<"$text"; then die "config/$1: unknown placeholder $(grep -oE '\$\{[A-Z_]+\}' <<<"$text" | head -1)"; fi
  printf '%s\n' "$text"
}

# The node's network: a bridge whose address the pods route through, forwarding, bridged traffic
# through iptables (kube-proxy's Service rules).
network_up() {
  modprobe br_netfilter 2>/dev/null || true
  sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$NODE_IP/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
}

control_plane_up() {
  log "control plane (cluster.sh) on $NODE_IP"
  # HPAs evaluated every 5 s, not 15: the user journey sees its autoscaler scale out and back sooner
  KUBE_BIN=$B KUBE_NODE_IP=$NODE_IP KCM_EXTRA_ARGS=--horizontal-pod-autoscaler-sync-period=5s \
    "$HERE/cluster.sh" start "$R" >/dev/null
}

containerd_up() {
  log "containerd $CONTAINERD_VERSION with runc and the CNI bridge"
  config cni-bridge.conflist > "$R/cni/10-todo.conflist"
  config containerd.toml > "$R/containerd/config.toml"
  PATH=$B:$PATH daemon containerd "$B/containerd" --config "$R/containerd/config.toml"
  for _ in $(seq 1 100); do [ -S "$R/containerd/containerd.sock" ] && break; sleep 0.2; done
  [ -S "$R/containerd/containerd.sock" ] || { tail -20 "$R/containerd.log" >&2; die "containerd did not start"; }
  scratch_image "$PAUSE_IMAGE" pause_files $'COPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]'
  scratch_image "$HELPER_IMAGE" helper_files $'COPY bin /bin\nENV PATH=/bin'
}

kubelet_up() {
  log "kubelet $KUBE_VERSION (node $NODE)"
  config kubelet.yaml > "$R/kubelet/config.yaml"
  : > "$R/coredns/resolv.conf"
  daemon kubelet "$B/kubelet" --config "$R/kubelet/config.yaml" --kubeconfig "$R/kubelet.kubeconfig" \
    --hostname-override "$NODE" --node-ip "$NODE_IP" --root-dir "$R/kubelet/root" --cert-dir "$R/kubelet/pki"
}

kube_proxy_up() {
  config kube-proxy.yaml > "$R/kube-proxy.yaml"
  daemon kube-proxy "$B/kube-proxy" --config "$R/kube-proxy.yaml"
}

# NetworkPolicies enforced: kube-router's policy controller turns them into iptables and ipset rules
# on the node (the bridge CNI alone lets everything through). It reads the node's object, so it starts
# once the node is Ready.
kube_router_up() {
  log "kube-router $KUBE_ROUTER_VERSION's network policy controller (NetworkPolicies enforced)"
  daemon kube-router "$B/kube-router" --kubeconfig "$R/kubeconfig" --hostname-override "$NODE" \
    --run-firewall=true --run-router=false --run-service-proxy=false \
    --service-cluster-ip-range "$SERVICE_CIDR" --metrics-port 0 --health-port 0
  # it needs the node's object (started after node_ready); a controller that stopped would leave every
  # policy unenforced without a word, so its start is checked
  for _ in $(seq 1 50); do grep -q 'network policy controller running' "$R/kube-router.log" && break; sleep 0.2; done
  if ! kill -0 "$(cat "$R/kube-router.pid")" 2>/dev/null || ! grep -q 'network policy controller running' "$R/kube-router.log"; then
    tail -5 "$R/kube-router.log" >&2; die "kube-router's network policy controller did not start (its log above)"
  fi
}

coredns_up() {
  log "CoreDNS $COREDNS_VERSION on $NODE_IP:53"
  config Corefile > "$R/coredns/Corefile"
  daemon coredns "$B/coredns" -conf "$R/coredns/Corefile"
}

node_ready() {
  log "waiting for node $NODE to be Ready"
  for _ in $(seq 1 120); do
    [ "$("${K[@]}" get node "$NODE" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ] && break
    sleep 1
  done
  "${K[@]}" wait --for=condition=Ready "node/$NODE" --timeout=10s >/dev/null \
    || { tail -30 "$R/kubelet.log" >&2; die "node $NODE is not Ready (kubelet log above)"; }
}

metrics_server_up() {
  log "metrics-server $METRICS_SERVER_VERSION (the metrics API for HPAs)"
  daemon metrics-server "$B/metrics-server" --kubeconfig "$R/kubeconfig" \
    --authentication-kubeconfig "$R/kubeconfig" --authorization-kubeconfig "$R/kubeconfig" \
    --bind-address "$NODE_IP" --secure-port 4443 --cert-dir "$R/metrics-server" \
    --kubelet-insecure-tls --kubelet-preferred-address-types InternalIP --metric-resolution 15s
  config metrics-server.yaml | "${K[@]}" apply -f - >/dev/null
}

# metrics-server added to a cluster started without it (LOCAL_CLUSTER_METRICS_SERVER=later); it waits
# for the APIService to be Available: an aggregated API that does not answer slows every namespace's
# deletion (the namespace controller asks each API for what the namespace holds)
metrics_server_later() {
  [ -f "$R/kubeconfig" ] || die "no local cluster runs in $R (local-cluster.sh up $R)"
  [ ! -f "$R/metrics-server.pid" ] || die "metrics-server already runs in $R"
  "$HERE/build.sh" metrics-server >/dev/null
  binaries cached
  metrics_server_up
  local available=False
  for _ in $(seq 1 120); do
    available=$("${K[@]}" get apiservice v1beta1.metrics.k8s.io -o jsonpath='{.status.conditions[?(@.type=="Available")].status}' 2>/dev/null || true)
    [ "$available" = True ] && return 0
    kill -0 "$(cat "$R/metrics-server.pid")" 2>/dev/null || break
    sleep 1
  done
  tail -20 "$R/metrics-server.log" >&2
  die "metrics-server's APIService is not Available (Available: ${available:-unknown}; its log above)"
}

local_path_up() {
  log "local-path provisioner (default StorageClass \"standard\", volumes under $R/storage)"
  config local-path.yaml | "${K[@]}" apply -f - >/dev/null
  daemon local-path "$B/local-path-provisioner" start --kubeconfig "$R/kubeconfig" \
    --namespace local-path-storage \
    --provisioner-name rancher.io/local-path --service-account-name local-path-provisioner \
    --helper-image "$HELPER_IMAGE"
}

# Traefik with its ingress-nginx provider: it reads Ingresses of the class "nginx" (controller
# k8s.io/ingress-nginx) with ingress-nginx's semantics, as the examples expect: a TLS Ingress is served
# on :443 with the certificate of its Secret, and its plain-HTTP requests are redirected there
# (ingress-nginx's ssl-redirect default); an Ingress without TLS is served on :80.
traefik_up() {
  log "Traefik $TRAEFIK_VERSION, the ingress controller (IngressClass nginx), on http://$NODE_IP:80 and https://$NODE_IP:443"
  config ingress-class.yaml | "${K[@]}" apply -f - >/dev/null
  local api_port; api_port=$(sed -n 's#.*server: "https://[^:]*:\([0-9]*\)".*#\1#p' "$R/kubeconfig")
  daemon traefik "$B/traefik" --entrypoints.web.address="$NODE_IP:80" \
    --entrypoints.websecure.address="$NODE_IP:443" --entrypoints.websecure.http.tls=true \
    --providers.kubernetesingressnginx=true --providers.kubernetesingressnginx.endpoint="https://$NODE_IP:$api_port" \
    --providers.kubernetesingressnginx.token=admin-token \
    --providers.kubernetesingressnginx.certauthfilepath="$R/ca.crt" \
    --ping=true --ping.entrypoint=web --log.level=INFO --log.nocolor=true
}

up() {
  [ "$(uname -s)" = Linux ] || die "the local cluster runs on Linux only; use minikube (deploy/minikube/up.sh)"
  [ "$(id -u)" -eq 0 ] || die "the local cluster's node needs root (containers, networks, mounts); use minikube (deploy/minikube/up.sh)"
  install_packages
  local later=false
  case ${LOCAL_CLUSTER_METRICS_SERVER:-now} in
    now) binaries cluster ;;
    later) later=true; binaries cluster-core ;;
    *) die "LOCAL_CLUSTER_METRICS_SERVER is now (the default) or later, not '$LOCAL_CLUSTER_METRICS_SERVER'" ;;
  esac
  mkdir -p "$R"/{containerd,cni,kubelet,storage,coredns,metrics-server}
  bash "$HERE/../images/local-bases.sh" podman
  network_up
  control_plane_up
  containerd_up
  kubelet_up
  kube_proxy_up
  coredns_up
  node_ready
  kube_router_up
  $later || metrics_server_up
  local_path_up
  traefik_up
  echo "KUBECONFIG=$R/kubeconfig"
}

case $cmd in
  packages) printf '%s\n' "${PACKAGES[@]}" ;;
  prepare) install_packages ;;
  up) up ;;
  down) down ;;
  load) shift 2; load "$@" ;;
  metrics-server) metrics_server_later ;;
  *) echo "usage: $0 up|load|down|metrics-server RUNDIR [IMAGE...], or $0 packages|prepare" >&2; exit 2 ;;
esac
