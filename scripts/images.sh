#!/usr/bin/env bash
# Builds the project's three container images with podman and proves they work together:
#   0. installs podman from Debian's packages and gets the base images the Dockerfiles' FROM lines
#      name: pulled from their registry, or local stand-ins (IMAGES_BASES, below);
#   1. builds todo-operator:dev, todo-backend:dev and todo-frontend:dev from their Dockerfiles;
#   2. prints each image's whole size (its base included), names the base and, for a local
#      stand-in, compares it with the published image it stands in for; fails when an image is
#      over its size target (backend < 100 MB, operator < 100 MB, frontend < 150 MB: the spec's);
#      checks the operator image: its health-check command, user and entrypoint, and that it
#      renders examples/todoapp-dev.yaml offline;
#   3. runs the backend (embedded database) and the frontend (BACKEND_URL pointing at it) together,
#      checks their health endpoints and `podman healthcheck run`, signs up and creates a task
#      through the frontend's /api path, and reads it back;
#   4. runs docker-compose.yml with podman-compose (PostgreSQL, backend, frontend; when
#      podman-compose is installed): health, a task created through the frontend lands in
#      PostgreSQL, then `down -v`;
#   5. removes the containers it started (the images stay, for minikube or a registry push).
#
# No Docker engine is needed, nor a registry: scripts/images/local-bases.sh installs podman and can
# build local stand-ins for the public base images from Debian's packages
# (docs/container-images.md). Podman's state lives under /var/tmp/todo-podman.
# Environment:
#   IMAGES_BASES       where the base images come from [auto]:
#                        pull   podman pulls the public images (eclipse-temurin, node, golang, distroless,
#                               debian); fails if the
#                               registry does not answer within 15 s or a pull fails
#                        local  the stand-ins built by scripts/images/local-bases.sh (from Debian's packages)
#                        auto   pull when the registry answers a quick probe (at most 15 s), else local
#   IMAGES_SKIP_BUILD  1: reuse the images already built
#   IMAGES_BUILD_ONLY  1: build the images and the PostgreSQL stand-in, check nothing (for the local cluster)
#   IMAGES_SKIP_COMPOSE 1: skip the docker-compose.yml run
#   IMAGES_MAX_MB_BACKEND [100]  IMAGES_MAX_MB_OPERATOR [100]  IMAGES_MAX_MB_FRONTEND [150]
#                      size targets in MB (10^6 bytes) of the whole images: a size must be below
#   IMAGES_BACKEND_PORT [18181]  IMAGES_FRONTEND_PORT [13131]  host ports on 127.0.0.1
#   (the compose run uses the next port of each: 18182 and 13132)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL_BASES=$ROOT/scripts/images/local-bases.sh
BASES_MODE=${IMAGES_BASES:-auto}
BACKEND_PORT=${IMAGES_BACKEND_PORT:-18181}
FRONTEND_PORT=${IMAGES_FRONTEND_PORT:-13131}
RUN_ID=todo-images-$$
COMPOSE_PROJECT=$RUN_ID-compose
COMPOSE_UP=false
BE=$RUN_ID-backend
FE=$RUN_ID-frontend
IMAGES=(todo-operator:dev todo-backend:dev todo-frontend:dev)
DOCKERFILES=(operator/Dockerfile apps/backend/Dockerfile apps/frontend/Dockerfile)
# The compose run builds deploy/compose/postgres-standin (Debian's PostgreSQL) rather than pulling
# postgres:16, so that it runs the same with or without a registry: its base is needed too.
[ "${IMAGES_SKIP_COMPOSE:-0}" = 1 ] || DOCKERFILES+=(deploy/compose/postgres-standin/Dockerfile)

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'images.sh: %s\n' "$*" >&2; exit 1; }

case "$BASES_MODE" in
  auto|pull|local) ;;
  *) die "IMAGES_BASES=$BASES_MODE: expected auto, pull or local" ;;
esac
command -v curl >/dev/null || die "curl is not installed (apt-get install curl)"

qualify() { # short image name -> the name podman stores it under
  case "$1" in
    */*/*|localhost/*) echo "$1" ;;
    */*) echo "docker.io/$1" ;;
    *) echo "docker.io/library/$1" ;;
  esac
}

base_images() { # dockerfile...: the images their FROM lines name (not their own build stages), qualified
  local f
  for f in "$@"; do
    awk 'toupper($1) == "FROM" {
           img = ""; for (i = 2; i <= NF; i++) if ($i !~ /^--/) { img = $i; break }
           if (!(tolower(img) in stages)) print img
           if (toupper($(i + 1)) == "AS") stages[tolower($(i + 2))] = 1
         }' "$ROOT/$f"
  done | sort -u | while read -r image; do qualify "$image"; done
}

millis() { echo $(($(date +%s%N) / 1000000)); }

reason() { # podman/skopeo error output -> its last message, on one line, without the URL noise
  tail -n 1 | sed -e 's/^time=.* msg="\(.*\)"$/\1/' -e 's/\\"/"/g' -e 's/^Error parsing image name "[^"]*": //' \
    -e 's/Get "[^"]*": //' -e 's/^Error: //' | cut -c1-240
}

say "podman (Debian packages; a no-op once installed)"
bash "$LOCAL_BASES" podman
eval "$(bash "$LOCAL_BASES" env)"
command -v podman >/dev/null || die "local-bases.sh did not install podman"

mapfile -t BASES < <(base_images "${DOCKERFILES[@]}")
[ ${#BASES[@]} -gt 0 ] || die "found no FROM line in ${DOCKERFILES[*]}"
for base in "${BASES[@]}"; do
  case "$base" in *'$'*) die "FROM $base: a base named by a build argument is not supported here" ;; esac
done
# A manifest fetch (no layers) of one base, with skopeo: the same registry configuration, proxy and
# certificates as podman's pulls. Sets PROBE (what happened, for one line) and fails when no answer.
probe_registry() {
  local start err
  start=$(millis)
  if err=$(timeout 15 skopeo inspect --raw "docker://${BASES[0]}" 2>&1 >/dev/null); then
    PROBE="${BASES[0]%%/*} answered in $(($(millis) - start)) ms"
  else
    err=$(printf '%s\n' "$err" | reason)
    PROBE="${BASES[0]%%/*} did not answer ($(($(millis) - start)) ms: ${err:-no answer within 15 s})"
    return 1
  fi
}
case "$BASES_MODE" in
  auto)
    if probe_registry; then BASES_MODE=pull; echo "base images: pulled, $PROBE (IMAGES_BASES=auto)"
    else BASES_MODE=local; echo "base images: local stand-ins, $PROBE (IMAGES_BASES=auto)"; fi ;;
  pull)
    probe_registry || die "IMAGES_BASES=pull: $PROBE.
Without access to ${BASES[0]%%/*}, use IMAGES_BASES=local (stand-ins built from Debian's packages) or auto." ;;
esac
if [ "$BASES_MODE" = pull ]; then
  say "pulling the base images: ${BASES[*]}"
  for base in "${BASES[@]}"; do
    pull_start=$SECONDS
    if ! pull_err=$(podman pull -q "$base" 2>&1 >/dev/null); then
      die "IMAGES_BASES=pull: could not pull $base after $((SECONDS - pull_start)) s: $(printf '%s\n' "$pull_err" | reason)
Without access to ${base%%/*}, use IMAGES_BASES=local (stand-ins built from Debian's packages) or auto."
    fi
    echo "pulled $base in $((SECONDS - pull_start)) s"
  done
else
  say "local stand-ins for the base images (scripts/images/local-bases.sh; a no-op once built)"
  standins_start=$SECONDS
  bash "$LOCAL_BASES"
  echo "stand-ins ready in $((SECONDS - standins_start)) s"
  for base in "${BASES[@]}"; do
    podman image exists "$base" \
      || die "no local stand-in for $base (named by a FROM line): add one to scripts/images/local-bases.sh"
  done
fi
if ! command -v podman-compose >/dev/null && [ "${IMAGES_SKIP_COMPOSE:-0}" != 1 ]; then
  say "podman-compose (Debian package), to check and run docker-compose.yml"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends podman-compose >/dev/null \
    || die "could not install podman-compose (apt-get install podman-compose), or set IMAGES_SKIP_COMPOSE=1"
fi

cleanup() {
  local status=$?
  if [ $status -ne 0 ]; then
    for c in "$BE" "$FE"; do
      if podman container exists "$c" 2>/dev/null; then
        echo "--- last log lines of $c" >&2
        podman logs --tail 40 "$c" >&2 || true
      fi
    done
  fi
  podman rm -f -t 2 "$FE" "$BE" >/dev/null 2>&1 || true
  podman volume rm -f "$BE-data" >/dev/null 2>&1 || true
  if [ "$COMPOSE_UP" = true ]; then
    if [ $status -ne 0 ]; then
      (cd "$ROOT" && podman-compose -p "$COMPOSE_PROJECT" logs --tail 30 >&2 2>&1) || true
    fi
    (cd "$ROOT" && podman-compose -p "$COMPOSE_PROJECT" down -v >/dev/null 2>&1) || true
  fi
  exit $status
}
trap cleanup EXIT

build() { # tag dockerfile context [extra podman-build args...]
  local tag=$1 dockerfile=$2 context=$3
  shift 3
  say "building $tag ($dockerfile)"
  local start=$SECONDS
  podman build --format docker --pull=never --network=host -t "$tag" -f "$dockerfile" "$@" "$context"
  echo "built $tag in $((SECONDS - start)) s"
}

if [ "${IMAGES_SKIP_BUILD:-0}" != 1 ]; then
  build todo-operator:dev "$ROOT/operator/Dockerfile" "$ROOT" --ignorefile "$ROOT/operator/Dockerfile.dockerignore"
  # The backend's parent POM is the root pom.xml, so its context is the repository root.
  build todo-backend:dev "$ROOT/apps/backend/Dockerfile" "$ROOT" --ignorefile "$ROOT/apps/backend/Dockerfile.dockerignore"
  build todo-frontend:dev "$ROOT/apps/frontend/Dockerfile" "$ROOT/apps/frontend"
fi
for image in "${IMAGES[@]}"; do
  podman image exists "$image" || die "image $image is missing (run without IMAGES_SKIP_BUILD)"
done
if [ "${IMAGES_BUILD_ONLY:-0}" = 1 ]; then
  # the local cluster's managed database runs it as postgres:16 (scripts/kube/local-cluster.sh load)
  build localhost/todo-postgres-standin:15 "$ROOT/deploy/compose/postgres-standin/Dockerfile" \
    "$ROOT/deploy/compose/postgres-standin"
  say "built ${IMAGES[*]} and localhost/todo-postgres-standin:15 (IMAGES_BUILD_ONLY=1: no checks)"
  exit 0
fi

# --- sizes -------------------------------------------------------------------------------------
# The whole image, its base included: what a node pulls and stores. MB = 10^6 bytes, as podman
# prints them. A stand-in base is compared with the published size of the image it stands for.
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
final_base() { # dockerfile: the image its last FROM names, qualified
  qualify "$(awk 'toupper($1) == "FROM" { for (i = 2; i <= NF; i++) if ($i !~ /^--/) { b = $i; break } } END { print b }' "$1")"
}
published_size() { # image: its published size in bytes, as recorded by local-bases.sh, or nothing
  bash "$LOCAL_BASES" published | awk -v n="$1" '$1 == n { print $2 }'
}

say "image sizes: the whole image, base included"
over=()
printf '%-20s %-10s %-8s %s\n' IMAGE SIZE TARGET "BASE (FINAL STAGE)"
for i in "${!IMAGES[@]}"; do
  image=${IMAGES[$i]}
  case "$image" in
    todo-operator:*) target=${IMAGES_MAX_MB_OPERATOR:-100} ;;
    todo-backend:*) target=${IMAGES_MAX_MB_BACKEND:-100} ;;
    todo-frontend:*) target=${IMAGES_MAX_MB_FRONTEND:-150} ;;
  esac
  base=$(final_base "$ROOT/${DOCKERFILES[$i]}")
  size=$(podman image inspect --format '{{.Size}}' "$image")
  base_size=$(podman image inspect --format '{{.Size}}' "$base")
  standin=$(podman image inspect --format '{{index .Labels "dev.todo.standin"}}' "$base" 2>/dev/null || true)
  if [ -n "$standin" ]; then
    published=$(published_size "$base")
    if [ -n "$published" ]; then
      how="local stand-in, $(mb "$base_size"); the published image: about $(mb "$published") ($(awk -v d=$((base_size - published)) 'BEGIN { printf "%+.1f MB", d / 1000000 }') here)"
    else
      how="local stand-in, $(mb "$base_size"); no published size recorded in scripts/images/local-bases.sh"
    fi
  else
    how="pulled, $(mb "$base_size")"
  fi
  verdict=ok
  if ! awk -v s="$size" -v t="$target" 'BEGIN { exit !(s < t * 1000000) }'; then
    verdict=OVER
    over+=("$image is $(mb "$size"), over its target of $target MB")
  fi
  printf '%-20s %-10s < %-3s MB %s  %s: %s\n' "$image" "$(mb "$size")" "$target" "$verdict" "$base" "$how"
  # The layers its Dockerfile added, above the base's (awk, not head: head would close the pipe
  # early, and pipefail would count podman's SIGPIPE as a failure). podman 4.3 prints "0 B" for
  # metadata-only layers.
  podman history --human=true --format '{{.Size}}\t{{.CreatedBy}}' "$image" \
    | awk -F'\t' -v keep="$(( $(podman history --format '{{.ID}}' "$image" | wc -l) - $(podman history --format '{{.ID}}' "$base" | wc -l) ))" \
        'NR <= keep && $1 !~ /^ *0 *B$/ { printf "    %9s  %s\n", $1, substr($2, 1, 90) }'
done
if [ ${#over[@]} -gt 0 ]; then
  die "$(printf '%s\n' "${over[@]}")
(the spec's targets: backend < 100 MB, frontend < 150 MB, base included; docs/container-images.md says where the bytes go)"
fi

# --- checks -------------------------------------------------------------------------------------
expect_eq() { # what expected actual
  [ "$2" = "$3" ] || die "$1: expected '$2' but got '$3'"
  echo "ok: $1 = $3"
}

say "image metadata: non-root numeric user, health check, exposed port"
for image in "${IMAGES[@]}"; do
  user=$(podman image inspect --format '{{.Config.User}}' "$image")
  case "$user" in
    10001|10001:10001) echo "ok: $image runs as $user" ;;
    *) die "$image runs as '$user'; the runtime contract says UID 10001 (docs/runtime-contract.md)" ;;
  esac
  hc=$(podman image inspect --format '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Test}}{{end}}' "$image")
  [ -n "$hc" ] || die "$image has no HEALTHCHECK (built without --format docker?)"
  echo "ok: $image health check $hc"
done

http_ok() { # url: prints the body, fails on a non-2xx status
  curl -fsS --max-time 5 "$1"
}

wait_for() { # url seconds
  local url=$1 deadline=$((SECONDS + $2))
  until curl -fsS --max-time 3 -o /dev/null "$url" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || die "$url did not answer within $2 s"
    sleep 1
  done
}

signup_and_create_task() { # api-base-url label backend-host:port: signs up, creates a task, reads it back; prints its title
  local api=$1 label=$2 backend=$3 email signup token title created listed unauth
  email="$label-$$@example.com"
  signup=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"images-sh-pass\",\"displayName\":\"Images\"}" "$api/auth/signup") \
    || die "POST $api/auth/signup failed"
  token=$(printf '%s' "$signup" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || die "sign-up returned no token: $signup"
  echo "ok: signed up $email" >&2
  title="Ship the images $label $$"
  created=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d "{\"title\":\"$title\",\"priority\":\"high\"}" "$api/tasks") || die "POST $api/tasks failed"
  printf '%s' "$created" | grep -q "\"title\" *: *\"$title\"" || die "created task not echoed back: $created"
  echo "ok: created task: $created" >&2
  # A search query too: the frontend must forward path and query string to BACKEND_URL.
  listed=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$api/tasks?q=images+$label") \
    || die "GET $api/tasks?q=... failed"
  printf '%s' "$listed" | grep -q "$title" || die "the new task is not found by its title: $listed"
  printf '%s' "$listed" | grep -q '"total" *: *1[,}]' || die "the search query was lost on the way: $listed"
  echo "ok: the task is found by GET $api/tasks?q=images+$label" >&2
  unauth=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$api/tasks")
  expect_eq "GET $api/tasks without a token" 401 "$unauth" >&2
  if curl -s -D - -o /dev/null --max-time 10 "$api/tasks" | grep -Fqi "$backend"; then
    die "GET $api/tasks names the backend's address ($backend) in a response header"
  fi
  echo "ok: no response header names the backend ($backend)" >&2
  echo "$title"
}

say "running the backend (embedded database) and the frontend (BACKEND_URL -> backend)"
# The frontend joins the backend's network namespace, so BACKEND_URL is http://127.0.0.1:8080, as
# a sidecar would see it; both ports are published on the backend container. /data is a new named
# volume: podman fills it from the image, so it belongs to the image's user (a tmpfs would not).
podman run -d --name "$BE" \
  -p "127.0.0.1:$BACKEND_PORT:8080" -p "127.0.0.1:$FRONTEND_PORT:3000" \
  --read-only --tmpfs /tmp -v "$BE-data:/data" \
  -e JWT_SECRET="images-sh-only-$(date +%s)-0123456789abcdef0123456789" \
  todo-backend:dev >/dev/null
podman run -d --name "$FE" --network "container:$BE" \
  --read-only --tmpfs /tmp \
  -e BACKEND_URL=http://127.0.0.1:8080 \
  todo-frontend:dev >/dev/null

start=$SECONDS
wait_for "http://127.0.0.1:$BACKEND_PORT/q/health/ready" 120
echo "backend ready after $((SECONDS - start)) s"
wait_for "http://127.0.0.1:$FRONTEND_PORT/healthz" 60
echo "frontend ready after $((SECONDS - start)) s"

say "health endpoints"
http_ok "http://127.0.0.1:$BACKEND_PORT/health" | grep -q '"UP"' || die "backend /health is not UP"
echo "ok: backend /health UP"
http_ok "http://127.0.0.1:$BACKEND_PORT/q/health/live" >/dev/null && echo "ok: backend /q/health/live"
http_ok "http://127.0.0.1:$BACKEND_PORT/q/health/ready" >/dev/null && echo "ok: backend /q/health/ready"
http_ok "http://127.0.0.1:$FRONTEND_PORT/healthz" >/dev/null && echo "ok: frontend /healthz"
http_ok "http://127.0.0.1:$FRONTEND_PORT/login" | grep -q "Log in" || die "frontend /login did not render"
echo "ok: frontend /login renders"
for c in "$BE" "$FE"; do
  podman healthcheck run "$c" || die "podman healthcheck run $c failed"
  echo "ok: podman healthcheck run $c"
  # No shell in the images to ask `id`: the kernel says who the main process runs as.
  uids=$(awk '/^Uid:/ { print $2 }' "/proc/$(podman inspect --format '{{.State.Pid}}' "$c")/status")
  expect_eq "user id of $c's process" 10001 "$uids"
done

say "sign up and create a task through the frontend's /api"
title=$(signup_and_create_task "http://127.0.0.1:$FRONTEND_PORT/api" images 127.0.0.1:8080)

say "operator image"
# No shell nor `id` in the image: the JVM says which user it runs as (uid 10001 is `todo` in the
# image's /etc/passwd, home /deployments).
op_user=$(podman run --rm --entrypoint java todo-operator:dev -XshowSettings:properties -version 2>&1 \
  | awk '$1 == "user.name" { name = $3 } $1 == "user.home" { home = $3 } END { print name, home }')
expect_eq "operator image user (user.name user.home)" "todo /deployments" "$op_user"
if [ -f "$ROOT/examples/todoapp-dev.yaml" ]; then
  rendered=$(podman run --rm -v "$ROOT/examples:/examples:ro,Z" todo-operator:dev render -f /examples/todoapp-dev.yaml) \
    || die "the operator image could not render examples/todoapp-dev.yaml"
  for kind in Deployment Service ConfigMap; do
    printf '%s\n' "$rendered" | grep -Eq "^kind: \"?$kind\"?$" || die "offline render printed no $kind"
  done
  echo "ok: the operator image renders examples/todoapp-dev.yaml ($(printf '%s\n' "$rendered" | grep -c '^kind:') objects)"
fi

# --- docker-compose.yml ---------------------------------------------------------------------------
if [ "${IMAGES_SKIP_COMPOSE:-0}" = 1 ]; then
  echo "compose run skipped (IMAGES_SKIP_COMPOSE=1)"
elif ! command -v podman-compose >/dev/null; then
  echo "compose run skipped: podman-compose is not installed (apt-get install podman-compose)"
else
  say "docker-compose.yml with podman-compose (PostgreSQL: deploy/compose/postgres-standin)"
  # Instead of postgres:16, which needs a registry: deploy/compose/postgres-standin behaves like it.
  build localhost/todo-postgres-standin:15 "$ROOT/deploy/compose/postgres-standin/Dockerfile" \
    "$ROOT/deploy/compose/postgres-standin"
  export POSTGRES_IMAGE=localhost/todo-postgres-standin:15 POSTGRES_DB=todo POSTGRES_USER=todo
  POSTGRES_PASSWORD=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export POSTGRES_PASSWORD JWT_SECRET
  export BACKEND_PORT=$((BACKEND_PORT + 1)) FRONTEND_PORT=$((FRONTEND_PORT + 1))
  # podman-compose 1.0 (Debian 12) has no `config`: a dry run parses the file and prints the commands.
  (cd "$ROOT" && podman-compose -p "$COMPOSE_PROJECT" --dry-run up -d >/dev/null) || die "docker-compose.yml does not parse"
  echo "ok: podman-compose parses docker-compose.yml (dry run)"
  COMPOSE_UP=true
  (cd "$ROOT" && podman-compose -p "$COMPOSE_PROJECT" up -d) >/dev/null
  start=$SECONDS
  wait_for "http://127.0.0.1:$BACKEND_PORT/q/health/ready" 180
  wait_for "http://127.0.0.1:$FRONTEND_PORT/healthz" 60
  echo "compose: backend on PostgreSQL and frontend ready after $((SECONDS - start)) s"
  for service in postgres backend frontend; do
    podman healthcheck run "${COMPOSE_PROJECT}_${service}_1" || die "podman healthcheck run ${COMPOSE_PROJECT}_${service}_1 failed"
    echo "ok: compose $service healthy"
  done
  title=$(signup_and_create_task "http://127.0.0.1:$FRONTEND_PORT/api" compose backend:8080)
  podman exec "${COMPOSE_PROJECT}_postgres_1" pg_dump -U todo --data-only todo | grep -q "$title" \
    || die "the task created through compose's frontend is not in PostgreSQL"
  echo "ok: the task is stored in PostgreSQL (pg_dump)"
  (cd "$ROOT" && podman-compose -p "$COMPOSE_PROJECT" down -v) >/dev/null 2>&1
  COMPOSE_UP=false
  echo "ok: compose down -v"
fi

say "all image checks passed"
