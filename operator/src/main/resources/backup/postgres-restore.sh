#!/bin/sh
# The restore Job's script (PostgresRestoreJob; tested against a real PostgreSQL by
# scripts/e2e/backup-scripts.sh): loads $DUMP ("latest": the newest todo-*.dump) from $BACKUP_DIR
# into $PGDATABASE, only when that database holds no table yet. A missing dump or a database with
# data changes nothing. Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
# Reports the dump it restored (or why it did not) in $TERMINATION_LOG, which the operator reads.
set -eu
export LC_ALL=C
log=${TERMINATION_LOG:-/dev/termination-log}
where="backup volume ${BACKUP_PVC:-$BACKUP_DIR}"
fail() {
  echo "restore failed: $*" >&2
  printf 'restore failed: %s\n' "$*" >"$log" 2>/dev/null || true
  exit 1
}
dumps() { # the dump names, oldest first
  for f in "$BACKUP_DIR"/todo-*.dump; do [ -e "$f" ] && echo "${f##*/}"; done | sort
}
available=$(dumps | tail -n 5 | tr '\n' ' ')

dump=${DUMP:-latest}
if [ "$dump" = latest ]; then
  dump=$(dumps | tail -n 1)
  [ -n "$dump" ] || fail "no dump (todo-*.dump) on the $where; take a backup first or name another volume in spec.database.restoreFrom.pvc"
fi
case "$dump" in */* | .*) fail "dump name $dump must be a file name on the $where" ;; esac
[ -f "$BACKUP_DIR/$dump" ] || fail "dump $dump not found on the $where (newest there: ${available:-none}); fix spec.database.restoreFrom.dump"

tries=0
until pg_isready -q; do
  tries=$((tries + 1))
  [ "$tries" -lt 150 ] || fail "database $PGDATABASE on $PGHOST did not accept connections for 5 minutes"
  sleep 2
done
tables=$(psql -X -tAc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')") \
  || fail "could not inspect database $PGDATABASE on $PGHOST"
if [ "$tables" != 0 ]; then
  fail "refused to restore $dump: database $PGDATABASE already holds data ($tables tables); a restore only fills a new, empty database (create a new TodoApp with spec.database.restoreFrom)"
fi
# One transaction: a dump that fails half-way leaves the database empty, as it was.
if ! out=$(pg_restore --single-transaction --exit-on-error --no-owner --no-privileges --dbname="$PGDATABASE" \
    "$BACKUP_DIR/$dump" 2>&1); then
  fail "pg_restore of $dump: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
fi
echo "restored $dump from the $where into database $PGDATABASE"
printf 'restored %s\n' "$dump" >"$log" 2>/dev/null || true
