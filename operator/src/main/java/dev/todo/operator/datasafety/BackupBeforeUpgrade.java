package dev.todo.operator.datasafety;

import dev.todo.operator.datasafety.DataSafetyPlan.JobStart;
import dev.todo.operator.datasafety.JobOutcome.TerminationMessages;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.database.PostgresBackupJob;
import dev.todo.operator.status.DataSafetyReport.Step;
import dev.todo.operator.status.DataSafetyReport.Waiting;
import dev.todo.operator.status.Problem;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;

/**
 * A backup before the backend's image changes: when spec.backend.image differs from the image the
 * backend runs, a backup Job is started and the backend keeps its image until that Job succeeded. A
 * failed backup holds the rollout and says how to go on. One Job per rollout: the two images and the
 * generation since which the backend runs its image ({@link RunningBackend}), so going back to an
 * image and forward again later backs up again, while other spec changes during the backup (an
 * annotation, a replica count) do not start another one. Named after the TodoApp's current generation
 * instead, a spec edited every few seconds made a new Job each time, and a backup slower than the
 * edits never let the backend roll (the fault journey found it).
 */
final class BackupBeforeUpgrade {
  /**
   * @param start the backup Job to start, when this rollout has none yet
   * @param heldImage the image the backend keeps, null to roll
   */
  record Decision(Optional<JobStart> start, String heldImage, Waiting waiting, Optional<Problem> problem) {
    static final Decision ROLL = new Decision(Optional.empty(), null, null, Optional.empty());
  }

  private BackupBeforeUpgrade() {
  }

  static Decision decide(TodoApp app, RunningBackend backend, List<JobOutcome> jobs, TerminationMessages messages) {
    String wanted = app.getSpec().backend().image();
    String running = backend == null ? null : backend.image();
    if (running == null || running.equals(wanted) || !app.getSpec().getDatabase().getManaged().backup().beforeUpgrade()) {
      return Decision.ROLL;
    }
    Job desired = PostgresBackupJob.beforeUpgrade(app, wanted, backend.rolloutTo(wanted));
    String name = desired.getMetadata().getName();
    Waiting waiting = new Waiting(Step.BACKING_UP, "Backing up the database (Job " + name
        + ") before the backend rolls from " + running + " to " + wanted + ".");
    Optional<JobOutcome> job = JobOutcome.named(jobs, name);
    if (job.isEmpty()) {
      return new Decision(Optional.of(new JobStart(desired, "Backing up the database before the backend rolls from "
          + running + " to " + wanted + ": started Job " + name)), running, waiting, Optional.empty());
    }
    if (job.get().failed()) {
      return new Decision(Optional.empty(), running, waiting, Optional.of(new Problem(
          Problem.Reason.BACKUP_BEFORE_UPGRADE_FAILED, "The backup before upgrading the backend to " + wanted
              + " failed (Job " + name + ": " + job.get().failure(messages) + "); the backend stays on " + running
              + ". Fix the cause and delete Job " + name + " to try again, or set"
              + " spec.database.managed.backup.beforeUpgrade to false to upgrade without a backup")));
    }
    if (!job.get().succeeded()) {
      return new Decision(Optional.empty(), running, waiting, Optional.empty());
    }
    return Decision.ROLL;
  }
}
