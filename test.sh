#!/usr/bin/env bash
# The one command that runs every test of the project, on a fresh machine as in CI.
# It installs what the tests need (Debian packages, npm dependencies, the local Kubernetes binaries),
# then runs three lines of work side by side: the operator's Maven build with its mock-server and
# real-API-server tiers, then the chart tests and the alert rules' tests; the backend's Maven build,
# then the frontend's unit and browser tests, the backup scripts against a real PostgreSQL and
# schemathesis holding the backend to its OpenAPI document; and five journeys on one local cluster
# whose pods really run (images built with podman, the chart installed with helm, NetworkPolicies
# enforced): backup and restore, the production example (HTTPS, an external TLS-only PostgreSQL,
# HPAs, PDBs, a drain), the user journey, faults (the control plane, the node's agents, the
# operator's link to the API server, its leader and PostgreSQL, each broken and healed under traffic)
# and monitoring (a real Prometheus firing the chart's alerts).
#
# The long builds run beside the tests, so a fresh machine does not wait for them one after another:
# the Kubernetes binaries (scripts/kube/build.sh: the control plane, the node and the tools, which the
# Maven build's real-API-server tests wait for; then the monitoring tools) and the container images
# (scripts/images.sh), cached per machine outside the work tree. The journeys start when both are
# there. It ends with a table of where the time went, each journey on its own line (TODO_STEPS_FILE
# collects it; .ci/run prints it with its own steps).
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -gt 0 ]; then
  echo "usage: ./test.sh   (no arguments: every test; one tier alone: see CONTRIBUTING.md)" >&2
  exit 2
fi
# shellcheck source=scripts/lib/steps.sh
. scripts/lib/steps.sh
LOGS=${TODO_TEST_LOGS:-$(mktemp -d /tmp/todo-test.XXXXXX)}
mkdir -p "$LOGS"
linux_root=false
[ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ] && linux_root=true
E2E_R=${E2E_RUNDIR:-/var/tmp/todo-e2e}
finish() {
  local status=$?
  trap - EXIT
  set +e
  bg_kill_all
  if [ -f "$E2E_R/bin-dir" ]; then scripts/kube/local-cluster.sh down "$E2E_R" >/dev/null 2>&1; fi
  [ "${E2E_KEEP:-0}" = 1 ] || rm -rf "$E2E_R"
  step_end # the step that failed, on the table too (.ci/run prints it)
  [ -n "${TODO_STEPS_PRINTED:-}" ] || steps_table "./test.sh: where the time went"
  exit $status
}
trap finish EXIT

step "Debian packages and PostgreSQL for the tests (scripts/install-test-deps.sh)"
scripts/install-test-deps.sh

# The real-API-server tests and the local cluster need Kubernetes (scripts/kube): built from the Go
# modules once per machine, then taken from the cache in /var/tmp/todo-kube (a second or so).
# On a fresh machine this build is what the journeys wait for (the control plane, the node and the
# tools, in one run), so it alone runs at normal priority; the monitoring tools (promtool, Prometheus,
# kube-state-metrics) come after it, while the first journeys run.
KUBE_BG="Kubernetes binaries: control plane, node, Helm, vegeta, toxiproxy (scripts/kube/build.sh cluster-core)"
METRICS_BG="metrics-server, after them (scripts/kube/build.sh metrics-server)"
MONITORING_BG="the monitoring tools, after it (scripts/kube/build.sh monitoring)"
IMAGES_BG="the container images (IMAGES_BUILD_ONLY=1 scripts/images.sh)"
metrics_build() { bg_after "$LOGS/kube-build.log" || true; scripts/kube/build.sh metrics-server >/dev/null; }
monitoring_build() { bg_after "$LOGS/metrics-build.log" || true; scripts/kube/build.sh monitoring >/dev/null; }
# Every binary of the local cluster already built (a warm machine)?
kube_cached() { scripts/kube/build.sh --missing cluster >/dev/null; }
if $linux_root; then
  # The images: what the journeys wait for on a warm machine (normal priority then); on a fresh one
  # the Kubernetes build is, and the images are done long before it (a little below it then).
  images_nice=5; kube_cached && images_nice=0
  BG_NICE=0 bg_start "$KUBE_BG" "$LOGS/kube-build.log" scripts/kube/build.sh cluster-core
  # The operator's real-API-server tests wait for that whole build (KubeControlPlane), not only for its
  # control plane: run beside it, their own control planes took the CPU it needs on a fresh machine.
  export TODO_KUBE_BUILD=cluster-core
  # metrics-server (a module of its own, 3.5 minutes cold) builds while the first journeys run, which
  # need no metrics API; the user journey waits for it
  BG_NICE=0 bg_start "$METRICS_BG" "$LOGS/metrics-build.log" metrics_build
  bg_start "$MONITORING_BG" "$LOGS/monitoring-build.log" monitoring_build
  BG_NICE=$images_nice bg_start "$IMAGES_BG" "$LOGS/images-build.log" env IMAGES_BUILD_ONLY=1 scripts/images.sh
else
  step "Kubernetes control plane binaries (scripts/kube/build.sh)"
  scripts/kube/build.sh >/dev/null
fi

# Three lines of work side by side. In the foreground the operator's Maven build (its real-API-server
# tests mostly wait on their control plane), then the chart tests (OperatorRbacIT runs the operator's
# packaged jar) and the alert rules' tests. Beside it, one after another: the backend's Maven build
# (H2, then PostgreSQL), then what needs the backend's jar: the frontend's tests, the backup scripts
# and the API contract. One local Maven repository for both builds: .mvn/maven.config makes them take
# file locks on it. And the journeys on the local cluster, as soon as its binaries and the images are
# there (at once when they are cached; on a fresh machine after their builds).
# The backend's line starts once the images are built: on a fresh machine it would otherwise take the
# CPU the images' build needs, which the journeys wait for, and it runs as well beside the journeys,
# which mostly wait on the cluster (with the images cached it starts at once).
# (run as a condition, where errexit does not hold: each part says || return)
apps_tests() {
  if $linux_root; then bg_after "$LOGS/images-build.log" || true; fi # its outcome is the journeys' to report
  bg_part "the backend's tests on H2 and on PostgreSQL (./mvnw -pl apps/backend verify)" \
    ./mvnw -B -ntp -pl apps/backend verify || return
  touch "$LOGS/backend-jar.ok" # the alert rules' PromQL check runs this jar (backend_jar below)
  bg_part "the frontend's unit and browser tests (apps/frontend/scripts/test.sh)" apps/frontend/scripts/test.sh || return
  if $linux_root; then
    bg_part "the backup and restore scripts against PostgreSQL (scripts/e2e/backup-scripts.sh)" \
      scripts/e2e/backup-scripts.sh || return
  else
    echo "SKIPPED: the backup scripts run PostgreSQL as the postgres user, which needs root (CI has it)"
  fi
  bg_part "the backend's OpenAPI document as a contract: schemathesis on H2 and PostgreSQL (scripts/e2e/api-contract.sh)" \
    scripts/e2e/api-contract.sh
}
APPS_BG="the backend, the frontend, the backup scripts, the API contract (one after another)"
rm -f "$LOGS/backend-jar.ok"
# Waits for the backend's line to get past its Maven build (its jar packaged and tested); fails with
# that line's log if it ended without it.
backend_jar() {
  local t0 said; t0=$(date +%s); said=$t0
  until [ -f "$LOGS/backend-jar.ok" ] || [ -f "$LOGS/apps-tests.log.rc" ]; do
    sleep 2
    if [ $(( $(date +%s) - said )) -ge 60 ]; then
      said=$(date +%s)
      echo "    waiting for the backend's Maven build ($(( said - t0 )) s): $(tail -1 "$LOGS/apps-tests.log" | cut -c1-150)"
    fi
  done
  [ -f "$LOGS/backend-jar.ok" ] || bg_wait "$APPS_BG"
}
bg_start "$APPS_BG" "$LOGS/apps-tests.log" apps_tests

# One local cluster for the journeys: each leaves it as it found it (its namespaces and the
# operator's release removed), so the next starts clean without a second cluster's start-up.
cluster_up_later_metrics() { LOCAL_CLUSTER_METRICS_SERVER=later cluster_up "$E2E_R"; }
journeys() {
  bg_after "$LOGS/kube-build.log" || { echo "the Kubernetes build failed: no local cluster"; return 1; }
  # up while the images may still be building (the images' build changes nothing the cluster runs),
  # and metrics-server too: it joins before the first journey that reads metrics
  bg_part "the local cluster up, without metrics-server (scripts/kube/local-cluster.sh up)" \
    cluster_up_later_metrics || return
  bg_after "$LOGS/images-build.log" || { echo "the images' build failed: nothing to run"; return 1; }
  bg_part "the images loaded into the cluster's node (scripts/e2e/lib.sh)" cluster_load_images "$E2E_R" || return
  export E2E_RUNDIR=$E2E_R E2E_SHARED_CLUSTER=1 E2E_ARTIFACTS=$LOGS
  bg_part "backup and restore on the local cluster (scripts/e2e/backup-restore.sh)" scripts/e2e/backup-restore.sh || return
  bg_part "the production example on the local cluster: TLS, external TLS-only PostgreSQL, policies enforced (scripts/e2e/production.sh)" \
    scripts/e2e/production.sh || return
  bg_after "$LOGS/metrics-build.log" || { echo "metrics-server's build failed"; return 1; }
  bg_part "metrics-server joins the local cluster (scripts/kube/local-cluster.sh metrics-server)" \
    scripts/kube/local-cluster.sh metrics-server "$E2E_R" || return
  bg_part "the user journey on the local cluster, with the load test's short profile (scripts/e2e/user-journey.sh)" \
    scripts/e2e/user-journey.sh || return
  # It kills the cluster's own components and heals them. Shorter outages than docs/benchmarks.md's
  # run (20 s down, 60 s cut off): the same paths, less waiting.
  bg_part "faults on the local cluster: API server, etcd, the operator cut off and slowed, its pod and its leader killed, kubelet, containerd, PostgreSQL (scripts/e2e/faults.sh)" \
    env FAULT_SECONDS="${FAULT_SECONDS:-10}" CUT_SECONDS="${CUT_SECONDS:-30}" scripts/e2e/faults.sh || return
  # Last: on a fresh machine the monitoring tools are built after metrics-server, beside the journeys.
  bg_after "$LOGS/monitoring-build.log" || { echo "the monitoring tools' build failed"; return 1; }
  bg_part "monitoring on the local cluster: a real Prometheus, the chart's alerts fired by a crash loop and a failed backup (scripts/e2e/monitoring.sh)" \
    scripts/e2e/monitoring.sh
}
JOURNEYS_BG="the journeys on one local cluster: backup and restore, production, user, faults, monitoring (one after another)"
if $linux_root; then
  # shellcheck source=scripts/e2e/lib.sh
  . scripts/e2e/lib.sh
  # not nice'd: the journeys measure times (the load test's latency, recovery after each fault)
  BG_NICE=0 bg_start "$JOURNEYS_BG" "$LOGS/journeys.log" journeys
fi

step "the operator's unit, mock-server and real-API-server tests (./mvnw -pl operator verify)"
./mvnw -B -ntp -pl operator verify

step "the chart tests (./mvnw -pl deploy/chart-tests verify)"
./mvnw -B -ntp -pl deploy/chart-tests verify

step "the JVM images' health-check probe (scripts/images/healthcheck)"
(cd scripts/images/healthcheck && go vet ./... && go test ./...)

if $linux_root; then
  step "waiting for the monitoring tools' background build"
  bg_wait "$KUBE_BG"
  bg_wait "$METRICS_BG"
  bg_wait "$MONITORING_BG"
fi

step "waiting for the backend's Maven build: the alert rules' PromQL check runs its jar"
backend_jar

step "the alert rules: promtool check and a unit test per alert (scripts/monitoring/test-rules.sh)"
scripts/monitoring/test-rules.sh

step "waiting for the backend's and the frontend's tests (log: $LOGS/apps-tests.log)"
bg_wait "$APPS_BG"

if ! $linux_root; then
  echo "SKIPPED: the journeys on the local cluster: its node needs Linux and root (CI has both); see docs/local-cluster.md" >&2
  exit 0
fi

step "waiting for the journeys on the local cluster (log: $LOGS/journeys.log, printed below)"
bg_wait "$IMAGES_BG"
rc=0; bg_wait "$JOURNEYS_BG" || rc=$?
echo "---- $LOGS/journeys.log"; cat "$LOGS/journeys.log"
[ "$rc" -eq 0 ]
step_end
