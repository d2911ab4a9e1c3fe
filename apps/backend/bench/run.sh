#!/usr/bin/env bash
# Benchmark of the backend on PostgreSQL with wrk: list and create tasks for one authenticated
# user at rising offered rates; prints req/s, p50/p99 latency and the JVM's RSS, and the time
# from JVM start to ready. Results are recorded in docs/benchmarks.md.
# Usage (repo root): apps/backend/bench/run.sh        Env: DURATION (20s), RATES ("100 250 500 1000"),
# CONNECTIONS (10), PORT (18090); JVM flags via JAVA_TOOL_OPTIONS. Needs: wrk, PostgreSQL (scripts/install-test-deps.sh starts it).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
bench="$repo/apps/backend/bench"
cd "$repo"
duration="${DURATION:-20s}"
rates="${RATES:-100 250 500 1000}"
conns="${CONNECTIONS:-10}"
port="${PORT:-18090}"
base="http://127.0.0.1:$port"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not running on 127.0.0.1:5432: run scripts/install-test-deps.sh" >&2; exit 1; }
as_postgres psql -q -c "DROP DATABASE IF EXISTS todo_bench" -c "CREATE DATABASE todo_bench OWNER todo_test" >/dev/null
jar=apps/backend/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -ntp -q -pl apps/backend package -DskipTests

work="$(mktemp -d)"
log="$work/backend.log"
start_ns=$(date +%s%N)
DATABASE_URL="postgresql://todo_test:todo_test@127.0.0.1:5432/todo_bench" \
JWT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" PORT="$port" DATA_DIR="$work" \
  java -jar "$jar" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
until curl -sf "$base/q/health/ready" >/dev/null; do
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "ready after ${ready_ms} ms from JVM start ($(grep -o 'started in [0-9.]*s' "$log"))"
echo "RSS idle: $(( $(ps -o rss= -p $pid) / 1024 )) MiB"

TOKEN=$(curl -sf -X POST "$base/api/auth/signup" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.test","password":"benchmark-pw"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
export TOKEN
for i in $(seq 1 50); do
  curl -sf -o /dev/null -X POST "$base/api/tasks" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"seed task $i\",\"tags\":[\"seed\"]}"
done
# Warm-up: let the JIT compile the hot paths before measuring.
DELAY_MS=0 wrk -t2 -c"$conns" -d10s -s "$bench/list.lua" "$base" >/dev/null
DELAY_MS=0 wrk -t2 -c"$conns" -d5s -s "$bench/create.lua" "$base" >/dev/null

printf '\n%-7s %-8s %10s %9s %9s %9s %8s\n' endpoint offered achieved p50 p99 errors RSS
for script in list create; do
  for rate in $rates max; do
    if [ "$rate" = max ]; then delay=0; else delay=$(( conns * 1000 / rate )); fi
    out=$(DELAY_MS=$delay wrk -t2 -c"$conns" -d"$duration" --latency -s "$bench/$script.lua" "$base")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
    printf '%-7s %-8s %10s %9s %9s %9s %6s MiB\n' "$script" "$rate" "$rps" "$p50" "$p99" "${errors:-0}" \
      "$(( $(ps -o rss= -p $pid) / 1024 ))"
  done
done
