#!/usr/bin/env bash
# Provides the binaries of the project's local Kubernetes, of the releases pinned in versions.env,
# and prints the folder that holds them (the only line on stdout).
#   control plane (the default): etcd kube-apiserver kube-controller-manager kube-scheduler kubectl
#   a node, when named:          kubelet kube-proxy containerd containerd-shim-runc-v2 ctr crictl runc
#                                coredns metrics-server traefik local-path-provisioner
#   tools, when named:           helm
# Each binary is taken from the first of:
#   1. $KUBEBUILDER_ASSETS (the envtest convention: setup-envtest's or a release's binaries);
#   2. the per-machine cache $TODO_KUBE_CACHE/v<version>/bin (default /var/tmp/todo-kube), which a
#      fresh clone on the same machine reuses;
#   3. a build from the published Go modules with this machine's Go toolchain: k8s.io/kubernetes/cmd/...
#      with its staging modules pinned to the same release, and etcd from go.etcd.io/etcd/server/v3;
#      the node's other programs from their own modules (containerd, cri-tools, CoreDNS,
#      metrics-server, Traefik, local-path-provisioner),
#      each in a module of its own that keeps the replace directives of the program's go.mod.
#      Cold, control plane: ~1 GB of modules and ~8 minutes on 2 cores; progress goes to stderr.
# Usage: scripts/kube/build.sh [binary...]   (default: all five)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/kube/versions.env
. "$HERE/versions.env"
V=$KUBE_VERSION
CACHE=$(realpath -m "${TODO_KUBE_CACHE:-/var/tmp/todo-kube}/v$V")
BIN=$CACHE/bin
wanted=("$@"); [ ${#wanted[@]} -gt 0 ] || wanted=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl)
log() { echo "kube/build: $*" >&2; }

# The folder printed: the cache's bin, with links to what KUBEBUILDER_ASSETS provides.
mkdir -p "$BIN"
missing=()
for b in "${wanted[@]}"; do
  if [ -n "${KUBEBUILDER_ASSETS:-}" ] && [ -x "$KUBEBUILDER_ASSETS/$b" ]; then
    ln -sfn "$(realpath "$KUBEBUILDER_ASSETS/$b")" "$BIN/$b"
  elif [ -x "$BIN/$b" ] && [ ! -L "$BIN/$b" ] && [ -f "$BIN/$b.ok" ]; then
    :
  else
    rm -f "$BIN/$b"
    missing+=("$b")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then echo "$BIN"; exit 0; fi

# Build what is missing, under a lock so that parallel test JVMs build once.
exec 9>"$CACHE/.build.lock"
if ! flock -n 9; then log "another build of v$V is running; waiting for it"; flock 9; exec "$0" "$@"; fi

command -v go >/dev/null || { log "cannot build ${missing[*]}: no Go toolchain (install Go >= 1.26, or set KUBEBUILDER_ASSETS to a folder with the binaries)"; exit 1; }
free_gb=$(df -Pk "$CACHE" | awk 'NR==2{print int($4/1048576)}')
[ "$free_gb" -ge 6 ] || { log "cannot build ${missing[*]}: $free_gb GB free under $CACHE, the build needs ~6 GB (modules and build cache)"; exit 1; }

SRC=$CACHE/src
mkdir -p "$SRC"
cd "$SRC"
export GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=local
export GOCACHE=${GOCACHE_KUBE:-$CACHE/gocache}
if [ ! -f go.sum ] || ! grep -qE "k8s.io/kubernetes v$V( |$)" go.mod 2>/dev/null; then
  log "resolving k8s.io/kubernetes v$V and its staging modules (go mod download)"
  rm -f go.mod go.sum
  go mod init todo.dev/kube-build >/dev/null 2>&1
  kmod=$(go mod download -json "k8s.io/kubernetes@v$V" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -f "$kmod" ] || { log "the Go module proxy did not give k8s.io/kubernetes v$V"; exit 1; }
  # k8s.io/kubernetes replaces its staging modules with ./staging/src/...; a dependent module must
  # pin them to the published versions of the same release (v0.<minor>.<patch>).
  staging_v=v0.${V#*.}
  sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#\1#p' "$kmod" | while read -r m; do
    go mod edit -replace "$m=$m@$staging_v"
  done
  go mod edit -require "k8s.io/kubernetes@v$V"
  cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
	_ "k8s.io/kubernetes/cmd/kubelet"
	_ "k8s.io/kubernetes/cmd/kube-proxy"
)
GO
  go mod tidy -e 2>&1 | awk '/^go: downloading/ { if (++n % 50 == 0) print "kube/build:   " n " modules downloaded"; next }
    { print "kube/build: " $0 }' >&2
fi

pkg_of() {
  case $1 in
    etcd) echo go.etcd.io/etcd/server/v3 ;;
    *) echo "k8s.io/kubernetes/cmd/$1" ;;
  esac
}
# The node's programs that are not part of k8s.io/kubernetes: "module version package".
tool_of() {
  case $1 in
    containerd|containerd-shim-runc-v2|ctr)
      echo "github.com/containerd/containerd/v2 v$CONTAINERD_VERSION github.com/containerd/containerd/v2/cmd/$1" ;;
    coredns) echo "github.com/coredns/coredns v$COREDNS_VERSION github.com/coredns/coredns" ;;
    metrics-server) echo "sigs.k8s.io/metrics-server v$METRICS_SERVER_VERSION sigs.k8s.io/metrics-server/cmd/metrics-server" ;;
    traefik) echo "github.com/traefik/traefik/v3 v$TRAEFIK_VERSION github.com/traefik/traefik/v3/cmd/traefik" ;;
    crictl) echo "sigs.k8s.io/cri-tools v$CRI_TOOLS_VERSION sigs.k8s.io/cri-tools/cmd/crictl" ;;
    helm) echo "helm.sh/helm/v3 v$HELM_VERSION helm.sh/helm/v3/cmd/helm" ;;
    runc) echo "github.com/opencontainers/runc v$RUNC_VERSION github.com/opencontainers/runc" ;;
    local-path-provisioner)
      echo "github.com/rancher/local-path-provisioner v$LOCAL_PATH_VERSION github.com/rancher/local-path-provisioner" ;;
  esac
}
minor=${V#*.}; minor=${minor%%.*}
ldflags="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $p.gitVersion=v$V -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  ldflags+=" -X $p.buildDate=1970-01-01T00:00:00Z"
done

# A module of our own that requires the program at its version and keeps the replace directives of
# the program's go.mod that point at published modules (Go ignores a dependency's replaces).
tool_module() { # dir module version package
  local dir=$1 module=$2 version=$3 pkg=$4 modfile
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
    go mod edit -require "$module@$version"
    go get "$pkg@$version" 2>&1 | awk '/^go: downloading/ { if (++n % 50 == 0) print "kube/build:   " n " modules downloaded"; next }
      { print "kube/build: " $0 }' >&2
  ) && touch "$dir/.resolved"
}

build_one() { # name -> $BIN/name
  local b=$1 spec module version pkg dir
  spec=$(tool_of "$b")
  if [ -z "$spec" ]; then
    go build -trimpath -ldflags "$ldflags" -o "$BIN/$b.tmp" "$(pkg_of "$b")"
  else
    read -r module version pkg <<<"$spec"
    dir=$(dirname "$CACHE")/tools/${module//\//_}-$version
    tool_module "$dir/src" "$module" "$version" "$pkg" || return 1
    if [ "$b" = runc ]; then
      # runc's nsenter is C (cgo), and seccomp needs libseccomp (Debian: libseccomp-dev)
      (cd "$dir/src" && CGO_ENABLED=1 go build -trimpath -tags seccomp -ldflags "-s -w" -o "$BIN/$b.tmp" "$pkg")
    else
      (cd "$dir/src" && go build -trimpath -ldflags "-s -w" -o "$BIN/$b.tmp" "$pkg")
    fi
  fi
}

i=0
for b in "${missing[@]}"; do
  i=$((i+1))
  start=$(date +%s)
  what=$(tool_of "$b")
  if [ -n "$what" ]; then what="${what#* }"; what="${what%% *} (go build ${what#* })"
  else what="v$V (go build $(pkg_of "$b"))"; fi
  log "[$i/${#missing[@]}] building $b $what ..."
  # a heartbeat, so that a long cold compile shows it is alive
  ( while sleep 60; do log "  ... still building $b ($(( $(date +%s) - start ))s)"; done ) &
  beat=$!
  if ! build_one "$b" >"$CACHE/build-$b.log" 2>&1; then
    kill $beat 2>/dev/null || true
    log "building $b failed; the end of $CACHE/build-$b.log:"; tail -20 "$CACHE/build-$b.log" >&2; exit 1
  fi
  kill $beat 2>/dev/null || true
  mv "$BIN/$b.tmp" "$BIN/$b"; touch "$BIN/$b.ok"
  log "[$i/${#missing[@]}] $b built in $(( $(date +%s) - start ))s"
done
echo "$BIN"
