#!/usr/bin/env bash
# Installs the Debian packages the tests use, once; a no-op when they are already there.
set -euo pipefail
pkgs=(postgresql chromium shellcheck)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL for the backend's tests (apps/backend runs every test a second time against it):
# a running cluster with the role and database todo_test (password todo_test) on 127.0.0.1:5432,
# the default of the backend's todo.test.postgres.url. Idempotent; CI starts with no services.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! pg_lsclusters -h | grep -q .; then
  $sudo pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >/dev/null
fi
read -r pg_ver pg_name pg_port pg_status _ < <(pg_lsclusters -h | head -1)
if [ "$pg_status" != "online" ]; then
  $sudo pg_ctlcluster "$pg_ver" "$pg_name" start
fi
for _ in $(seq 1 30); do
  as_postgres pg_isready -q -p "$pg_port" && break
  sleep 1
done
if [ "$pg_port" != "5432" ]; then
  echo "install-test-deps: PostgreSQL listens on port $pg_port; the backend tests expect 5432 (or pass -Dtodo.test.postgres.url=...)" >&2
fi
if ! as_postgres psql -p "$pg_port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'todo_test'" | grep -q 1; then
  as_postgres psql -q -p "$pg_port" -c "CREATE ROLE todo_test LOGIN PASSWORD 'todo_test'"
fi
if ! as_postgres psql -p "$pg_port" -tAc "SELECT 1 FROM pg_database WHERE datname = 'todo_test'" | grep -q 1; then
  as_postgres psql -q -p "$pg_port" -c "CREATE DATABASE todo_test OWNER todo_test"
fi
