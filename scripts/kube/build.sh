#!/usr/bin/env bash
# Provides the binaries of the project's local Kubernetes, of the releases pinned in versions.env,
# and prints the folder that holds them (the only line on stdout). Every binary any script of the
# repository runs from that folder ($BIN/<name>, $B/<name>) is named here, in one of these sets:
#   control-plane (the default): etcd kube-apiserver kube-controller-manager kube-scheduler kubectl
#   cluster: the control plane, the node (kubelet kube-proxy containerd containerd-shim-runc-v2 ctr
#            crictl runc coredns traefik local-path-provisioner kube-router), metrics-server, the tools
#            (helm; vegeta, scripts/load/load-test.sh's load generator; toxiproxy, the TCP proxy
#            scripts/e2e/faults.sh cuts the operator off the API server with): what the local cluster
#            and the journeys on it need
#   cluster-core: the same without metrics-server (a module of its own, ~3.5 minutes of a cold build):
#            what the local cluster starts with when metrics-server joins it later
#            (local-cluster.sh's LOCAL_CLUSTER_METRICS_SERVER=later; ./test.sh on a fresh machine)
#   monitoring: promtool (the alert rules' unit tests), prometheus (the server the monitoring
#            journey scrapes the cluster with) and promql-names (scripts/monitoring/promql-names: every
#            PromQL expression of the rules and the dashboard parses and names only scraped metrics),
#            one module: github.com/prometheus/prometheus; and kube-state-metrics (the pod and HPA
#            series the alerts read)
#   all: both of them
# KubeBinariesTest (deploy/chart-tests) fails when a script calls a binary that no set names.
# Each binary is taken from the first of:
#   1. $KUBEBUILDER_ASSETS (the envtest convention: a folder of ready binaries, e.g. setup-envtest's
#      or a release's; any name of the sets above that it holds is taken from it, the rest is built);
#   2. the per-machine cache $TODO_KUBE_CACHE/v<version>/bin (default /var/tmp/todo-kube), which a
#      fresh clone on the same machine reuses;
#   3. a build from the published Go modules with this machine's Go toolchain, in three modules:
#      - one module for Kubernetes and the programs that are its clients: k8s.io/kubernetes/cmd/...
#        with its staging modules pinned to the same release, etcd (go.etcd.io/etcd/server/v3 of that
#        module graph), crictl, the local-path provisioner, Helm, and CoreDNS with
#        only the plugins the local cluster's Corefile uses (scripts/kube/coredns/main.go, the way
#        CoreDNS documents for a custom build). One module graph means the k8s.io packages they all
#        import are compiled once, and one `go build` links them in parallel;
#      - containerd (containerd, its shim, ctr), metrics-server (which the k8s.io/apiserver of a newer
#        release refuses to start), kube-router's network policy controller alone (our main,
#        scripts/kube/kube-router/main.go, without its BGP router and service proxy) and Traefik,
#        each in a module of its own that keeps
#        the replace directives of the program's go.mod. Traefik is built without the ~150 ACME DNS
#        providers of go-acme/lego (their cloud SDKs are half of its compile time, and the local
#        cluster has no DNS provider to call): the build module replaces lego with a copy of it whose
#        one file that imports them is scripts/kube/traefik/lego-dns-providers.go, so asking this
#        Traefik for a DNS challenge says so;
#      - runc (cgo, with seccomp: Debian's libseccomp-dev);
#      - vegeta and toxiproxy, each in a module of its own;
#      - Prometheus and promtool, in one module of their own, built without the web UI's assets (the
#        module zip lacks them; the HTTP API works) and with only the Kubernetes service discovery
#        (-tags remove_all_sd,enable_kubernetes_sd: the cloud providers' SDKs are most of the build).
#      Prometheus's, Traefik's, kube-state-metrics', kube-router's and toxiproxy's modules take the
#      Kubernetes module's versions of the modules they share with it (align_with_kube below): their
#      common packages compile once.
#      Go's build cache is $TODO_KUBE_CACHE/gocache (GOCACHE_KUBE moves it): outside the work tree,
#      shared by every clone and release on the machine. Progress (packages compiled) goes to stderr.
# Usage: scripts/kube/build.sh [control-plane|cluster|cluster-core|monitoring|all|NAME...]   (default: control-plane)
#        scripts/kube/build.sh --missing [SET|NAME...]   what is not built yet, one a line (exit 1), or nothing (exit 0)
#        scripts/kube/build.sh --list [SET]   the names a set holds (default: cluster)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/kube/versions.env
. "$HERE/versions.env"
V=$KUBE_VERSION
CONTROL_PLANE=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl)
NODE=(kubelet kube-proxy containerd containerd-shim-runc-v2 ctr crictl runc coredns traefik
  local-path-provisioner kube-router)
METRICS_API=(metrics-server)
TOOLS=(helm vegeta toxiproxy)
MONITORING=(promtool prometheus promql-names kube-state-metrics)
ALL=("${CONTROL_PLANE[@]}" "${NODE[@]}" "${METRICS_API[@]}" "${TOOLS[@]}" "${MONITORING[@]}")
log() { echo "kube/build: $*" >&2; }

# What each binary is built from: "module package". The module "kube" is the Kubernetes module of
# $CACHE/src; the others are modules of their own under $CACHE_ROOT/tools.
source_of() {
  case $1 in
    etcd) echo "kube go.etcd.io/etcd/server/v3" ;;
    # our own main around kube-router's network policy controller (scripts/kube/kube-router/main.go),
    # in a module of its own (its k8s.io requirements are older than this release's), aligned with it
    kube-router) echo "github.com/cloudnativelabs/kube-router/v2@v$KUBE_ROUTER_VERSION todo.dev/tool-build/kube-router" ;;
    kube-state-metrics) echo "k8s.io/kube-state-metrics/v2@v$KUBE_STATE_METRICS_VERSION k8s.io/kube-state-metrics/v2" ;;
    kube-*|kubectl|kubelet) echo "kube k8s.io/kubernetes/cmd/$1" ;;
    # metrics-server joins no module of a newer k8s.io: its generated OpenAPI names its models the
    # old way, and the k8s.io/apiserver of 1.37 then refuses to start it ("cannot find model definition")
    metrics-server) echo "sigs.k8s.io/metrics-server@v$METRICS_SERVER_VERSION sigs.k8s.io/metrics-server/cmd/metrics-server" ;;
    crictl) echo "kube sigs.k8s.io/cri-tools/cmd/crictl" ;;
    local-path-provisioner) echo "kube github.com/rancher/local-path-provisioner" ;;
    helm) echo "kube helm.sh/helm/v3/cmd/helm" ;;
    coredns) echo "kube todo.dev/kube-build/coredns" ;;
    containerd|containerd-shim-runc-v2|ctr)
      echo "github.com/containerd/containerd/v2@v$CONTAINERD_VERSION github.com/containerd/containerd/v2/cmd/$1" ;;
    traefik) echo "github.com/traefik/traefik/v3@v$TRAEFIK_VERSION github.com/traefik/traefik/v3/cmd/traefik" ;;
    runc) echo "github.com/opencontainers/runc@v$RUNC_VERSION github.com/opencontainers/runc" ;;
    vegeta) echo "github.com/tsenart/vegeta/v12@v$VEGETA_VERSION github.com/tsenart/vegeta/v12" ;;
    toxiproxy) echo "github.com/Shopify/toxiproxy/v2@v$TOXIPROXY_VERSION github.com/Shopify/toxiproxy/v2/cmd/server" ;;
    promtool|prometheus)
      echo "github.com/prometheus/prometheus@v$PROMETHEUS_VERSION github.com/prometheus/prometheus/cmd/$1" ;;
    promql-names) echo "github.com/prometheus/prometheus@v$PROMETHEUS_VERSION todo.dev/tool-build/promql-names" ;;
  esac
}

# every name of the sets has a source above: a name added to a set alone fails here, at once
for b in "${ALL[@]}"; do
  [ -n "$(source_of "$b")" ] || { log "build.sh names $b in a set but not in source_of: say what builds it"; exit 3; }
done
set_of() {
  case $1 in
    control-plane) echo "${CONTROL_PLANE[@]}" ;;
    cluster) echo "${CONTROL_PLANE[@]}" "${NODE[@]}" "${METRICS_API[@]}" "${TOOLS[@]}" ;;
    cluster-core) echo "${CONTROL_PLANE[@]}" "${NODE[@]}" "${TOOLS[@]}" ;;
    all) echo "${ALL[@]}" ;;
    monitoring) echo "${MONITORING[@]}" ;;
    *) return 1 ;;
  esac
}
check_only=false # --missing SET...: print what is not built yet (none: exit 0), build nothing
if [ "${1:-}" = --missing ]; then check_only=true; shift; fi
if [ "${1:-}" = --list ]; then
  names=$(set_of "${2:-cluster}") || { log "no set named '${2:-}'; the sets: control-plane, cluster, cluster-core, monitoring, all"; exit 2; }
  tr ' ' '\n' <<<"$names"; exit 0
fi
wanted=()
for a in "${@:-control-plane}"; do
  if names=$(set_of "$a"); then
    read -ra more <<<"$names"; wanted+=("${more[@]}")
  elif [[ " ${ALL[*]} " == *" $a "* ]]; then
    wanted+=("$a")
  else
    log "no binary or set named '$a'; the sets: control-plane, cluster, cluster-core, monitoring, all; the binaries: ${ALL[*]}"
    log "usage: $0 [control-plane|cluster|cluster-core|monitoring|all|NAME...], or $0 --list [SET]"
    exit 2
  fi
done

CACHE_ROOT=$(realpath -m "${TODO_KUBE_CACHE:-/var/tmp/todo-kube}")
CACHE=$CACHE_ROOT/v$V
BIN=$CACHE/bin

# A binary built from a source file of this repository records that file's hash in its .ok: a change
# to the file rebuilds it. The others' .ok is empty.
stamp_of() {
  case $1 in
    promql-names) echo "beside-kube $(sha256sum "$HERE/../monitoring/promql-names/main.go" | cut -c1-64)" ;;
    # built with the modules it shares with Kubernetes at Kubernetes' versions (align_with_kube)
    promtool|prometheus|traefik|kube-state-metrics|toxiproxy|kube-router) echo beside-kube ;;
    *) echo ;;
  esac
}

# The folder printed: the cache's bin, with links to what KUBEBUILDER_ASSETS provides.
mkdir -p "$BIN"
missing() {
  local b
  for b in "${wanted[@]}"; do
    if [ -n "${KUBEBUILDER_ASSETS:-}" ] && [ -x "$KUBEBUILDER_ASSETS/$b" ]; then
      ln -sfn "$(realpath "$KUBEBUILDER_ASSETS/$b")" "$BIN/$b"
    elif [ -x "$BIN/$b" ] && [ ! -L "$BIN/$b" ] && [ -f "$BIN/$b.ok" ] && [ "$(cat "$BIN/$b.ok")" = "$(stamp_of "$b")" ]; then
      # built here (a link left by an earlier KUBEBUILDER_ASSETS is not taken without it)
      :
    else
      echo "$b"
    fi
  done
}
mapfile -t todo < <(missing)
if $check_only; then printf '%s\n' "${todo[@]}" | grep . && exit 1; exit 0; fi
if [ ${#todo[@]} -eq 0 ]; then echo "$BIN"; exit 0; fi

# Build what is missing, under a lock so that parallel callers (test JVMs, test.sh's background
# build) build once; a caller that waited looks again.
exec 9>"$CACHE/.build.lock"
if ! flock -n 9; then
  log "another build of v$V is running (its progress: $CACHE/build-*.log); waiting for it"
  flock 9
  mapfile -t todo < <(missing)
  if [ ${#todo[@]} -eq 0 ]; then echo "$BIN"; exit 0; fi
fi

command -v go >/dev/null || { log "cannot build ${todo[*]}: no Go toolchain (install Go >= 1.26, or set KUBEBUILDER_ASSETS to a folder with the binaries)"; exit 1; }
free_gb=$(df -Pk "$CACHE" | awk 'NR==2{print int($4/1048576)}')
[ "$free_gb" -ge 6 ] || { log "cannot build ${todo[*]}: $free_gb GB free under $CACHE, the build needs ~6 GB (modules and build cache)"; exit 1; }

export GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=local
export GOCACHE=${GOCACHE_KUBE:-$CACHE_ROOT/gocache}
# The Go module downloads' progress: every 50th module.
downloads() { awk '/^go: downloading/ { if (++n % 50 == 0) print "kube/build:   " n " modules downloaded"; next }
  { print "kube/build: " $0 }' >&2; }

# The Kubernetes module: k8s.io/kubernetes replaces its staging modules with ./staging/src/...; a
# dependent module pins them to the published versions of the same release (v0.<minor>.<patch>).
# The client programs join it at their pinned versions; their k8s.io requirements then resolve to
# this release's (each is a client of the API, which is what they are built against upstream too).
SRC=$CACHE/src
kube_module() {
  local stamp="k8s.io/kubernetes v$V cri-tools v$CRI_TOOLS_VERSION"
  stamp+=" local-path v$LOCAL_PATH_VERSION helm v$HELM_VERSION coredns v$COREDNS_VERSION"
  [ -f "$SRC/.resolved" ] && [ "$(cat "$SRC/.resolved")" = "$stamp" ] && cmp -s "$HERE/coredns/main.go" "$SRC/coredns/main.go" \
    && return 0
  log "resolving k8s.io/kubernetes v$V, its staging modules and the cluster's client programs (go mod download)"
  mkdir -p "$SRC/coredns"
  (
    cd "$SRC"
    rm -f go.mod go.sum .resolved
    go mod init todo.dev/kube-build >/dev/null 2>&1
    kmod=$(go mod download -json "k8s.io/kubernetes@v$V" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
    [ -f "$kmod" ] || { log "the Go module proxy did not give k8s.io/kubernetes v$V"; exit 1; }
    staging_v=v0.${V#*.}
    sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#\1#p' "$kmod" | while read -r m; do
      go mod edit -replace "$m=$m@$staging_v"
    done
    go mod edit -require "k8s.io/kubernetes@v$V" -require "sigs.k8s.io/cri-tools@v$CRI_TOOLS_VERSION" \
      -require "github.com/rancher/local-path-provisioner@v$LOCAL_PATH_VERSION" \
      -require "helm.sh/helm/v3@v$HELM_VERSION" -require "github.com/coredns/coredns@v$COREDNS_VERSION"
    cp "$HERE/coredns/main.go" coredns/main.go
    cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "github.com/rancher/local-path-provisioner"
	_ "go.etcd.io/etcd/server/v3"
	_ "helm.sh/helm/v3/cmd/helm"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-proxy"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
	_ "k8s.io/kubernetes/cmd/kubelet"
	_ "sigs.k8s.io/cri-tools/cmd/crictl"
)
GO
    go mod tidy -e 2>&1 | downloads
    echo "$stamp" > .resolved
  )
}

# A module of our own that requires the program at its version and keeps the replace directives of
# the program's go.mod that point at published modules (Go ignores a dependency's replaces).
tool_module() { # dir module@version package
  local dir=$1 module=${2%@*} version=${2#*@} pkg=$3 modfile
  [ -f "$dir/.resolved" ] && return 0
  log "resolving $module $version"
  rm -rf "$dir"; mkdir -p "$dir"
  (
    cd "$dir"
    go mod init todo.dev/tool-build >/dev/null 2>&1
    modfile=$(go mod download -json "$module@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
    [ -f "$modfile" ] || { log "the Go module proxy did not give $module $version"; exit 1; }
    awk '/^replace \(/ { inside = 1; next } inside && /^\)/ { inside = 0; next }
         inside { print; next } /^replace / { sub(/^replace /, ""); print }' "$modfile" \
      | grep -v '=> *\.' | while read -r line; do
        left=${line%% => *}; right=${line#* => }
        go mod edit -replace "${left// /@}=${right// /@}"
      done
    # the excludes too (Traefik excludes a tencentcloud module that would make an import ambiguous)
    sed -n 's/^exclude \(.*\) \(v[^ ]*\)$/\1@\2/p' "$modfile" | while read -r ex; do go mod edit -exclude "$ex"; done
    go mod edit -require "$module@$version"
    go get "$pkg@$version" 2>&1 | downloads
  ) && touch "$dir/.resolved"
}

# A tool's module shares much of what it imports with the Kubernetes module (client-go, gRPC,
# OpenTelemetry, golang.org/x/...), most of it at a version a patch or a minor apart. Go's build cache
# keys a compiled package by the exact sources of it and of everything it imports, so a cold machine
# would compile those packages twice. This pins every module the two share to the Kubernetes module's
# version, except the modules whose path starts with KEEP (a tool's own organisation's, which it
# follows closely: promtool needs the newest client_golang's API) and those the tool's go.mod
# replaces itself. The cache's key also names the module's selected version (a replace directive
# alone leaves it at the tool's), so both are pinned: the sources and the selected version. With the
# sources alone, a cold build compiled 726 of Prometheus' packages and 904 of Traefik's 1,683; with
# both, on a fresh machine, Traefik compiled 618, kube-router 8 (368 before), Prometheus 349 (benchmarks.md).
# Not for metrics-server (its k8s.io/apiserver 0.33 does not compile against the newer
# OpenTelemetry and YAML modules) or containerd (it needs newer APIs than Kubernetes pins). Done
# once per resolution of the Kubernetes module; a tool built this way records it in its .ok (stamp_of).
align_with_kube() { # dir module@version package "keep-prefix..."
  local dir=$1 keep=$4 stamp
  kube_module
  stamp="$(cat "$SRC/.resolved") keep $keep selected"
  [ -f "$dir/.aligned" ] && [ "$(cat "$dir/.aligned")" = "$stamp" ] && return 0
  rm -f "$dir/.resolved"; tool_module "$1" "$2" "$3"
  log "pinning the modules $2 shares with k8s.io/kubernetes v$V to its versions"
  (
    cd "$dir"
    # Each module of the Kubernetes module: its path, the version Go selected there (what the build
    # cache's keys name: cmd/go's buildActionID hashes "module path@version" of the selected
    # version, not of a replacement) and the version its sources come from (a replacement's).
    go_list_kube() { (cd "$SRC" && go list -m -f '{{.Path}} {{.Version}} {{if .Replace}}{{.Replace.Version}}{{else}}{{.Version}}{{end}}' all | sort); }
    # The shared modules (a module the tool's own go.mod replaces, a fork say, stays as it is): their
    # sources by a replace directive, and the same selected version by a requirement.
    join <(go_list_kube) <(go list -m -f '{{if not .Replace}}{{.Path}} {{.Version}}{{end}}' all | sort) \
      | awk -v keep="$keep" 'BEGIN { n = split(keep, k, " ") }
          NF == 4 && $2 != "" && ($2 != $4 || $3 != $4) { for (i = 1; i <= n; i++) if (index($1, k[i]) == 1) next
                                                         print $1, $2, $3 }' >.aligned-modules
    while read -r path label source; do
      go mod edit -replace "$path=$path@$source" -require "$path@$label"
    done <.aligned-modules
    # A dependency that requires a higher version still makes Go select it (and raise our
    # requirement to it): such versions are excluded (Go ignores a requirement on an excluded
    # version) and our requirement set again, until every shared module is selected at the
    # Kubernetes module's version. The sources compiled do not change: the replace directives above
    # already gave them.
    for _ in 1 2 3 4 5 6 7 8; do
      higher=$(join <(sort .aligned-modules) <(go list -m -f '{{.Path}} {{.Version}}' all | sort) | awk '$2 != $4 { print $1, $2, $4 }')
      [ -n "$higher" ] || break
      while read -r path label selected; do
        go mod edit -exclude "$path@$selected" -require "$path@$label"
      done <<<"$higher"
    done
    [ -z "$higher" ] || log "  still selected above the Kubernetes module's versions (compiled apart from it): $(awk '{ print $1 "@" $3 }' <<<"$higher" | tr '\n' ' ')"
    rm -f .aligned-modules
  )
  echo "$stamp" >"$dir/.aligned"
}

# the k8s binaries' version (kubectl version, the node's kubeletVersion) is stamped at link time
minor=${V#*.}; minor=${minor%%.*}
kube_ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  kube_ldflags+=" -X $p.gitVersion=v$V -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  kube_ldflags+=" -X $p.buildDate=1970-01-01T00:00:00Z"
done

# go build -v names each package as it compiles it: the heartbeat counts them against the packages
# the build needs (go list -deps), so a long cold build says how far along it is.
build_group() { # label dir log env-and-flags... -- name...
  local label=$1 dir=$2 logf=$3 start total beat out rc=0 b pkg base
  shift 3
  local flags=() names=() pkgs=()
  while [ "$1" != -- ]; do flags+=("$1"); shift; done; shift
  names=("$@")
  for b in "${names[@]}"; do read -r _ pkg <<<"$(source_of "$b")"; pkgs+=("$pkg"); done
  out=$(mktemp -d "$BIN/.out.XXXXXX")
  start=$(date +%s)
  total=$(cd "$dir"; { env "${flags[@]}" go list -deps "${pkgs[@]}" 2>/dev/null || true; } | wc -l)
  log "building ${names[*]} ($label; $total packages, those not in Go's build cache are compiled) ..."
  ( while sleep 60; do
      log "  ... ${names[*]}: $(grep -c '^[a-z]' "$logf" 2>/dev/null || echo 0) of $total packages compiled, $(( $(date +%s) - start )) s"
    done ) 9>&- &
  beat=$!
  (cd "$dir" && env "${flags[@]}" go build -v -trimpath -ldflags "${LDFLAGS:--s -w}" -o "$out/" "${pkgs[@]}") \
    >"$logf" 2>&1 || rc=$?
  kill $beat 2>/dev/null || true
  if [ $rc -ne 0 ]; then
    rm -rf "$out"
    log "building ${names[*]} failed; the end of $logf:"; tail -20 "$logf" >&2; exit 1
  fi
  # go build names an executable after its package's last element that is not a major version (v3)
  for i in "${!names[@]}"; do
    pkg=${pkgs[$i]}; base=${pkg##*/}
    [[ $base =~ ^v[0-9]+$ ]] && { base=${pkg%/*}; base=${base##*/}; }
    mv "$out/$base" "$BIN/${names[$i]}"; stamp_of "${names[$i]}" >"$BIN/${names[$i]}.ok"
  done
  rmdir "$out"
  log "built ${names[*]} in $(( $(date +%s) - start )) s"
}

kube=() kube_alone=() containerd=() prometheus=() others=()
for b in "${todo[@]}"; do
  rm -f "$BIN/$b" "$BIN/$b.ok"
  read -r module _ <<<"$(source_of "$b")"
  case $b:$module in
    # it imports github.com/Sirupsen/logrus, which one `go build` cannot load beside the
    # github.com/sirupsen/logrus of the others ("case-insensitive import collision")
    local-path-provisioner:kube) kube_alone+=("$b") ;;
    *:kube) kube+=("$b") ;;
    *:github.com/containerd/*) containerd+=("$b") ;;
    *:github.com/prometheus/*) prometheus+=("$b") ;;
    *) others+=("$b") ;;
  esac
done
tools=$CACHE_ROOT/tools
# The build modules of the groups after the Kubernetes one (idempotent: each records that it is done).
resolve_containerd() {
  tool_module "$tools/containerd-v$CONTAINERD_VERSION" "github.com/containerd/containerd/v2@v$CONTAINERD_VERSION" \
    github.com/containerd/containerd/v2/cmd/containerd
}
resolve_prometheus() {
  align_with_kube "$tools/prometheus-v$PROMETHEUS_VERSION" "github.com/prometheus/prometheus@v$PROMETHEUS_VERSION" \
    github.com/prometheus/prometheus/cmd/prometheus github.com/prometheus/
}
resolve_other() { # name
  local module pkg dir
  read -r module pkg <<<"$(source_of "$1")"
  dir=$tools/$1-${module#*@}
  case $1 in
    kube-router) align_with_kube "$dir" "$module" github.com/cloudnativelabs/kube-router/v2/pkg/controllers/netpol \
      github.com/cloudnativelabs/ ;;
    traefik) align_with_kube "$dir" "$module" "$pkg" "github.com/traefik/ github.com/prometheus/" ;;
    kube-state-metrics) align_with_kube "$dir" "$module" "$pkg" "github.com/prometheus/" ;;
    toxiproxy) align_with_kube "$dir" "$module" "$pkg" "github.com/Shopify/" ;;
    *) tool_module "$dir" "$module" "$pkg" ;;
  esac
}
if [ ${#kube[@]} -gt 0 ]; then
  kube_module
  # Resolving the later groups' modules is mostly downloading: done while the Kubernetes group
  # compiles (CPU), not after it. A resolution that failed here is tried again, and reported, below.
  ( [ ${#containerd[@]} -eq 0 ] || resolve_containerd
    [ ${#prometheus[@]} -eq 0 ] || resolve_prometheus
    for b in "${others[@]}"; do resolve_other "$b"; done ) 9>&- >/dev/null 2>"$CACHE/resolve-later.log" &
  resolving=$!
  LDFLAGS=$kube_ldflags build_group "k8s.io/kubernetes v$V and its clients" "$SRC" "$CACHE/build-kube.log" \
    -- "${kube[@]}"
  wait "$resolving" || true
  cat "$CACHE/resolve-later.log" >&2
fi
for b in "${kube_alone[@]}"; do
  kube_module
  build_group "in the same module" "$SRC" "$CACHE/build-$b.log" -- "$b"
done
if [ ${#containerd[@]} -gt 0 ]; then
  resolve_containerd
  build_group "containerd v$CONTAINERD_VERSION" "$tools/containerd-v$CONTAINERD_VERSION" "$CACHE/build-containerd.log" \
    -- "${containerd[@]}"
fi
if [ ${#prometheus[@]} -gt 0 ]; then
  dir=$tools/prometheus-v$PROMETHEUS_VERSION
  resolve_prometheus
  mkdir -p "$dir/promql-names" && cp "$HERE/../monitoring/promql-names/main.go" "$dir/promql-names/main.go"
  # the module's v0.3xx.y is Prometheus 3.xx.y: the version `promtool --version` and the server's
  # /api/v1/status/buildinfo report
  pv=${PROMETHEUS_VERSION#0.}; pv="$(( ${pv%%.*} / 100 )).$(( ${pv%%.*} % 100 )).${pv#*.}"
  LDFLAGS="-s -w -X github.com/prometheus/common/version.Version=$pv" \
    build_group "Prometheus $pv, Kubernetes service discovery only, no UI assets" "$dir" "$CACHE/build-prometheus.log" \
    GOFLAGS="-mod=mod -tags=remove_all_sd,enable_kubernetes_sd" -- "${prometheus[@]}"
fi
for b in "${others[@]}"; do
  read -r module pkg <<<"$(source_of "$b")"
  dir=$tools/$b-${module#*@}
  resolve_other "$b"
  if [ "$b" = kube-router ]; then
    mkdir -p "$dir/kube-router"; cp "$HERE/kube-router/main.go" "$dir/kube-router/main.go"
  fi
  case $b in
    metrics-server)
      build_group "metrics-server ${module#*@}, with its own k8s.io modules" "$dir" "$CACHE/build-$b.log" -- "$b" ;;
    runc) # runc's nsenter is C (cgo), and seccomp needs libseccomp (Debian: libseccomp-dev)
      if ! command -v gcc >/dev/null || [ ! -f /usr/include/seccomp.h ]; then
        log "cannot build runc: it needs gcc and libseccomp-dev (apt-get install gcc libseccomp-dev; scripts/install-test-deps.sh installs them)"
        exit 1
      fi
      build_group "runc ${module#*@}, cgo" "$dir" "$CACHE/build-runc.log" CGO_ENABLED=1 GOFLAGS="-mod=mod -tags=seccomp" -- runc ;;
    vegeta) build_group "vegeta ${module#*@}, the load test's HTTP load generator" "$dir" "$CACHE/build-$b.log" -- "$b" ;;
    toxiproxy) build_group "toxiproxy ${module#*@}'s server, the fault journey's TCP proxy" "$dir" "$CACHE/build-$b.log" -- "$b" ;;
    kube-router)
      build_group "kube-router ${module#*@}'s network policy controller, a client of this release's API" "$dir" \
        "$CACHE/build-$b.log" -- "$b" ;;
    kube-state-metrics)
      LDFLAGS="-s -w -X github.com/prometheus/common/version.Version=v${module#*@v}" \
        build_group "kube-state-metrics ${module#*@}, a client of this release's API" "$dir" "$CACHE/build-$b.log" -- "$b" ;;
    traefik)
      # lego's module, copied beside the build module with its one file that imports the DNS
      # providers replaced (go build -overlay refuses files of the module cache)
      if [ ! -d "$dir/lego" ]; then
        lego=$(cd "$dir" && go list -m -f '{{.Dir}}' github.com/go-acme/lego/v4)
        cp -r "$lego" "$dir/lego.tmp" && chmod -R u+w "$dir/lego.tmp" && mv "$dir/lego.tmp" "$dir/lego"
        (cd "$dir" && go mod edit -replace github.com/go-acme/lego/v4=./lego)
      fi
      cp "$HERE/traefik/lego-dns-providers.go" "$dir/lego/providers/dns/zz_gen_dns_providers.go"
      LDFLAGS="-s -w -X github.com/traefik/traefik/v3/pkg/version.Version=${module#*@}" \
        build_group "Traefik ${module#*@}, without lego's DNS providers" "$dir" "$CACHE/build-traefik.log" -- traefik ;;
  esac
done
echo "$BIN"
