#!/usr/bin/env bash
# Podman for scripts/images.sh, and local stand-ins for the public base images, for machines that
# have no Docker engine and reach no container registry (only Debian's package mirror).
#
# Installs podman (with runc and skopeo) from Debian's packages and configures it for a machine
# without systemd; then, for the stand-ins, builds Debian root filesystems with debootstrap and
# tags images under the public names that the project's Dockerfiles use, so that
# `FROM eclipse-temurin:17-jre` or `FROM node:20-bookworm-slim` resolve without a pull:
#   docker.io/library/eclipse-temurin:17-jdk   Debian bookworm + openjdk-17-jdk-headless
#   docker.io/library/eclipse-temurin:17-jre   Debian bookworm + openjdk-17-jre-headless
#   docker.io/library/node:20-bookworm-slim    Debian trixie   + nodejs 20 + npm, user node (uid 1000)
#   docker.io/library/debian:bookworm-slim     Debian bookworm minbase
# Stand-ins behave like the public images for ordinary Dockerfile steps (apt-get, useradd, java,
# node, npm); their sizes are not the public images' sizes. They are kept under
# localhost/todo-standin/NAME:TAG as well, so switching between them and pulled public images
# (scripts/images.sh IMAGES_BASES=pull|local) only re-tags.
#
# Usage (from the repository root; every command is idempotent):
#   scripts/images/local-bases.sh           podman + the stand-ins (first run ~3-5 min, then a no-op)
#   scripts/images/local-bases.sh podman    podman only (installed, configured), no stand-ins
#   scripts/images/local-bases.sh env       prints the exports that point podman at its state:
#                                             eval "$(scripts/images/local-bases.sh env)"
#   scripts/images/local-bases.sh list      prints the public names the stand-ins provide
# then, for example:
#   podman build --format docker --pull=never -t todo-backend:dev -f apps/backend/Dockerfile .
# State (podman's configuration, image storage, temporary files) lives under $PODMAN_HOME
# [/var/tmp/todo-podman], outside the work tree, so it survives between runs and clones.
# Needs root (rootful podman, debootstrap, chroot); apt-get runs through sudo when not root.
set -euo pipefail

W=${PODMAN_HOME:-/var/tmp/todo-podman}
STANDINS=(
  docker.io/library/eclipse-temurin:17-jdk
  docker.io/library/eclipse-temurin:17-jre
  docker.io/library/node:20-bookworm-slim
  docker.io/library/debian:bookworm-slim
)

env_lines() {
  printf 'export CONTAINERS_STORAGE_CONF=%q CONTAINERS_CONF=%q TMPDIR=%q\n' \
    "$W/conf/storage.conf" "$W/conf/containers.conf" "$W/tmp"
}

log() { echo "local-bases: $*" >&2; }
die() { echo "local-bases: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() { # package... (only the missing ones; apt-get update once, only when needed)
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (Debian packages)"
  as_root apt-get update -qq
  # With their recommended packages: podman's networking (netavark/CNI plugins, slirp4netns) comes so.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup_podman() {
  apt_install podman runc skopeo
  mkdir -p "$W"/{conf,storage,runroot,tmp}
  # crun refuses hybrid cgroup hierarchies (as on this project's CI machines): use runc; no systemd:
  # cgroupfs and a file events log. Without CAP_SYS_RESOURCE, containers cannot raise their
  # ulimits: pin them to this shell's hard limits.
  cat > "$W/conf/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$W/storage"
runroot = "$W/runroot"
EOF
  local nofile nproc
  nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
  if [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ]; then nofile=1048576; fi
  if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
  cat > "$W/conf/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$W/runroot/libpod-tmp"
[network]
network_config_dir = "$W/conf/networks"
EOF
  eval "$(env_lines)"
  podman info >/dev/null 2>"$W/podman-info.err" || die "podman does not start: $(tail -3 "$W/podman-info.err")"
}

debian_mirror() {
  local m
  m=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$m" ] || die "cannot find the Debian mirror in the apt sources"
  echo "$m"
}

# rootfs SUITE: debootstraps Debian SUITE (minbase) and imports it as localhost/debian:SUITE-min
rootfs() {
  local suite=$1 r="$W/rootfs-$1" mirror sec
  podman image exists "localhost/debian:$suite-min" && return 0
  mirror=$(debian_mirror)
  log "debootstrap $suite from $mirror (log: $W/debootstrap-$suite.log)"
  rm -rf "$r"
  debootstrap --variant=minbase --include=ca-certificates "$suite" "$r" "$mirror" >"$W/debootstrap-$suite.log" 2>&1 \
    || die "debootstrap $suite failed: $(tail -3 "$W/debootstrap-$suite.log")"
  sec=${mirror%/}
  case "$sec" in */debian) sec=$sec-security ;; esac
  printf 'deb %s %s main\ndeb %s %s-updates main\ndeb %s %s-security main\n' \
    "$mirror" "$suite" "$mirror" "$suite" "$sec" "$suite" >"$r/etc/apt/sources.list"
  rm -f "$r/etc/apt/sources.list.d/"*.sources
  # Trust this machine's extra CAs (an egress proxy's, say), so that builds reach Maven Central and npm.
  cp /usr/local/share/ca-certificates/*.crt "$r/usr/local/share/ca-certificates/" 2>/dev/null || true
  env -u TMPDIR chroot "$r" update-ca-certificates >/dev/null
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$r/etc/apt/apt.conf.d/90norecommends"
  # The public Debian images' apt clean-up hook.
  cat >"$r/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
APT
  rm -rf "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/*.bin "$r"/var/lib/apt/lists/* "$r"/var/log/*.log
  tar --numeric-owner -C "$r" -c . | podman import -q \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["/bin/bash"]' - "localhost/debian:$suite-min" >/dev/null
  rm -rf "$r"
}

# standin PUBLIC-NAME FROM [DOCKERFILE-BODY]: builds localhost/todo-standin/NAME:TAG from FROM
# (rebuilt when the body or FROM changed: a recipe label records both), then tags it PUBLIC-NAME.
standin() {
  local public=$1 from=$2 body=${3:-} local_tag recipe ctx
  local_tag=localhost/todo-standin/${public##*/}
  recipe=$(printf '%s\n%s\n' "$(podman image inspect --format '{{.Id}}' "$from")" "$body" | sha256sum | cut -c1-16)
  if [ "$(podman image inspect --format '{{index .Labels "dev.todo.standin.recipe"}}' "$local_tag" 2>/dev/null)" != "$recipe" ]; then
    log "building the stand-in for $public"
    ctx=$(mktemp -d "$W/tmp/ctx.XXXX")
    printf 'FROM %s\n%s\nLABEL dev.todo.standin=%s dev.todo.standin.recipe=%s\n' "$from" "$body" "$public" "$recipe" >"$ctx/Dockerfile"
    podman build -q --format docker --pull=never --network=host -t "$local_tag" "$ctx" >/dev/null
    rm -rf "$ctx"
  fi
  podman tag "$local_tag" "$public"
}

standins() {
  [ "$(id -u)" -eq 0 ] || die "the stand-ins need root (debootstrap, chroot, rootful podman): run as root"
  apt_install debootstrap
  rootfs bookworm
  rootfs trixie
  standin docker.io/library/debian:bookworm-slim localhost/debian:bookworm-min
  standin docker.io/library/eclipse-temurin:17-jdk localhost/debian:bookworm-min \
'RUN export DEBIAN_FRONTEND=noninteractive && apt-get update && apt-get install -y openjdk-17-jdk-headless binutils && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64'
  standin docker.io/library/eclipse-temurin:17-jre localhost/debian:bookworm-min \
'RUN export DEBIAN_FRONTEND=noninteractive && apt-get update && apt-get install -y openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64'
  standin docker.io/library/node:20-bookworm-slim localhost/debian:trixie-min \
'RUN export DEBIAN_FRONTEND=noninteractive && apt-get update && apt-get install -y nodejs npm && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node'
  # Images left without a name: earlier stand-ins, or pulled public images they replaced.
  podman image prune -f >/dev/null
  local name
  for name in "${STANDINS[@]}"; do
    printf '  %-42s %s\n' "$name" "$(podman image inspect --format '{{.Size}}' "$name" | awk '{ printf "%.0f MB", $1 / 1000000 }')" >&2
  done
}

case "${1:-all}" in
  env) env_lines ;;
  list) printf '%s\n' "${STANDINS[@]}" ;;
  podman) setup_podman ;;
  all) setup_podman; standins ;;
  *) die "unknown command '$1' (usage: $0 [all|podman|env|list])" ;;
esac
