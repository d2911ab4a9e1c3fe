#!/usr/bin/env bash
# Builds the backend image with podman, runs it (read-only root filesystem, UID 10001, a /data
# volume), and checks /health, /q/health/ready, a sign-up and the image's own HEALTHCHECK.
# Usage: apps/backend/scripts/image.sh [tag]      (default tag: todo-backend:dev)
# Env: HOST_PORT (default 18080), KEEP_RUNNING=1 leaves the container up.
# Here there is no registry: ../shared/containers/local-bases.sh provides the base images
# (first run 3-5 minutes); elsewhere the public eclipse-temurin images are pulled.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
tag="${1:-todo-backend:dev}"
name="todo-backend-check-$$"
port="${HOST_PORT:-18080}"
cd "$repo"

pull=(--pull=missing)
if [ -x ../shared/containers/local-bases.sh ]; then
  ../shared/containers/local-bases.sh >/dev/null
  eval "$(../shared/containers/local-bases.sh env)"
  pull=(--pull=never)
fi

echo "== building $tag"
iidfile="$(mktemp)"
podman build --format docker "${pull[@]}" --network=host --iidfile "$iidfile" \
  -f apps/backend/Dockerfile --ignorefile apps/backend/.dockerignore -t "$tag" .
# Run exactly what this build produced (an interrupted build must not fall back to an old tag).
image="$(cat "$iidfile")"; rm -f "$iidfile"
[ -n "$image" ] || { echo "podman build produced no image" >&2; exit 1; }

cleanup() {
  if [ "${KEEP_RUNNING:-0}" != "1" ]; then
    podman rm -f -t 5 "$name" >/dev/null 2>&1 || true
    podman volume rm -f "$name-data" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

echo "== running $name on 127.0.0.1:$port"
podman run -d --name "$name" -p "127.0.0.1:$port:8080" \
  --read-only --tmpfs /tmp:rw,size=64m -v "$name-data:/data" \
  -e JWT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  "$image" >/dev/null

ok=""
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; then ok=1; break; fi
  sleep 1
done
if [ -z "$ok" ]; then
  echo "backend did not become ready; its log:" >&2
  podman logs "$name" | tail -40 >&2
  exit 1
fi
curl -sf "http://127.0.0.1:$port/health" | grep -q '"UP"'
curl -sf -X POST "http://127.0.0.1:$port/api/auth/signup" -H 'Content-Type: application/json' \
  -d '{"email":"image-check@example.test","password":"image-check-pw"}' | grep -q '"token"'
podman healthcheck run "$name"
user="$(podman exec "$name" id -u)"
[ "$user" = "10001" ] || { echo "runs as UID $user, expected 10001" >&2; exit 1; }
echo "== $tag: ready, /health UP, sign-up works on the embedded database, HEALTHCHECK passes, UID 10001"
podman image inspect "$tag" --format 'size: {{.Size}} bytes'
