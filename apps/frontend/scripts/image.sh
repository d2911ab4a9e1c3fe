#!/usr/bin/env bash
# Builds the frontend image with podman and checks it really works: runs it as the contract says
# (UID 10001, PORT 3000, /healthz, HEALTHCHECK), pointed through BACKEND_URL at a small recording
# server on the host, and verifies that /api/* reaches that server. Removes what it started.
#   apps/frontend/scripts/image.sh            # builds todo-frontend:dev
#   IMAGE=registry.example/todo-frontend:1.0 apps/frontend/scripts/image.sh
# On machines without a registry, ../shared/containers/local-bases.sh provides podman and a
# stand-in for node:20-bookworm-slim (see ../shared/containers.md); it is used when present.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
image="${IMAGE:-todo-frontend:dev}"
pull="--pull=missing"

bases="$repo/../shared/containers/local-bases.sh"
if [ -x "$bases" ]; then
  "$bases" >/dev/null
  eval "$("$bases" env)"
  pull="--pull=never"
fi
command -v podman >/dev/null || { echo "podman is needed (Debian package podman)" >&2; exit 1; }

echo "== building $image"
podman build --format docker "$pull" --network=host -t "$image" -f "$here/Dockerfile" "$here"

name="todo-frontend-check-$$"
recorder_pid=""
cleanup() {
  podman rm -f -t 2 "$name" >/dev/null 2>&1 || true
  [ -z "$recorder_pid" ] || kill "$recorder_pid" 2>/dev/null || true
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
web_port="$(free_port)"
backend_port="$(free_port)"

# A stand-in backend on the host that answers every request with what it received.
node -e '
require("http").createServer((q, r) => { r.setHeader("Content-Type", "application/json"); r.end(JSON.stringify({ recorder: true, method: q.method, url: q.url })); })
  .listen(Number(process.argv[1]), "0.0.0.0");' "$backend_port" &
recorder_pid=$!

echo "== running $image (host port $web_port, BACKEND_URL -> recorder on host port $backend_port)"
podman run -d --name "$name" --network=host -e PORT="$web_port" -e BACKEND_URL="http://127.0.0.1:$backend_port" \
  --read-only --tmpfs /tmp --tmpfs /app/.next/cache:rw,mode=1777 "$image" >/dev/null

base="http://127.0.0.1:$web_port"
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  sleep 0.5
done
fail() { echo "FAIL: $*" >&2; podman logs "$name" >&2 || true; exit 1; }

curl -fsS "$base/healthz" | grep -q '"UP"' || fail "/healthz did not answer UP"
podman healthcheck run "$name" >/dev/null || fail "the image's HEALTHCHECK failed"
user="$(podman exec "$name" id -u)"
[ "$user" = 10001 ] || fail "runs as UID $user, not 10001"
curl -fsS "$base/login" | grep -q "Log in" || fail "/login did not render"
answer="$(curl -fsS "$base/api/tasks?q=milk")"
echo "$answer" | grep -q '"recorder":true' || fail "/api was not forwarded to BACKEND_URL: $answer"
echo "$answer" | grep -q '"url":"/api/tasks?q=milk"' || fail "path or query lost on the way: $answer"
size="$(podman image inspect "$image" --format '{{.Size}}')"
echo "OK: $image healthy (HEALTHCHECK + /healthz), UID 10001, read-only root, /login renders, /api forwarded to BACKEND_URL ($(( size / 1024 / 1024 )) MiB)"
