package dev.todo.operator.datasafety;

import static dev.todo.operator.model.status.RestoreStatus.FAILED;
import static dev.todo.operator.model.status.RestoreStatus.RESTORED;
import static dev.todo.operator.model.status.RestoreStatus.RESTORING;

import dev.todo.operator.datasafety.DataSafetyPlan.JobStart;
import dev.todo.operator.datasafety.DataSafetyPlan.Notice;
import dev.todo.operator.datasafety.JobOutcome.TerminationMessages;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.RestoreSpec;
import dev.todo.operator.model.status.RestoreStatus;
import dev.todo.operator.resources.database.PostgresRestoreJob;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.status.DataSafetyReport.Step;
import dev.todo.operator.status.DataSafetyReport.Waiting;
import dev.todo.operator.status.Problem;
import java.util.List;
import java.util.Optional;

/**
 * The restore of spec.database.restoreFrom into a new managed database, before the backend exists (a
 * backend started first would create an empty schema, and the restore refuses a database that holds
 * tables). It happens once: once restored, the record stays and the spec is no longer read. A failed
 * restore is tried again when its Job is deleted, or with a new restoreFrom.
 */
final class RestoreFirst {
  /**
   * @param status status.restore, null when none was asked for (or one was asked for and then dropped unfinished)
   * @param start the restore Job to start
   * @param delete the failed restore Job to delete, for a changed restoreFrom
   * @param event the Event of a finished restore
   */
  record Decision(RestoreStatus status, Optional<JobStart> start, Optional<String> delete, Optional<Notice> event,
      Waiting waiting, Optional<Problem> problem) {

    /** The backend is not created until the restore succeeded (or was dropped from the spec). */
    boolean waitForRestore() {
      return status != null && !RESTORED.equals(status.getPhase());
    }
  }

  private RestoreFirst() {
  }

  static Decision decide(TodoApp app, RestoreStatus previous, List<JobOutcome> jobs, TerminationMessages messages) {
    RestoreSpec spec = app.getSpec().getDatabase().getRestoreFrom();
    boolean restored = previous != null && RESTORED.equals(previous.getPhase());
    if (spec == null || restored) {
      // Once restored, the record stays; a restore that never finished is forgotten with its spec.
      return decision(app, restored ? previous : null, null, null, null);
    }
    String name = ChildNames.restoreJob(app);
    String source = spec.getPvc() + "/" + spec.dump();
    Optional<JobOutcome> job = JobOutcome.named(jobs, name);
    if (job.isPresent() && previous != null && !source.equals(previous.getSource())) {
      // spec.database.restoreFrom changed after a failed restore: run the new one once the old Job is gone.
      return decision(app, new RestoreStatus(RESTORING, source, "Restarting with the new restoreFrom."), null, name,
          null);
    }
    if (job.isEmpty()) {
      return decision(app, new RestoreStatus(RESTORING, source, "Job " + name + " started."), new JobStart(
          PostgresRestoreJob.build(app), "Restoring " + source + " into the new database: started Job " + name), null,
          null);
    }
    if (job.get().succeeded()) {
      String message = messages.of(name).orElse("restored " + source);
      return decision(app, new RestoreStatus(RESTORED, source, message), null, null,
          new Notice("Restored", "Database restored from " + source + ": " + message));
    }
    if (job.get().failed()) {
      boolean reported = previous != null && FAILED.equals(previous.getPhase()) && source.equals(previous.getSource());
      return decision(app, reported ? previous : new RestoreStatus(FAILED, source, job.get().failure(messages)), null,
          null, null);
    }
    return decision(app, new RestoreStatus(RESTORING, source, "Job " + name + " is running."), null, null, null);
  }

  private static Decision decision(TodoApp app, RestoreStatus status, JobStart start, String delete, Notice event) {
    Waiting waiting = null;
    Optional<Problem> problem = Optional.empty();
    String job = ChildNames.restoreJob(app);
    if (status != null && FAILED.equals(status.getPhase())) {
      problem = Optional.of(new Problem(Problem.Reason.RESTORE_FAILED, "Restore of " + status.getSource() + " failed: "
          + status.getMessage() + ". The database was not changed and the backend was not started: fix"
          + " spec.database.restoreFrom, or remove it and delete Job " + job + " to start with an empty database"));
    } else if (status != null && !RESTORED.equals(status.getPhase())) {
      waiting = new Waiting(Step.RESTORING, "Restoring " + status.getSource() + " into the new database (Job " + job
          + "); the backend starts when it is done.");
    }
    return new Decision(status, Optional.ofNullable(start), Optional.ofNullable(delete), Optional.ofNullable(event),
        waiting, problem);
  }
}
