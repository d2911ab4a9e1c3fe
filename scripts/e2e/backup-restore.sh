#!/usr/bin/env bash
# pass and fail never fail, so "test && pass ... || fail ..." is an if-then-else here.
# shellcheck disable=SC2015
# Every command of docs/backup-restore.md, in its order, on the project's local cluster whose pods
# really run (scripts/kube/local-cluster.sh), with the TodoApp of examples/todoapp-dev.yaml:
#   1. helm install the operator; kubectl apply examples/todoapp-dev.yaml; Ready;
#   2. through the Ingress: sign up, three tasks, one through the chat;
#   3. a backup schedule: the CronJob, and its Job run now (kubectl create job --from=cronjob);
#   4. an on-demand backup (todo.dev/backup-now): its Job, status.backup;
#   5. a dump copied off the cluster through a helper pod (kubectl cp), read by pg_restore, copied back;
#   6. kubectl delete todoapp todo: both volumes stay, an Event names them;
#   7. kubectl apply examples/todoapp-restored.yaml: Restoring, then Ready, and the same user sees the
#      same tasks through the Ingress;
#   8. the backend image changed: the backup Job completes before the new ReplicaSet exists, and the
#      new pods serve the same tasks.
# Ends with "N passed, N failed".
#
# Needs the images (IMAGES_BUILD_ONLY=1 scripts/images.sh: todo-operator:dev, todo-backend:dev,
# todo-frontend:dev and the PostgreSQL stand-in), Debian's pg_restore (postgresql-client), Linux and
# root; it brings a local cluster up and down (one local cluster at a time on a machine: do not run it
# beside user-journey.sh or ./dev.sh).
# Environment: E2E_RUNDIR [/var/tmp/todo-e2e-backup] (removed at the end unless E2E_KEEP=1),
# E2E_READY_TIMEOUT [10m].
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
R=${E2E_RUNDIR:-/var/tmp/todo-e2e-backup}
# shellcheck source=scripts/e2e/lib.sh
. "$ROOT/scripts/e2e/lib.sh"
WAIT=${E2E_READY_TIMEOUT:-10m}
WORK=$(mktemp -d /tmp/todo-backup-e2e.XXXXXX)

kubectl() { k "$@"; } # the doc's commands, as written
tasks() { api GET '/api/tasks?status=all' | python3 -c 'import json,sys; print("\n".join(sorted(t["title"] for t in json.load(sys.stdin)["items"])))'; }
login() {
  TOKEN=
  for _ in $(seq 1 60); do
    TOKEN=$(api POST /api/auth/login '{"email":"backup@todo.local","password":"backup-password-1"}' 2>/dev/null \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' 2>/dev/null) && [ -n "$TOKEN" ] && return 0
    sleep 2
  done
  return 1
}
job_for() { # VALUE: the backup Job whose todo.dev/backup-for annotation is VALUE
  k -n "$NS" get jobs -o jsonpath="{range .items[?(@.metadata.annotations.todo\.dev/backup-for==\"$1\")]}{.metadata.name}{end}"
}
diagnose() {
  echo "--- diagnostics"
  k get todoapps,pods,jobs,cronjobs,pvc -A -o wide 2>&1 | tail -40 || true
  for app in todo todo-restored; do
    k -n "$NS" get todoapp "$app" -o jsonpath='{.status}' 2>/dev/null; echo
  done
  echo "--- the operator's log (last lines)"; k -n "$OPNS" logs deploy/todo-operator --tail=40 2>&1 || true
  echo "--- backup and restore pods' logs"
  for pod in $(k -n "$NS" get pods -l app.kubernetes.io/component=backup -o name 2>/dev/null); do
    echo "$pod:"; k -n "$NS" logs "$pod" 2>&1 | tail -5
  done
  k get events -A --sort-by=.lastTimestamp 2>&1 | tail -25 || true
}
cleanup() {
  local status=$?
  set +e
  [ $status -eq 0 ] && [ "$failed" = 0 ] || diagnose
  e2e_cluster_release "$R" "$NS" || status=1
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT

say "local cluster (scripts/kube/local-cluster.sh up, or the shared one of ./test.sh), the images loaded into its node"
e2e_cluster "$R"

say "1. helm install; kubectl apply -f examples/todoapp-dev.yaml"
"$BIN/helm" --kubeconfig "$R/kubeconfig" install todo-operator "$ROOT/deploy/helm/todo-operator" \
  -n "$OPNS" --create-namespace -f "$ROOT/deploy/helm/todo-operator/values-dev.yaml" --wait --timeout 5m
k create namespace "$NS"
k label namespace "$NS" pod-security.kubernetes.io/enforce=restricted
k -n "$NS" apply -f "$ROOT/examples/todoapp-dev.yaml"
k -n "$NS" wait --for=condition=Ready todoapp/todo --timeout="$WAIT"
pass "TodoApp todo Ready"
[ -n "$(k -n "$NS" get pvc todo-backups -o name)" ] && pass "the backup volume todo-backups exists" \
  || fail "no PVC todo-backups"

say "2. through the Ingress: sign up, three tasks"
for _ in $(seq 1 60); do # the Ingress routes /api to the backend: 401 without a session
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 -H "Host: $HOST" "$INGRESS/api/tasks")" = 401 ] && break
  sleep 1
done
TOKEN=$(api POST /api/auth/signup '{"email":"backup@todo.local","password":"backup-password-1","displayName":"Backup"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
api POST /api/tasks '{"title":"water the plants"}' >/dev/null
api POST /api/tasks '{"title":"call the plumber","priority":"HIGH"}' >/dev/null
api POST /api/chat '{"message":"add buy milk tomorrow"}' >/dev/null
BEFORE=$(tasks)
echo "$BEFORE"
[ "$(echo "$BEFORE" | wc -l)" = 3 ] && pass "three tasks" || fail "tasks: $BEFORE"

say "3. a backup schedule (docs: Schedule)"
cd "$WORK"
kubectl -n todo patch todoapp todo --type=merge -p '{"spec":{"database":{"managed":{"backup":{"schedule":"0 3 * * *","retention":7}}}}}'
for _ in $(seq 1 30); do k -n "$NS" get cronjob todo-backup >/dev/null 2>&1 && break; sleep 1; done
kubectl -n todo get cronjob todo-backup
kubectl -n todo create job --from=cronjob/todo-backup todo-backup-manual
if kubectl -n todo wait --for=condition=complete job/todo-backup-manual --timeout=5m; then
  pass "the CronJob's backup pod ran to completion under the restricted standard"
else
  fail "the scheduled backup's Job did not complete"
fi
next=$(k -n "$NS" get todoapp todo -o jsonpath='{.status.backup.nextScheduledTime}')
[[ "$next" == *T03:00:00Z ]] && pass "status.backup.nextScheduledTime: $next" || fail "nextScheduledTime '$next'"

say "4. an on-demand backup (docs: On-demand backup)"
kubectl -n todo annotate todoapp todo todo.dev/backup-now="$(date +%Y%m%d%H%M%S)" --overwrite
value=$(k -n "$NS" get todoapp todo -o jsonpath='{.metadata.annotations.todo\.dev/backup-now}')
for _ in $(seq 1 30); do [ -n "$(job_for "$value")" ] && break; sleep 1; done
kubectl -n todo get jobs -l app.kubernetes.io/instance=todo,app.kubernetes.io/component=backup
job=$(job_for "$value")
[ -n "$job" ] && pass "Job $job started for todo.dev/backup-now=$value" || fail "no Job for $value"
kubectl -n todo wait --for=condition=complete job -l app.kubernetes.io/instance=todo,app.kubernetes.io/component=backup --timeout=5m
for _ in $(seq 1 30); do [ "$(k -n "$NS" get todoapp todo -o jsonpath='{.status.backup.lastBackupJob}')" = "$job" ] && break; sleep 1; done
kubectl -n todo get todoapp todo -o jsonpath='{.status.backup}'; echo
kubectl -n todo describe todoapp todo >"$WORK/describe.txt"
grep -E '^    (Last Backup|Next Scheduled)' "$WORK/describe.txt" || true
grep -q "Last Backup Succeeded: *true" "$WORK/describe.txt" && pass "kubectl describe shows the last backup" \
  || fail "kubectl describe: $(grep -i backup "$WORK/describe.txt")"
[ "$(k -n "$NS" get todoapp todo -o jsonpath='{.status.backup.lastBackupSucceeded}')" = true ] \
  && [ "$(k -n "$NS" get todoapp todo -o jsonpath='{.status.backup.lastBackupSize}')" -gt 0 ] \
  && pass "status.backup: $(k -n "$NS" get todoapp todo -o jsonpath='{.status.backup.lastBackup}'), succeeded" \
  || fail "status.backup: $(k -n "$NS" get todoapp todo -o jsonpath='{.status.backup}')"
[ "$(k -n "$NS" get todoapp todo -o jsonpath='{.status.conditions[?(@.type=="BackupFailed")].status}')" = False ] \
  && pass "BackupFailed is False" || fail "BackupFailed: $(k -n "$NS" get todoapp todo -o jsonpath='{.status.conditions}')"

say "5. a dump off the cluster and back (docs: Copy a dump off the cluster, and back)"
kubectl -n todo apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: backup-access
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 999
    runAsGroup: 999
    fsGroup: 999
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: shell
      image: postgres:16
      imagePullPolicy: IfNotPresent
      command: ["sleep", "3600"]
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {drop: ["ALL"]}
      volumeMounts:
        - {name: backups, mountPath: /backups}
  volumes:
    - name: backups
      persistentVolumeClaim: {claimName: todo-backups}
EOF
kubectl -n todo wait --for=condition=Ready pod/backup-access --timeout=2m
kubectl -n todo exec backup-access -- ls -l /backups
DUMP=$(kubectl -n todo get todoapp todo -o jsonpath='{.status.backup.lastBackup}')
kubectl -n todo cp "backup-access:/backups/$DUMP" "./$DUMP"
pg_restore --list "./$DUMP" | head
size=$(wc -c <"./$DUMP")
pg_restore --list "./$DUMP" | grep -q 'TABLE DATA public tasks' \
  && pass "the dump copied off the cluster ($DUMP, $size bytes) is a pg_dump archive with the tasks" \
  || fail "pg_restore --list ./$DUMP"
kubectl -n todo cp "./$DUMP" backup-access:/backups/todo-20000101T000000Z.dump
kubectl -n todo exec backup-access -- ls /backups
k -n "$NS" exec backup-access -- cmp "/backups/$DUMP" /backups/todo-20000101T000000Z.dump \
  && pass "the dump copied back is identical" || fail "the dump copied back differs"
kubectl -n todo delete pod backup-access
dumps=$(k -n "$NS" get todoapp todo -o jsonpath='{.status.backup.lastBackup}')

say "6. kubectl delete todoapp todo: the volumes stay (docs: Deleting a TodoApp keeps the data)"
kubectl -n todo delete todoapp todo
for _ in $(seq 1 60); do [ -z "$(k -n "$NS" get statefulset todo-postgres -o name 2>/dev/null)" ] && break; sleep 2; done
kubectl -n todo get pvc
for pvc in data-todo-postgres-0 todo-backups; do
  [ "$(k -n "$NS" get pvc "$pvc" -o jsonpath='{.status.phase}')" = Bound ] && pass "PVC $pvc stays, Bound" \
    || fail "PVC $pvc: $(k -n "$NS" get pvc "$pvc" 2>&1)"
done
kubectl -n todo get events --field-selector reason=DataKept
k -n "$NS" get events --field-selector reason=DataKept -o jsonpath='{.items[*].message}' | grep -q 'restoreFrom: {pvc: todo-backups' \
  && pass "an Event names the volumes that stay and how to reuse them" || fail "no DataKept event"

say "7. a new TodoApp restored from the latest dump (docs: Restore into a new TodoApp)"
kubectl -n todo apply -f "$ROOT/examples/todoapp-restored.yaml"
kubectl -n todo get todoapp todo-restored -o jsonpath='{.status.phase}'; echo
seen=
for _ in $(seq 1 120); do
  phase=$(k -n "$NS" get todoapp todo-restored -o jsonpath='{.status.phase}')
  case " $seen " in *" $phase "*) ;; *) seen="$seen $phase" ;; esac
  [ "$phase" = Ready ] && break
  sleep 1
done
echo "phases seen:$seen"
[[ "$seen" == *Restoring* ]] && pass "the status showed Restoring before Ready" || fail "phases:$seen"
kubectl -n todo wait --for=condition=Ready todoapp/todo-restored --timeout=10m
kubectl -n todo get todoapp todo-restored -o jsonpath='{.status.restore}'; echo
[ "$(k -n "$NS" get todoapp todo-restored -o jsonpath='{.status.restore.phase}')" = Restored ] \
  && pass "status.restore: $(k -n "$NS" get todoapp todo-restored -o jsonpath='{.status.restore.message}')" \
  || fail "status.restore: $(k -n "$NS" get todoapp todo-restored -o jsonpath='{.status.restore}')"
[ "$(k -n "$NS" get todoapp todo-restored -o jsonpath='{.status.restore.message}')" = "restored $dumps" ] \
  && pass "the latest dump ($dumps) was restored, not the copy named todo-20000101T000000Z.dump" \
  || fail "restored: $(k -n "$NS" get todoapp todo-restored -o jsonpath='{.status.restore.message}'), latest $dumps"
login && pass "the same user logs in on the restored app" || fail "login on the restored app"
AFTER=$(tasks)
[ "$AFTER" = "$BEFORE" ] && pass "the restored app serves the same tasks" || fail "tasks after restore: $AFTER"

say "8. the backend image changed: a backup first (docs: What happens on upgrade)"
kubectl -n todo patch todoapp todo-restored --type=merge -p '{"spec":{"backend":{"image":"todo-backend:dev2"}}}'
for _ in $(seq 1 30); do
  [ -n "$(job_for todo-backend:dev2)" ] && break
  sleep 1
done
kubectl -n todo get jobs -l app.kubernetes.io/instance=todo-restored,app.kubernetes.io/component=backup
kubectl -n todo wait --for=jsonpath='{.spec.template.spec.containers[0].image}'=todo-backend:dev2 deploy/todo-restored-backend --timeout=5m
kubectl -n todo rollout status deploy/todo-restored-backend --timeout=5m
upgrade_job=$(job_for todo-backend:dev2)
done_at=$(k -n "$NS" get job "$upgrade_job" -o jsonpath='{.status.completionTime}')
rs_at=$(k -n "$NS" get rs -l app.kubernetes.io/instance=todo-restored,app.kubernetes.io/component=backend \
  -o jsonpath='{range .items[?(@.spec.template.spec.containers[0].image=="todo-backend:dev2")]}{.metadata.creationTimestamp}{end}')
echo "backup Job $upgrade_job completed at $done_at; the ReplicaSet of todo-backend:dev2 was created at $rs_at"
[ -n "$done_at" ] && [ -n "$rs_at" ] && [[ ! "$rs_at" < "$done_at" ]] \
  && pass "the backup before the upgrade completed before the new ReplicaSet existed" \
  || fail "backup completed '$done_at', new ReplicaSet '$rs_at'"
k -n "$NS" wait --for=condition=Ready todoapp/todo-restored --timeout=5m >/dev/null
login && [ "$(tasks)" = "$BEFORE" ] && pass "the upgraded backend serves the same tasks" || fail "tasks after upgrade: $(tasks)"

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
