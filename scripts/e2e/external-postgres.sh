#!/usr/bin/env bash
# A PostgreSQL outside the cluster that accepts only TLS, as a hosted one (Neon, a cloud's managed
# PostgreSQL) does: a cluster of Debian's PostgreSQL listening on the local cluster node's address,
# ssl=on with a self-signed certificate, and pg_hba.conf with `hostssl` lines only, so a connection
# without TLS is refused ("no pg_hba.conf entry ... no encryption"). The production journey points the
# TodoApp's database Secret at it.
#
#   scripts/e2e/external-postgres.sh start DIR   creates and starts it (certificate and password in DIR);
#                                                prints the URL for the Secret
#   scripts/e2e/external-postgres.sh psql DIR SQL runs SQL in its database as its owner, over TLS
#   scripts/e2e/external-postgres.sh stop DIR    stops and removes it
#
# Environment: EXT_PG_HOST [10.244.0.1] (the address it listens on; the node's), EXT_PG_PORT [5433],
# EXT_PG_ALLOW [10.244.0.0/24] (the addresses that may connect: the pods'). Needs root and Debian's
# postgresql and openssl (scripts/install-test-deps.sh installs postgresql).
set -euo pipefail
usage() { echo "usage: $0 start|stop DIR, or $0 psql DIR SQL" >&2; exit 2; }
cmd=${1:-}; DIR=${2:-}
if [ -z "$cmd" ] || [ -z "$DIR" ]; then usage; fi
DIR=$(realpath -m "$DIR")
HOST=${EXT_PG_HOST:-10.244.0.1}
PORT=${EXT_PG_PORT:-5433}
ALLOW=${EXT_PG_ALLOW:-10.244.0.0/24}
NAME=todo-external
VERSION=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -1)
log() { echo "external-postgres: $*" >&2; }
die() { log "$*"; exit 1; }
[ -n "$VERSION" ] || die "Debian's postgresql is not installed (scripts/install-test-deps.sh)"

start() {
  stop >/dev/null 2>&1 || true
  mkdir -p "$DIR"
  # the server's certificate, for its address (clients with sslmode=require encrypt without checking it;
  # verify-full would need this file as their root certificate)
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" -addext "subjectAltName=IP:$HOST" \
    -keyout "$DIR/server.key" -out "$DIR/server.crt" 2>/dev/null
  chown postgres:postgres "$DIR/server.key" "$DIR/server.crt"
  chmod 600 "$DIR/server.key"
  openssl rand -hex 16 > "$DIR/password"
  pg_createcluster -q "$VERSION" "$NAME" -p "$PORT" -- --auth-local=peer >/dev/null
  local conf=/etc/postgresql/$VERSION/$NAME
  cat >> "$conf/postgresql.conf" <<EOF
listen_addresses = '$HOST'
ssl = on
ssl_cert_file = '$DIR/server.crt'
ssl_key_file = '$DIR/server.key'
EOF
  # TLS only: no `host` line, so a connection without TLS matches no entry and is refused
  cat > "$conf/pg_hba.conf" <<EOF
local   all   postgres                peer
hostssl todo  todo      $ALLOW        scram-sha-256
hostssl todo  todo      $HOST/32      scram-sha-256
EOF
  pg_ctlcluster "$VERSION" "$NAME" start
  runuser -u postgres -- psql -q -p "$PORT" -c "CREATE ROLE todo LOGIN PASSWORD '$(cat "$DIR/password")'" \
    -c "CREATE DATABASE todo OWNER todo" >/dev/null
  log "PostgreSQL $VERSION on $HOST:$PORT, TLS only"
  echo "postgresql://todo:$(cat "$DIR/password")@$HOST:$PORT/todo?sslmode=require"
}

run_psql() {
  PGPASSWORD=$(cat "$DIR/password") psql -X -q -t -A \
    "host=$HOST port=$PORT dbname=todo user=todo sslmode=require" -c "$1"
}

stop() {
  pg_dropcluster --stop "$VERSION" "$NAME" 2>/dev/null || true
}

case $cmd in
  start) start ;;
  psql) [ $# -eq 3 ] || usage; run_psql "$3" ;;
  stop) stop ;;
  *) usage ;;
esac
