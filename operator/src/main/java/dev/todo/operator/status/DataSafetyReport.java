package dev.todo.operator.status;

import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.RestoreStatus;
import java.util.List;

/**
 * What the data-safety decisions report for the status: the records of the backups and the restore,
 * what the operator waits for, and what went wrong.
 *
 * @param backup status.backup (null without a managed database)
 * @param restore status.restore (null without spec.database.restoreFrom)
 * @param waiting the Job the backend waits for, null when it waits for none
 * @param problems what holds the app back, each with the fix (a failed restore, a failed backup before an upgrade)
 */
public record DataSafetyReport(BackupStatus backup, RestoreStatus restore, Waiting waiting, List<Problem> problems) {
  public static final DataSafetyReport NONE = new DataSafetyReport(null, null, null, List.of());

  /** What the backend waits for, as the Progressing condition's reason. */
  public enum Step {
    /** spec.database.restoreFrom is being loaded; the backend is not created yet (phase Restoring). */
    RESTORING("Restoring"),
    /** The backup before a backend image change runs; the backend keeps its image. */
    BACKING_UP("BackingUp");

    private final String label;

    Step(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A step under way and what it is, for the Progressing condition's message. */
  public record Waiting(Step step, String message) {
  }

  /** The records the previous status holds, and nothing under way: when no decision ran (an invalid spec). */
  public static DataSafetyReport unchanged(TodoAppStatus previous) {
    return previous == null ? NONE : new DataSafetyReport(previous.getBackup(), previous.getRestore(), null, List.of());
  }
}
