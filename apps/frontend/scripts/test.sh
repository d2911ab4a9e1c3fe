#!/usr/bin/env bash
# Every frontend test, on a fresh machine as in CI (the root test.sh calls this after `./mvnw verify`):
# npm ci, type check, vitest, the Go server's tests, the production build (the static export and the
# server), then the end-to-end tests in Chromium against the real backend jar (embedded H2, offline
# assistant) and the real frontend server. Needs Debian's chromium (scripts/install-test-deps.sh
# installs it), Node 20, Go 1.24 or later and a JDK.
# Artifacts (screenshots, server logs): apps/frontend/test-results/e2e/.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
export NEXT_TELEMETRY_DISABLED=1
cd "$here"

[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || {
  echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}; run scripts/install-test-deps.sh (Debian package chromium)." >&2
  exit 1
}

echo "== frontend: npm ci"
npm ci --no-audit --no-fund
echo "== frontend: type check"
npx tsc --noEmit
echo "== frontend: unit and component tests (vitest)"
npx vitest run
echo "== frontend: the server's tests (go vet, go test)"
(cd server && go vet ./... && go test ./...)
echo "== frontend: production build"
npm run build

jar="${BACKEND_JAR:-$repo/apps/backend/target/quarkus-app/quarkus-run.jar}"
if [ ! -f "$jar" ]; then
  echo "== backend jar missing: building it"
  (cd "$repo" && ./mvnw -B -ntp -q -pl apps/backend package -DskipTests)
fi

echo "== frontend: end-to-end tests (real backend + Next.js server + Chromium)"
# Run in the background and forward INT/TERM, so the harness always gets to stop its servers.
node e2e/run.mjs "$@" &
e2e=$!
trap 'kill -TERM "$e2e" 2>/dev/null || true' INT TERM
status=0
wait "$e2e" || status=$?
# A trapped signal interrupts `wait`: wait again for the harness to finish its cleanup.
if kill -0 "$e2e" 2>/dev/null; then wait "$e2e" || status=$?; fi
exit "$status"
