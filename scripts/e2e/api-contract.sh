#!/usr/bin/env bash
# The backend's OpenAPI document (/q/openapi) as a contract: schemathesis, with every check
# (--checks all: status codes, response schemas and headers, schema-valid requests accepted and
# invalid ones refused, 405s with Allow, auth not ignored, deleted resources gone, ...) and every phase
# (examples, coverage, fuzzing, stateful: chains of requests following the links it infers), against
# the real backend jar, on H2 and on a private Debian PostgreSQL. Fails on any failure, and when a run
# tested nothing. Prints, per database, the requests the backend served and the time taken.
#   CONTRACT_EXAMPLES   test cases per operation and phase (default 50; more finds more, slower)
#   CONTRACT_SEED       the random seed (default 1; the same seed sends the same requests)
#   CONTRACT_REPORTS    a folder to keep the JUnit reports and the backend logs in (default: removed)
# Needs: the backend's jar (./mvnw -pl apps/backend package -DskipTests), Debian's postgresql package
# (scripts/install-test-deps.sh) for "postgresql", python3 with venv; schemathesis is installed once per
# machine (scripts/lib/python-tool.sh). PostgreSQL runs as the postgres user when run as root.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCHEMATHESIS_VERSION=4.32.5
usage() { echo "usage: scripts/e2e/api-contract.sh [h2] [postgresql]   (default: both; CONTRACT_EXAMPLES, CONTRACT_SEED, CONTRACT_REPORTS)" >&2; exit 2; }
databases=()
for a in "$@"; do
  case $a in h2|postgresql) databases+=("$a") ;; *) usage ;; esac
done
[ ${#databases[@]} -gt 0 ] || databases=(h2 postgresql)
EXAMPLES=${CONTRACT_EXAMPLES:-50}
SEED=${CONTRACT_SEED:-1}
[[ $EXAMPLES =~ ^[1-9][0-9]*$ ]] || { echo "CONTRACT_EXAMPLES must be a whole number >= 1, not '$EXAMPLES'" >&2; exit 2; }
[[ $SEED =~ ^[0-9]+$ ]] || { echo "CONTRACT_SEED must be a whole number, not '$SEED'" >&2; exit 2; }

# shellcheck source=scripts/lib/local-backend.sh
. "$ROOT/scripts/lib/local-backend.sh"
# shellcheck source=scripts/lib/python-tool.sh
. "$ROOT/scripts/lib/python-tool.sh"
[ -f "$BACKEND_JAR" ] || { echo "no backend jar at $BACKEND_JAR: ./mvnw -pl apps/backend package -DskipTests" >&2; exit 2; }
ST_BIN=$(python_tool schemathesis "$SCHEMATHESIS_VERSION")

T=$(mktemp -d /tmp/todo-api-contract.XXXXXX)
chmod 0755 "$T" # PostgreSQL (the postgres user) lives in a folder inside
cleanup() {
  local status=$?
  set +e
  backend_stop
  pg_stop
  if [ -n "${CONTRACT_REPORTS:-}" ]; then mkdir -p "$CONTRACT_REPORTS" && cp -r "$T"/report-* "$T"/*.log "$CONTRACT_REPORTS"/ 2>/dev/null; fi
  rm -rf "$T"
  exit $status
}
trap cleanup EXIT
JWT=api-contract-test-jwt-secret-0123456789abcdef

served() { # requests the backend has answered so far (its own metrics, /q/metrics excluded)
  curl -sf "$BACKEND_URL/q/metrics" | awk '/^http_server_requests_seconds_count/ && !/uri="\/q\/metrics"/ { n += $NF } END { printf "%d\n", n }'
}

contract() { # DATABASE: schemathesis against the running backend
  local db=$1 token before t0 rc=0 out=$T/schemathesis-$1.log
  token=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"email":"contract@example.test","password":"contract-password-1"}' "$BACKEND_URL/api/auth/signup" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
  before=$(served); t0=$(date +%s)
  (cd "$T" && PYTHONPATH="$ROOT/scripts/e2e/api-contract" SCHEMATHESIS_HOOKS=contract_hooks \
    "$ST_BIN/schemathesis" run "$BACKEND_URL/q/openapi?format=json" --url "$BACKEND_URL" \
    --checks all --max-examples "$EXAMPLES" --seed "$SEED" --generation-database none \
    -H "Authorization: Bearer $token" --no-color --report junit --report-dir "$T/report-$db") >"$out" 2>&1 || rc=$? # in $T: it keeps a cache in .schemathesis/
  local secs=$(( $(date +%s) - t0 )) requests cases
  requests=$(( $(served) - before ))
  cases=$(sed -n 's/^ *\([0-9][0-9]*\) generated.*/\1/p' "$out" | tail -1)
  grep -E '\(in [0-9.]+s\)$|Scenarios:|API Links:' "$out" || true # each phase's time, the stateful phase's reach
  sed -n '/^=* *SUMMARY/,$p' "$out"
  echo "$db: $requests requests served in $secs s (schemathesis $SCHEMATHESIS_VERSION, ${cases:-0} test cases, $EXAMPLES examples per operation, seed $SEED)"
  if [ "$rc" -ne 0 ]; then
    echo "FAIL: schemathesis on $db (exit $rc); its whole output:" >&2
    cat "$out" >&2
    return 1
  fi
  if [ "${cases:-0}" -eq 0 ] || [ "$requests" -eq 0 ]; then
    echo "FAIL: schemathesis on $db tested nothing" >&2
    return 1
  fi
}

failed=0
for db in "${databases[@]}"; do
  printf '\n==> the OpenAPI contract on %s\n' "$db"
  case $db in
    h2) backend_start "$T/backend-h2.log" DATA_DIR="$T/h2" JWT_SECRET=$JWT ;;
    postgresql)
      pg_start "$T/pg"
      pg_admin -c "CREATE ROLE todo LOGIN PASSWORD 'contract-test'" -c "CREATE DATABASE todo OWNER todo"
      backend_start "$T/backend-postgresql.log" DATABASE_URL="postgresql://todo:contract-test@127.0.0.1:$PGPORT/todo" JWT_SECRET=$JWT ;;
  esac
  contract "$db" || failed=$((failed + 1))
  backend_stop
  pg_stop
done
echo
echo "$(( ${#databases[@]} - failed )) passed, $failed failed"
[ "$failed" = 0 ]
