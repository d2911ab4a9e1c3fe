#!/usr/bin/env bash
# Podman for scripts/images.sh, and local stand-ins for the public base images, for machines that
# have no Docker engine and reach no container registry (only Debian's package mirror).
#
# Installs podman (with runc and skopeo) from Debian's packages and configures it for a machine
# without systemd; then, for the stand-ins, builds Debian root filesystems with debootstrap and
# tags images under the public names that the project's Dockerfiles use, so that
# `FROM eclipse-temurin:17-jdk` or `FROM gcr.io/distroless/base-nossl-debian12` resolve without a pull:
#   docker.io/library/eclipse-temurin:17-jdk   Debian bookworm + openjdk-17-jdk-headless (with jmods)
#   docker.io/library/node:20-bookworm-slim    Debian trixie   + nodejs 20 + npm, user node (uid 1000)
#   docker.io/library/golang:1.24-bookworm     Debian trixie   + Debian's Go 1.24 (golang-go)
#   docker.io/library/debian:bookworm-slim     Debian bookworm minbase
#   gcr.io/distroless/static-debian12          bookworm's base-files, netbase, tzdata, the CA bundle
#   gcr.io/distroless/base-nossl-debian12      the same + bookworm's libc6
# The build images (JDK, Node, Go) behave like the public images for ordinary Dockerfile steps
# (apt-get, useradd, java, jlink, node, npm, go); their sizes differ from the public images', which
# does not matter: no final image is built on them. The distroless stand-ins, which final images
# are built on, are made as distroless makes its images: the files of the same Debian packages,
# unpacked (no shell, no package manager, no dpkg database), so their sizes are honest; scripts/images.sh
# prints them beside the published images' sizes. They are kept under
# localhost/todo-standin/NAME:TAG as well, so switching between them and pulled public images
# (scripts/images.sh IMAGES_BASES=pull|local) only re-tags.
#
# Usage (from the repository root; every command is idempotent):
#   scripts/images/local-bases.sh           podman + the stand-ins (first run ~3-5 min, then a no-op)
#   scripts/images/local-bases.sh podman    podman only (installed, configured), no stand-ins
#   scripts/images/local-bases.sh env       prints the exports that point podman at its state:
#                                             eval "$(scripts/images/local-bases.sh env)"
#   scripts/images/local-bases.sh list      prints the public names the stand-ins provide
#   scripts/images/local-bases.sh published prints NAME BYTES for the public images whose size is
#                                             recorded here (what a stand-in is compared with)
# then, for example:
#   podman build --format docker --pull=never -t todo-backend:dev -f apps/backend/Dockerfile .
# State (podman's configuration, image storage, temporary files) lives under $PODMAN_HOME
# [/var/tmp/todo-podman], outside the work tree, so it survives between runs and clones.
# Needs root (rootful podman, debootstrap, chroot); apt-get runs through sudo when not root.
set -euo pipefail

W=${PODMAN_HOME:-/var/tmp/todo-podman}
STANDINS=(
  docker.io/library/eclipse-temurin:17-jdk
  docker.io/library/node:20-bookworm-slim
  docker.io/library/golang:1.24-bookworm
  docker.io/library/debian:bookworm-slim
  gcr.io/distroless/static-debian12
  gcr.io/distroless/base-nossl-debian12
)
# The published (uncompressed, as `docker images` shows them) sizes of the public images a final
# image is built on, for comparison with their stand-ins. Approximate: static-debian12 as the
# registry lists it; base-nossl-debian12 as base-debian12 (20.7 MB) less libssl3 (6 MB installed).
PUBLISHED=(
  "gcr.io/distroless/static-debian12 2000000"
  "gcr.io/distroless/base-nossl-debian12 14700000"
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
  # A PODMAN_HOME copied from another one keeps that one's paths in its database, and podman
  # quietly uses them: this state would then be the other one's.
  local graphroot
  graphroot=$(podman info --format '{{.Store.GraphRoot}}')
  [ "$graphroot" = "$W/storage" ] || die "podman's database in $W names another storage ($graphroot), as in a copied
PODMAN_HOME: remove $W/storage/libpod/bolt_state.db (its images stay) and run again."
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
  retag "$local_tag" "$public"
}

# retag LOCAL-TAG PUBLIC-NAME: points PUBLIC-NAME at the stand-in and removes the image it named
# before (an earlier stand-in, or a pulled public image), unless images built on it still need it.
# (Not `podman image prune`: that would also remove the build cache of the project's images.)
retag() {
  local old
  old=$(podman image inspect --format '{{.Id}}' "$2" 2>/dev/null || true)
  podman tag "$1" "$2"
  if [ -n "$old" ] && [ "$old" != "$(podman image inspect --format '{{.Id}}' "$1")" ]; then
    podman rmi "$old" >/dev/null 2>&1 || true
  fi
}

# distroless PUBLIC-NAME PACKAGE...: a stand-in for a gcr.io/distroless image, made the way
# distroless makes it: the files of Debian bookworm's PACKAGEs unpacked (no maintainer scripts, no
# dpkg database, no shell), the CA bundle of bookworm's ca-certificates (the bundle only),
# /etc/passwd and /etc/group with root, nobody and nonroot (65532), /etc/nsswitch.conf, and /tmp
# (1777). Rebuilt when the package list or the bookworm image changes.
distroless() {
  local public=$1 local_tag r recipe deb
  shift
  local_tag=localhost/todo-standin/${public##*/}
  recipe=$(printf '%s\n' "$(podman image inspect --format '{{.Id}}' localhost/debian:bookworm-min)" "$*" distroless-1 \
    | sha256sum | cut -c1-16)
  if [ "$(podman image inspect --format '{{index .Labels "dev.todo.standin.recipe"}}' "$local_tag" 2>/dev/null)" != "$recipe" ]; then
    log "building the stand-in for $public from bookworm's $*"
    r=$(mktemp -d "$W/tmp/distroless.XXXX")
    mkdir "$r/debs" "$r/root" "$r/ca"
    # The bookworm image's apt sources: the same mirror as the other stand-ins.
    podman run --rm --network=host -v "$r/debs:/debs" localhost/debian:bookworm-min \
      bash -c 'apt-get update -qq && cd /debs && apt-get download -qq "$@"' _ "$@" ca-certificates >"$r/download.log" 2>&1 \
      || die "could not download $* from the Debian mirror: $(tail -3 "$r/download.log")"
    for deb in "$r"/debs/*.deb; do
      case "${deb##*/}" in
        ca-certificates_*) dpkg-deb -x "$deb" "$r/ca" ;;
        *) dpkg-deb -x "$deb" "$r/root" ;;
      esac
    done
    mkdir -p "$r/root/etc/ssl/certs" "$r/root/tmp" "$r/root/root" "$r/root/home/nonroot"
    cat "$r"/ca/usr/share/ca-certificates/*/*.crt >"$r/root/etc/ssl/certs/ca-certificates.crt"
    printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
      >"$r/root/etc/passwd"
    printf 'root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n' >"$r/root/etc/group"
    printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n' \
      >"$r/root/etc/nsswitch.conf"
    chmod 1777 "$r/root/tmp"
    chmod 700 "$r/root/root" "$r/root/home/nonroot"
    chown 65532:65532 "$r/root/home/nonroot"
    tar --numeric-owner -C "$r/root" -c . | podman import -q \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
      --change "LABEL dev.todo.standin=$public" --change "LABEL dev.todo.standin.recipe=$recipe" \
      --change "LABEL dev.todo.standin.packages=${*// /,}" \
      - "$local_tag" >/dev/null
    rm -rf "$r"
  fi
  retag "$local_tag" "$public"
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
  standin docker.io/library/node:20-bookworm-slim localhost/debian:trixie-min \
'RUN export DEBIAN_FRONTEND=noninteractive && apt-get update && apt-get install -y nodejs npm && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node'
  standin docker.io/library/golang:1.24-bookworm localhost/debian:trixie-min \
'RUN export DEBIAN_FRONTEND=noninteractive && apt-get update && apt-get install -y golang-go && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /go/bin /go/src && go version | grep -q "go1\.24"
ENV GOPATH=/go GOTOOLCHAIN=local PATH=/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  distroless gcr.io/distroless/static-debian12 base-files netbase tzdata
  distroless gcr.io/distroless/base-nossl-debian12 base-files netbase tzdata libc6
  local name
  for name in "${STANDINS[@]}"; do
    printf '  %-42s %s\n' "$name" "$(podman image inspect --format '{{.Size}}' "$name" | awk '{ printf "%.0f MB", $1 / 1000000 }')" >&2
  done
}

case "${1:-all}" in
  env) env_lines ;;
  list) printf '%s\n' "${STANDINS[@]}" ;;
  published) printf '%s\n' "${PUBLISHED[@]}" ;;
  podman) setup_podman ;;
  all) setup_podman; standins ;;
  *) die "unknown command '$1' (usage: $0 [all|podman|env|list])" ;;
esac
