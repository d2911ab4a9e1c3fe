# shellcheck shell=bash
# Step timing for ./test.sh and .ci/run (source it). Each step's wall time is appended to
# $TODO_STEPS_FILE ("name<TAB>seconds<TAB>how", one line a step), and steps_table prints them with
# their sum, so a run ends by saying where its time went. Background work (the Kubernetes build,
# the images) is recorded by the job itself when it ends, marked "background".
#   . scripts/lib/steps.sh
#   step "the Maven build"; ./mvnw verify; step_end
#   bg_start NAME LOGFILE command...   bg_wait NAME    (a command run beside the steps)
#   bg_part NAME command...            (inside a function run by bg_start: one timed part of it)
#   bg_after LOGFILE                   (inside another job: waits for the job with that log to end;
#                                       its exit code, which bg_start leaves in LOGFILE.rc)
: "${TODO_STEPS_FILE:=$(mktemp /tmp/todo-steps.XXXXXX)}"
export TODO_STEPS_FILE
STEP_NAME=
STEP_T0=0

step_end() {
  [ -n "$STEP_NAME" ] || return 0
  printf '%s\t%s\t%s\n' "$STEP_NAME" $(( $(date +%s) - STEP_T0 )) step >> "$TODO_STEPS_FILE"
  STEP_NAME=
}
step() { # NAME: ends the step before, starts this one
  step_end
  STEP_NAME=$1
  STEP_T0=$(date +%s)
  printf '\n==> %s\n' "$1"
}

# A job beside the steps: its output goes to LOGFILE, nice'd (BG_NICE, default 10) so that the
# tests in the foreground keep their CPU; bg_wait waits for it (saying so every minute, with the log's last line)
# and fails with the end of its log when it failed.
declare -A BG_PID BG_LOG
bg_start() { # NAME LOGFILE command... (a shell function of the caller too)
  local name=$1 logf=$2; shift 2
  BG_LOG[$name]=$logf
  rm -f "$logf.rc"
  (
    t0=$(date +%s)
    renice -n "${BG_NICE:-10}" -p "$BASHPID" >/dev/null
    if "$@" >"$logf" 2>&1; then rc=0; else rc=$?; fi
    echo "$rc" > "$logf.rc"
    printf '%s\t%s\t%s\n' "$name" $(( $(date +%s) - t0 )) background >> "$TODO_STEPS_FILE"
    outcome="done"; [ $rc -eq 0 ] || outcome="FAILED ($rc)"
    echo "    (background: $name $outcome after $(( $(date +%s) - t0 )) s; log: $logf)"
    exit $rc
  ) &
  BG_PID[$name]=$!
  echo "    (background: $name started; log: $logf)"
}
# One part of a background job that is a shell function: timed on its own line of the table (marked
# background) and announced in the job's log; the job stops at the first part that fails.
bg_part() { # NAME command...
  local name=$1 t0 rc=0
  shift
  t0=$(date +%s)
  printf '\n==> %s\n' "$name"
  "$@" || rc=$?
  printf '%s\t%s\t%s\n' "$name" $(( $(date +%s) - t0 )) background >> "$TODO_STEPS_FILE"
  [ $rc -eq 0 ] || { echo "FAILED ($rc): $name"; return $rc; }
}
bg_after() { # LOGFILE
  until [ -f "$1.rc" ]; do sleep 2; done
  return "$(cat "$1.rc")"
}
bg_wait() { # NAME
  local name=$1 pid=${BG_PID[$1]} t0 said rc=0
  t0=$(date +%s); said=$t0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    if [ $(( $(date +%s) - said )) -ge 60 ]; then
      said=$(date +%s)
      echo "    waiting for $name ($(( said - t0 )) s): $(tail -1 "${BG_LOG[$name]}" 2>/dev/null | cut -c1-150)"
    fi
  done
  wait "$pid" || rc=$?
  if [ $rc -ne 0 ]; then
    echo "$name failed (exit $rc); its lines that say ERROR or FAIL, then the end of ${BG_LOG[$name]}:" >&2
    grep -E '\[ERROR\]|FAIL|Error:' "${BG_LOG[$name]}" | head -40 >&2 || true
    echo "..." >&2
    tail -40 "${BG_LOG[$name]}" >&2
    return $rc
  fi
}
# every process under a background job, deepest first (a failed run once left a go build running)
bg_kill_tree() { # PID
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do bg_kill_tree "$child"; done
  kill -TERM "$1" 2>/dev/null || true
}
bg_kill_all() {
  local pid
  for pid in "${BG_PID[@]}"; do bg_kill_tree "$pid"; done
}

steps_table() { # [TITLE]: the steps so far, with the total of the foreground ones
  step_end
  printf '\n%s\n' "${1:-Where the time went}"
  awk -F'\t' '{ name = length($1) > 96 ? substr($1, 1, 95) "…" : $1
                printf "  %-96s %6d s %5.1f min%s\n", name, $2, $2 / 60, $3 == "background" ? "  (background, beside the steps)" : ""
                if ($3 == "step") total += $2 }
              END { printf "  %-96s %6d s %5.1f min\n", "total (the steps in order)", total, total / 60 }' "$TODO_STEPS_FILE"
}
