#!/usr/bin/env bash
# Installs the Debian packages the tests use, once; a no-op when they are already there.
set -euo pipefail
# All of them here, at once: ./test.sh then builds the images and the Kubernetes binaries in the
# background, and two apt-get runs at a time would fight over dpkg's lock.
cd "$(dirname "$0")/.."
pkgs=(postgresql chromium shellcheck python3-venv)
with_recommends=()
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ]; then
  # the local cluster's node and runc's build; podman and what builds the images' local bases
  mapfile -t -O ${#pkgs[@]} pkgs < <(scripts/kube/local-cluster.sh packages)
  with_recommends=(podman runc skopeo debootstrap podman-compose) # podman's networking comes as recommends
fi
missing_of() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
mapfile -t missing < <(missing_of "${pkgs[@]}")
mapfile -t missing_rec < <(missing_of "${with_recommends[@]}")
if [ ${#missing[@]} -gt 0 ] || [ ${#missing_rec[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "install-test-deps: installing ${missing[*]} ${missing_rec[*]} (Debian packages)"
  $sudo apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  [ ${#missing_rec[@]} -eq 0 ] || $sudo apt-get install -y -q "${missing_rec[@]}" >/dev/null
fi

# PostgreSQL for the backend's tests (apps/backend runs every test a second time against it):
# a running cluster with the role and database todo_test (password todo_test) on 127.0.0.1:5432,
# the default of the backend's todo.test.postgres.url. Idempotent; CI starts with no services.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! pg_lsclusters -h | grep -q .; then
  $sudo pg_createcluster "$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -V | tail -1)" main >/dev/null
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
