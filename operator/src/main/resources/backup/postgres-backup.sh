#!/bin/sh
# The backup Job's script (PostgresBackupJob, PostgresBackupCronJob; tested against a real PostgreSQL by
# scripts/e2e/backup-scripts.sh): one pg_dump of $PGDATABASE in the custom format into $BACKUP_DIR as
# todo-<UTC timestamp>.dump, then the newest $RETENTION dumps are kept and older ones deleted.
# Connection: the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
# Reports "<dump> <bytes>" (or why it failed) in $TERMINATION_LOG, which the operator reads into status.backup.
set -eu
export LC_ALL=C
log=${TERMINATION_LOG:-/dev/termination-log}
fail() {
  echo "backup failed: $*" >&2
  printf 'backup failed: %s\n' "$*" >"$log" 2>/dev/null || true
  exit 1
}
case "${RETENTION:-}" in '' | *[!0-9]* | 0) fail "RETENTION must be a number >= 1, not '${RETENTION:-}'" ;; esac
if [ ! -d "$BACKUP_DIR" ] || [ ! -w "$BACKUP_DIR" ]; then fail "the backup directory $BACKUP_DIR is missing or not writable"; fi
dumps() { # the dump names, oldest first
  for f in "$BACKUP_DIR"/todo-*.dump; do [ -e "$f" ] && echo "${f##*/}"; done | sort
}

# A new pod's first connections may be refused for a moment: the NetworkPolicy that lets it reach the
# database is programmed by the network plugin after the pod starts. Like the restore Job, wait for the
# database to answer, up to DB_WAIT_SECONDS (60).
waited=0
until pg_isready -q; do
  [ "$waited" -lt "${DB_WAIT_SECONDS:-60}" ] \
    || fail "database $PGDATABASE on $PGHOST did not accept connections for ${DB_WAIT_SECONDS:-60} s"
  sleep 2
  waited=$((waited + 2))
done

name=todo-$(date -u +%Y%m%dT%H%M%SZ).dump
while [ -e "$BACKUP_DIR/$name" ]; do # a backup in the same second: names must stay unique and sort by time
  sleep 1
  name=todo-$(date -u +%Y%m%dT%H%M%SZ).dump
done
partial=$BACKUP_DIR/.$name.partial
# A dump is renamed to *.dump only once complete: a failed or killed pg_dump never counts as a backup,
# and never pushes a good one out of the retention.
if ! out=$(pg_dump --format=custom --file="$partial" 2>&1); then
  rm -f "$partial"
  fail "pg_dump of database $PGDATABASE on $PGHOST: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
fi
mv "$partial" "$BACKUP_DIR/$name"
size=$(wc -c <"$BACKUP_DIR/$name" | tr -d ' ')

# Retention: dump names sort by time; keep the newest $RETENTION.
dumps | sort -r | tail -n "+$((RETENTION + 1))" | while read -r old; do
  rm -f "$BACKUP_DIR/$old"
  echo "retention $RETENTION: deleted $old"
done
kept=$(dumps | wc -l | tr -d ' ')
echo "backup $name: $size bytes; $kept dumps kept in $BACKUP_DIR"
printf '%s %s\n' "$name" "$size" >"$log" 2>/dev/null || true
