#!/usr/bin/env bash
# The one command that runs every test of the project, on a fresh machine as in CI.
# It installs what the tests need (Debian packages, npm dependencies, the local Kubernetes binaries),
# then runs, in order: the Maven build (operator with its mock-server and real-API-server tiers,
# backend, chart tests), the frontend's unit and browser tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
# The real-API-server tests need the local Kubernetes (scripts/kube): built from the Go modules once per
# machine (progress shown here), then taken from the cache in /var/tmp/todo-kube.
echo "==> Kubernetes binaries for the real-API-server tests (scripts/kube/build.sh)"
scripts/kube/build.sh >/dev/null
./mvnw -B -ntp verify
apps/frontend/scripts/test.sh
