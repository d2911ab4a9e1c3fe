#!/usr/bin/env bash
# pass and fail never fail, so "test && pass ... || fail ..." is an if-then-else here.
# shellcheck disable=SC2015
# The backup and restore scripts the operator's Jobs run (operator/src/main/resources/backup/*.sh, the
# very text the Jobs carry), against a real PostgreSQL from Debian's packages, with the real backend:
#   1. the backend on database "src": a user, tasks, a conversation through the offline assistant;
#   2. postgres-backup.sh writes a custom-format dump and reports its name and size;
#   3. postgres-restore.sh (dump "latest") loads it into the empty database "dst"; the backend started on
#      "dst" serves the same tasks and the same conversation to the same user;
#   4. retention: five backups with RETENTION=3 leave exactly the three newest dumps;
#   5. a restore over "dst", which now holds data, is refused with a message and changes nothing;
#   6. a dump that does not exist is named in the message, and the empty database stays empty;
#   7. a pg_dump that fails (wrong password) leaves no dump behind and deletes no old one;
#   8. a database that does not answer: the backup waits DB_WAIT_SECONDS, then fails saying so.
# Starts its own PostgreSQL cluster (initdb, a free port, a temporary folder) and removes it at the end.
# Needs: Debian's postgresql package (scripts/install-test-deps.sh), the backend's jar
# (./mvnw -pl apps/backend package -DskipTests), curl, python3. Runs as root (PostgreSQL runs as postgres).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRIPTS=$ROOT/operator/src/main/resources/backup
# shellcheck source=scripts/lib/local-backend.sh
. "$ROOT/scripts/lib/local-backend.sh"
passed=0; failed=0
say() { printf '\n==> %s\n' "$*"; }
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
[ -f "$BACKEND_JAR" ] || { echo "no backend jar at $BACKEND_JAR: ./mvnw -pl apps/backend package -DskipTests" >&2; exit 2; }

T=$(mktemp -d /tmp/todo-backup-scripts.XXXXXX)
cleanup() {
  local status=$?
  set +e
  backend_stop
  pg_stop
  rm -rf "$T"
  exit $status
}
trap cleanup EXIT

say "a private PostgreSQL ($PGBIN)"
# Passwords are checked over TCP (the Jobs' way in); the superuser comes in through the socket.
pg_start "$T"
PASSWORD=backup-test-password
admin() { pg_admin "$@"; }
admin -c "CREATE ROLE todo LOGIN PASSWORD '$PASSWORD'"
for db in src dst dst2; do admin -c "CREATE DATABASE $db OWNER todo"; done
tables() { admin -d "$1" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"; }

# The Jobs' environment: libpq's variables, the backup folder, the termination-message file.
export PGHOST=127.0.0.1 PGPORT PGUSER=todo PGPASSWORD=$PASSWORD
mkdir -p "$T/backups"
backup() { # [RETENTION]: runs the backup script on database src; its report in $T/report
  PGDATABASE=src BACKUP_DIR=$T/backups RETENTION=${1:-7} TERMINATION_LOG=$T/report \
    PATH="$PGBIN:$PATH" sh "$SCRIPTS/postgres-backup.sh"
}
restore() { # DATABASE DUMP: runs the restore script; its report in $T/report
  PGDATABASE=$1 DUMP=$2 BACKUP_DIR=$T/backups BACKUP_PVC=todo-backups TERMINATION_LOG=$T/report \
    PATH="$PGBIN:$PATH" sh "$SCRIPTS/postgres-restore.sh"
}
dumps() { (cd "$T/backups" && ls -- todo-*.dump 2>/dev/null) || true; }

BACKEND_PORT=$(free_port)
API=http://127.0.0.1:$BACKEND_PORT
start_backend() { # DATABASE
  backend_start "$T/backend-$1.log" DATABASE_URL="postgresql://todo:$PASSWORD@127.0.0.1:$PGPORT/$1" \
    JWT_SECRET=backup-scripts-test-jwt-secret-0123456789 || exit 1
}
stop_backend() { backend_stop; }
api() { # METHOD PATH [JSON]
  local args=(-sS --fail-with-body -m 20 -H 'Content-Type: application/json' -X "$1")
  [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
  [ $# -ge 3 ] && args+=(--data "$3")
  curl "${args[@]}" "$API$2"
}
what_the_user_sees() { # the user's tasks and conversations, as JSON without volatile fields
  { api GET '/api/tasks?status=all'; echo; api GET /api/conversations; echo; } \
    | python3 -c 'import json, sys; print(json.dumps([json.loads(l) for l in sys.stdin if l.strip()], sort_keys=True))'
}

say "1. the backend on database src: a user, three tasks, a conversation"
start_backend src
TOKEN=$(api POST /api/auth/signup '{"email":"backup@todo.local","password":"backup-password-1","displayName":"Backup"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
api POST /api/tasks '{"title":"water the plants"}' >/dev/null
api POST /api/tasks '{"title":"call the plumber","description":"before noon","priority":"HIGH","tags":["home"]}' >/dev/null
api POST /api/chat '{"message":"add buy milk tomorrow"}' >/dev/null
before=$(what_the_user_sees)
echo "$before" | grep -q 'buy milk' && echo "$before" | grep -q 'call the plumber' \
  && pass "src holds the tasks and a conversation" || fail "src: $before"
stop_backend

say "2. postgres-backup.sh"
backup
read -r name size <"$T/report"
echo "report: $name $size"
[ -f "$T/backups/$name" ] && [ "$(wc -c <"$T/backups/$name")" = "$size" ] && [ "$size" -gt 0 ] \
  && pass "the backup wrote $name ($size bytes) and reported its name and size" || fail "report '$name $size': $(ls -la "$T/backups")"
"$PGBIN/pg_restore" --list "$T/backups/$name" | grep -q 'TABLE DATA public tasks' \
  && pass "the dump is in the custom format and holds the tasks table's data" || fail "pg_restore --list $name"

say "3. postgres-restore.sh latest into the empty database dst; the backend on dst"
[ "$(tables dst)" = 0 ] || fail "dst is not empty to begin with"
restore dst latest && grep -qx "restored $name" "$T/report" \
  && pass "restore of latest reported 'restored $name'" || fail "restore into dst: $(cat "$T/report")"
start_backend dst
TOKEN=$(api POST /api/auth/login '{"email":"backup@todo.local","password":"backup-password-1"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
after=$(what_the_user_sees)
[ "$after" = "$before" ] && pass "the backend on the restored database serves the same tasks and conversation to the same user" \
  || fail "after restore: $after; before: $before"
api POST /api/tasks '{"title":"written after the restore"}' >/dev/null \
  && pass "the restored database takes new tasks (its sequences were restored too)" || fail "a new task after the restore"
stop_backend

say "4. retention: five backups with RETENTION=3"
names=()
for _ in 1 2 3 4 5; do
  backup 3 >/dev/null
  read -r n _ <"$T/report"
  names+=("$n")
done
kept=$(dumps | tr '\n' ' ')
expected=$(printf '%s\n' "${names[@]:2}" | sort | tr '\n' ' ')
[ "$(dumps | wc -l)" = 3 ] && [ "$kept" = "$expected" ] \
  && pass "exactly the three newest dumps are kept: $kept" || fail "kept: $kept; expected: $expected"

say "5. a restore over a database that holds data is refused"
n=$(tables dst)
if restore dst latest 2>"$T/err"; then
  fail "restore over dst succeeded"
else
  grep -q "refused to restore .* already holds data ($n tables)" "$T/report" \
    && pass "refused: $(cat "$T/report")" || fail "message: $(cat "$T/report")"
fi
[ "$(tables dst)" = "$n" ] && pass "dst still has its $n tables" || fail "dst changed"

say "6. a missing dump is named; the empty database stays empty"
if restore dst2 todo-19990101T000000Z.dump 2>/dev/null; then
  fail "restore of a missing dump succeeded"
else
  grep -q "dump todo-19990101T000000Z.dump not found on the backup volume todo-backups" "$T/report" \
    && pass "missing dump: $(cat "$T/report")" || fail "message: $(cat "$T/report")"
fi
[ "$(tables dst2)" = 0 ] && pass "dst2 is untouched (no table)" || fail "dst2 has tables"
mkdir -p "$T/empty"
if PGDATABASE=dst2 DUMP=latest BACKUP_DIR=$T/empty BACKUP_PVC=new-backups TERMINATION_LOG=$T/report \
    PATH="$PGBIN:$PATH" sh "$SCRIPTS/postgres-restore.sh" 2>/dev/null; then
  fail "restore of latest from an empty volume succeeded"
else
  grep -q "no dump (todo-\*.dump) on the backup volume new-backups" "$T/report" \
    && pass "no dump at all: $(cat "$T/report")" || fail "message: $(cat "$T/report")"
fi

say "7. a failing pg_dump leaves no dump and deletes none"
before_names=$(dumps)
if PGPASSWORD=wrong backup 1 2>/dev/null; then
  fail "a backup with a wrong password succeeded"
else
  grep -q "backup failed: pg_dump of database src on 127.0.0.1: .*password authentication failed" "$T/report" \
    && pass "the failure names pg_dump's error: $(cut -c1-160 "$T/report")" || fail "message: $(cat "$T/report")"
fi
[ "$(dumps)" = "$before_names" ] && [ -z "$(find "$T/backups" -mindepth 1 ! -name 'todo-*.dump')" ] \
  && pass "no partial dump left, no dump deleted" || fail "dumps now: $(ls -A "$T/backups")"

say "8. a database that does not answer: the backup waits DB_WAIT_SECONDS, then says so"
before_names=$(dumps)
if PGPORT=1 DB_WAIT_SECONDS=2 backup 1 2>/dev/null; then
  fail "a backup of a database that does not answer succeeded"
else
  grep -q "backup failed: database src on 127.0.0.1 did not accept connections for 2 s" "$T/report" \
    && pass "the failure says the database did not answer: $(cat "$T/report")" || fail "message: $(cat "$T/report")"
fi
[ "$(dumps)" = "$before_names" ] && pass "no dump made, none deleted" || fail "dumps now: $(dumps)"

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
