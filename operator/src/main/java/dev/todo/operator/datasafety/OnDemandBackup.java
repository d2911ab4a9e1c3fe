package dev.todo.operator.datasafety;

import dev.todo.operator.datasafety.DataSafetyPlan.JobStart;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.database.PostgresBackupJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * A backup now, asked for with {@code kubectl annotate todoapp x todo.dev/backup-now=$(date +%s)}: one
 * Job per annotation value. The value is remembered in status.backup.lastOnDemand, so the same value
 * again (or a Job deleted since) runs nothing.
 */
public final class OnDemandBackup {
  public static final String ANNOTATION = "todo.dev/backup-now";

  /**
   * @param start the Job to start, if a new value was asked for
   * @param lastOnDemand the value to remember
   */
  record Decision(Optional<JobStart> start, String lastOnDemand) {
  }

  private OnDemandBackup() {
  }

  static Decision decide(TodoApp app, String lastOnDemand) {
    var annotations = app.getMetadata().getAnnotations();
    String asked = annotations == null ? null : annotations.get(ANNOTATION);
    if (asked == null || asked.isBlank() || asked.equals(lastOnDemand)) {
      return new Decision(Optional.empty(), lastOnDemand);
    }
    Job job = PostgresBackupJob.onDemand(app, asked);
    return new Decision(Optional.of(new JobStart(job, "On-demand backup (" + ANNOTATION + "=" + asked
        + "): started Job " + job.getMetadata().getName())), asked);
  }
}
