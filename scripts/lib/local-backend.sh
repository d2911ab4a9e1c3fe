# shellcheck shell=bash
# The real backend as a local process, on a private PostgreSQL from Debian's packages or on H2, for
# the scripts that test it outside a cluster (scripts/e2e/backup-scripts.sh, scripts/e2e/api-contract.sh).
#   . scripts/lib/local-backend.sh
#   free_port                         a free TCP port on 127.0.0.1
#   pg_start DIR                      a new PostgreSQL cluster in DIR (DIR/pgdata, its socket in DIR/run) on
#                                     127.0.0.1:$PGPORT (chosen and set): superuser postgres through the socket,
#                                     passwords (scram) over TCP; runs as postgres when root
#   pg_admin ARGS...                  psql as the superuser on it
#   pg_stop                           stops it (immediately: the scripts throw the folder away)
#   backend_start LOG [VAR=VALUE...]  the jar ($BACKEND_JAR) on 127.0.0.1:$BACKEND_PORT (chosen and set if
#                                     unset), with that environment; waits until ready, else prints its log
#                                     and fails; $BACKEND_PID, $BACKEND_URL
#   backend_stop
LOCAL_BACKEND_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BACKEND_JAR=${BACKEND_JAR:-$LOCAL_BACKEND_ROOT/apps/backend/target/quarkus-app/quarkus-run.jar}
PGBIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_DIR=''; BACKEND_PID=''

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
  PG_DIR=$1
  PGPORT=$(free_port)
  mkdir -p "$PG_DIR/pgdata" "$PG_DIR/run"
  chmod 0755 "$PG_DIR"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_DIR/pgdata" "$PG_DIR/run"
  as_postgres "$PGBIN/initdb" -D "$PG_DIR/pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  as_postgres "$PGBIN/pg_ctl" -D "$PG_DIR/pgdata" -l "$PG_DIR/run/postgres.log" -w \
    -o "-p $PGPORT -k $PG_DIR/run -c listen_addresses=127.0.0.1" start >/dev/null
}

pg_admin() { "$PGBIN/psql" -X -q -h "$PG_DIR/run" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  as_postgres "$PGBIN/pg_ctl" -D "$PG_DIR/pgdata" -m immediate stop >/dev/null 2>&1 || true
  PG_DIR=
}

backend_start() {
  local log=$1; shift
  [ -f "$BACKEND_JAR" ] || { echo "no backend jar at $BACKEND_JAR: ./mvnw -pl apps/backend package -DskipTests" >&2; return 2; }
  : "${BACKEND_PORT:=$(free_port)}"
  BACKEND_URL=http://127.0.0.1:$BACKEND_PORT
  env PORT="$BACKEND_PORT" "$@" java -jar "$BACKEND_JAR" >"$log" 2>&1 &
  BACKEND_PID=$!
  for _ in $(seq 1 120); do curl -sf -m 2 "$BACKEND_URL/q/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "the backend did not start:"; tail -20 "$log"; return 1
}

backend_stop() {
  [ -n "$BACKEND_PID" ] || return 0
  kill "$BACKEND_PID" 2>/dev/null || true
  wait "$BACKEND_PID" 2>/dev/null || true
  BACKEND_PID=
}
