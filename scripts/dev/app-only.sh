#!/usr/bin/env bash
# The app alone, without Kubernetes (./dev.sh --app-only), with nothing to set up beyond a JDK 17
# and Node 20: the backend on its embedded H2 database (under ./data) with the built-in offline
# assistant, and the Next.js frontend in front of it. Builds what is missing or out of date,
# prints the URL to open, and stops both on Ctrl-C.
#
#   ./dev.sh --app-only                 # http://localhost:3000
#   FRONTEND_PORT=3001 BACKEND_PORT=8081 ./dev.sh --app-only
#   AI_API_KEY=... ./dev.sh --app-only  # use an OpenAI-compatible LLM instead of the offline assistant
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
backend_port="${BACKEND_PORT:-8080}"
frontend_port="${FRONTEND_PORT:-3000}"
export NEXT_TELEMETRY_DISABLED=1

log() { printf '\033[1m[dev]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[dev]\033[0m %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null || die "java not found: install a JDK 17."
command -v node >/dev/null || die "node not found: install Node.js 20."
command -v go >/dev/null || die "go not found: install Go 1.24 or later (it builds the frontend's server)."
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$backend_port" && die "Port $backend_port is in use; pick another with BACKEND_PORT=..."
port_busy "$frontend_port" && die "Port $frontend_port is in use; pick another with FRONTEND_PORT=..."

# Data and the dev-only session key live under ./data (git-ignored), so accounts and tasks
# survive restarts of dev.sh.
mkdir -p data/backend data/logs
secret_file=data/dev-jwt-secret
if [ ! -s "$secret_file" ]; then
  (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$secret_file")
  log "Generated a dev JWT secret in $secret_file"
fi

# Build the backend when its jar is missing or older than its sources.
jar=apps/backend/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find apps/backend/src apps/backend/pom.xml -newer "$jar" -print -quit)" ]; then
  log "Building the backend (first time: a few minutes)…"
  ./mvnw -B -ntp -q -pl apps/backend package -DskipTests
fi

# Install and build the frontend when needed.
fe=apps/frontend
if [ ! -f "$fe/node_modules/.package-lock.json" ] || [ "$fe/package-lock.json" -nt "$fe/node_modules/.package-lock.json" ]; then
  log "Installing the frontend's dependencies…"
  (cd "$fe" && npm ci --no-audit --no-fund)
fi
# The UI is exported as static files (out/) and served by dist/todo-frontend (apps/frontend/server, Go).
server="$fe/dist/todo-frontend"
if [ ! -f "$server" ] || [ ! -f "$fe/out/index.html" ] \
   || [ -n "$(find "$fe/src" "$fe/public" "$fe/server" "$fe/package.json" "$fe/next.config.ts" -newer "$server" -print -quit)" ]; then
  log "Building the frontend…"
  (cd "$fe" && npm run build)
fi

pids=()
stop() {
  trap - INT TERM EXIT
  log "Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  log "Stopped."
}
trap stop EXIT
trap 'exit 130' INT TERM

log "Starting the backend on port $backend_port (embedded H2 in data/backend; log: data/logs/backend.log)"
PORT="$backend_port" DATA_DIR="$root/data/backend" JWT_SECRET="$(cat "$secret_file")" \
  java -jar "$jar" >data/logs/backend.log 2>&1 &
pids+=($!)

log "Starting the frontend on port $frontend_port (log: data/logs/frontend.log)"
PORT="$frontend_port" HOSTNAME=127.0.0.1 BACKEND_URL="http://127.0.0.1:$backend_port" STATIC_DIR="$root/$fe/out" \
  "$server" >data/logs/frontend.log 2>&1 &
pids+=($!)

wait_for() { # name url seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || die "The $1 stopped while starting; see data/logs/$1.log"; done
    [ "$SECONDS" -lt "$deadline" ] || die "The $1 did not answer $2 within $3 s; see data/logs/$1.log"
    sleep 0.5
  done
}
wait_for backend "http://127.0.0.1:$backend_port/health" 120
wait_for frontend "http://127.0.0.1:$frontend_port/healthz" 60

log "Ready: open http://localhost:$frontend_port  (API docs: http://localhost:$backend_port/q/openapi)"
if [ -n "${AI_API_KEY:-}${AI_BASE_URL:-}" ]; then
  log "Assistant: the LLM configured by AI_BASE_URL/AI_API_KEY. Press Ctrl-C to stop."
else
  log "Assistant: the built-in offline one (set AI_API_KEY to use an LLM). Press Ctrl-C to stop."
fi

# Stop everything as soon as either server exits on its own.
while true; do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || die "A server exited; see data/logs/backend.log and data/logs/frontend.log"
  done
  sleep 1
done
