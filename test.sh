#!/usr/bin/env bash
# The one command that runs every test of the project, on a fresh machine as in CI.
# It installs what the tests need (Debian packages, npm dependencies), then runs, in order:
# the Maven build (operator, backend, chart tests), the frontend's unit and browser tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
./mvnw -B -ntp verify
apps/frontend/scripts/test.sh
