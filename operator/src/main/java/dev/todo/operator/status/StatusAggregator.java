package dev.todo.operator.status;

import static dev.todo.operator.status.ConditionTypes.BACKUP_FAILED;
import static dev.todo.operator.status.ConditionTypes.DEGRADED;
import static dev.todo.operator.status.ConditionTypes.PROGRESSING;
import static dev.todo.operator.status.ConditionTypes.READY;

import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.ComponentStatus;
import dev.todo.operator.model.status.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns what the reconciler observed into the TodoApp's status, in one place: the workloads'
 * readiness, the {@link Problem}s every contributor found (the workloads', the data-safety decisions'),
 * what the backend waits for, and from all of them the conditions and the {@link Phase}. Messages say
 * what to do; reasons come from the kind of problem, never from a message. A condition keeps its
 * lastTransitionTime while its status stays the same, so an unchanged world yields an equal status
 * and no write.
 */
public final class StatusAggregator {
  private StatusAggregator() {
  }

  public static TodoAppStatus aggregate(TodoAppStatus previous, Observed o, Instant now) {
    TodoAppStatus status = new TodoAppStatus();
    status.setObservedGeneration(o.generation());
    status.setUrl(o.url());
    DataSafetyReport safety = o.dataSafety();
    status.setBackup(safety.backup());
    status.setRestore(safety.restore());
    List<Condition> conditions = new ArrayList<>();

    if (!o.specErrors().isEmpty()) {
      String message = "Fix the TodoApp spec: " + String.join("; ", o.specErrors());
      // Keep the last observed workloads in status: nothing was changed, they still run.
      if (previous != null) {
        status.setBackend(previous.getBackend());
        status.setFrontend(previous.getFrontend());
        status.setDatabase(previous.getDatabase());
      }
      conditions.add(condition(previous, READY, "False", "InvalidSpec", message, o.generation(), now));
      conditions.add(condition(previous, PROGRESSING, "False", "InvalidSpec",
          "Nothing was applied until the spec is valid.", o.generation(), now));
      conditions.add(condition(previous, DEGRADED, "True", "InvalidSpec", message, o.generation(), now));
      status.setConditions(conditions);
      status.setPhase(Phase.DEGRADED.label());
      return status;
    }

    status.setBackend(WorkloadReadiness.status(o.backend(), o.backendAtLeast()));
    status.setFrontend(WorkloadReadiness.status(o.frontend(), o.frontendAtLeast()));
    status.setDatabase(o.databaseManaged() ? WorkloadReadiness.status(o.database()) : null);

    List<String> waiting = new ArrayList<>();
    waitFor(waiting, "backend", o.backend() != null, WorkloadReadiness.isReady(o.backend(), o.backendAtLeast()),
        status.getBackend());
    waitFor(waiting, "frontend", o.frontend() != null, WorkloadReadiness.isReady(o.frontend(), o.frontendAtLeast()),
        status.getFrontend());
    if (o.databaseManaged()) {
      waitFor(waiting, "database", o.database() != null, WorkloadReadiness.isReady(o.database()),
          status.getDatabase());
    }
    boolean ready = waiting.isEmpty();
    boolean created = o.backend() != null && o.frontend() != null && (!o.databaseManaged() || o.database() != null);
    // Data safety's problems first: a failed restore or backup is why the backend is missing or held.
    List<Problem> problems = Stream.concat(safety.problems().stream(), o.problems().stream()).toList();

    String waitMessage = "Waiting for " + String.join(", ", waiting) + ".";
    if (ready) {
      conditions.add(condition(previous, READY, "True", "AllComponentsReady",
          "All components are ready; open " + o.url(), o.generation(), now));
    } else {
      conditions.add(condition(previous, READY, "False", created ? "ComponentsNotReady" : "Creating", waitMessage,
          o.generation(), now));
    }
    if (safety.waiting() != null) {
      conditions.add(condition(previous, PROGRESSING, "True", safety.waiting().step().label(),
          safety.waiting().message(), o.generation(), now));
    } else if (ready) {
      conditions.add(condition(previous, PROGRESSING, "False", "RolloutComplete",
          "Every workload runs the desired version.", o.generation(), now));
    } else {
      conditions.add(condition(previous, PROGRESSING, "True", created ? "RollingOut" : "Creating", waitMessage,
          o.generation(), now));
    }
    if (problems.isEmpty()) {
      conditions.add(condition(previous, DEGRADED, "False", "AsExpected", "No problems found.", o.generation(), now));
    } else {
      conditions.add(condition(previous, DEGRADED, "True", problems.get(0).reason().label(),
          problems.stream().map(Problem::message).collect(Collectors.joining("; ")), o.generation(), now));
    }
    if (safety.backup() != null && safety.backup().getLastBackupSucceeded() != null) {
      conditions.add(backupFailed(previous, safety.backup(), o.generation(), now));
    }
    status.setConditions(conditions);
    status.setPhase(phase(problems, safety.waiting(), ready, created).label());
    return status;
  }

  /** The one rule for the phase (an invalid spec, or a failed reconcile, is Degraded before any of this). */
  static Phase phase(List<Problem> problems, DataSafetyReport.Waiting waiting, boolean ready, boolean created) {
    if (!problems.isEmpty()) {
      return Phase.DEGRADED;
    }
    if (waiting != null) {
      return waiting.step() == DataSafetyReport.Step.RESTORING ? Phase.RESTORING : Phase.PROGRESSING;
    }
    if (ready) {
      return Phase.READY;
    }
    return created ? Phase.PROGRESSING : Phase.PENDING;
  }

  /** The status to write when a reconcile failed with an exception (the API server refused a write...). */
  public static TodoAppStatus failed(TodoAppStatus previous, long generation, String message, Instant now) {
    TodoAppStatus status = new TodoAppStatus();
    status.setObservedGeneration(generation);
    if (previous != null) {
      status.setUrl(previous.getUrl());
      status.setBackend(previous.getBackend());
      status.setFrontend(previous.getFrontend());
      status.setDatabase(previous.getDatabase());
      // What the backups and the restore recorded stays true (and lastOnDemand keeps a value from running twice).
      status.setBackup(previous.getBackup());
      status.setRestore(previous.getRestore());
    }
    List<Condition> conditions = new ArrayList<>();
    Condition previousReady = find(previous, READY);
    conditions.add(previousReady != null ? previousReady
        : condition(previous, READY, "Unknown", "ReconcileFailed", message, generation, now));
    conditions.add(condition(previous, PROGRESSING, "False", "ReconcileFailed", message, generation, now));
    conditions.add(condition(previous, DEGRADED, "True", "ReconcileFailed", message, generation, now));
    status.setConditions(conditions);
    status.setPhase(Phase.DEGRADED.label());
    return status;
  }

  /** BackupFailed, once a backup finished: True with the cause when the last one failed. */
  private static Condition backupFailed(TodoAppStatus previous, BackupStatus backup, long generation, Instant now) {
    boolean failed = !backup.getLastBackupSucceeded();
    String message = failed
        ? "The last backup (Job " + backup.getLastBackupJob() + ") failed: " + backup.getLastBackupReason()
            + "; see kubectl logs job/" + backup.getLastBackupJob()
        : "The last backup " + backup.getLastBackup() + " (Job " + backup.getLastBackupJob() + ") succeeded at "
            + backup.getLastBackupTime() + ".";
    return condition(previous, BACKUP_FAILED, failed ? "True" : "False", failed ? "BackupJobFailed" : "BackupSucceeded",
        message, generation, now);
  }

  private static void waitFor(List<String> waiting, String name, boolean exists, boolean ready, ComponentStatus s) {
    if (!exists) {
      waiting.add(name + " (not created yet)");
    } else if (!ready) {
      waiting.add(name + " (" + s.getReadyReplicas() + "/" + s.getReplicas() + " ready)");
    }
  }

  static Condition condition(TodoAppStatus previous, String type, String status, String reason, String message,
      long generation, Instant now) {
    Condition c = new Condition(type, status, reason, message);
    c.setObservedGeneration(generation);
    Condition old = find(previous, type);
    c.setLastTransitionTime(old != null && status.equals(old.getStatus()) && old.getLastTransitionTime() != null
        ? old.getLastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString());
    return c;
  }

  public static Condition find(TodoAppStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
