#!/usr/bin/env bash
# The one command that runs every test of the project, on a fresh machine as in CI.
# It installs what the tests need (Debian packages, npm dependencies, the local Kubernetes binaries),
# then runs, in order: the Maven build (operator with its mock-server and real-API-server tiers,
# backend, chart tests), the frontend's unit and browser tests, the backup scripts against a real
# PostgreSQL, and the whole user journey and the backup/restore journey on the local cluster whose
# pods really run (images built with podman, the chart installed with helm).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
# The real-API-server tests and the local cluster need Kubernetes (scripts/kube): built from the Go
# modules once per machine (progress shown here), then taken from the cache in /var/tmp/todo-kube.
echo "==> Kubernetes binaries (scripts/kube/build.sh)"
scripts/kube/build.sh >/dev/null
./mvnw -B -ntp verify
apps/frontend/scripts/test.sh
echo "==> the JVM images' health-check probe (scripts/images/healthcheck)"
(cd scripts/images/healthcheck && go vet ./... && go test ./...)
linux_root=false
[ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ] && linux_root=true
echo "==> the backup and restore scripts against PostgreSQL (scripts/e2e/backup-scripts.sh)"
if $linux_root; then
  scripts/e2e/backup-scripts.sh
else
  echo "SKIPPED: it runs PostgreSQL as the postgres user, which needs root (CI has it)" >&2
fi
echo "==> the user journey, then backup and restore, on the local cluster (scripts/e2e/)"
if $linux_root; then
  IMAGES_BUILD_ONLY=1 scripts/images.sh
  scripts/e2e/user-journey.sh
  scripts/e2e/backup-restore.sh
else
  echo "SKIPPED: the local cluster's node needs Linux and root (CI has both); see docs/local-cluster.md" >&2
fi
