package dev.todo.operator.status;

import static dev.todo.operator.status.ConditionTypes.BACKUP_FAILED;
import static dev.todo.operator.status.ConditionTypes.DEGRADED;
import static dev.todo.operator.status.ConditionTypes.PROGRESSING;

import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the managed database's backups and restore to a status the {@link StatusAggregator} computed:
 * status.backup and status.restore, a BackupFailed condition once a backup finished, Progressing with
 * reason Restoring or BackingUp while the operator waits for one, and Degraded when a restore or the
 * backup before an upgrade failed.
 */
public final class DataSafetyStatus {
  private DataSafetyStatus() {
  }

  public static void apply(TodoAppStatus status, TodoAppStatus previous, DataSafetyReport report, Instant now) {
    status.setBackup(report.backup());
    status.setRestore(report.restore());
    Condition degraded = StatusAggregator.find(status, DEGRADED);
    if (degraded != null && "InvalidSpec".equals(degraded.getReason())) {
      return;
    }
    long generation = status.getObservedGeneration() == null ? 0L : status.getObservedGeneration();
    List<Condition> conditions = new ArrayList<>(status.getConditions());
    BackupStatus backup = report.backup();
    if (backup != null && backup.getLastBackupSucceeded() != null) {
      boolean failed = !backup.getLastBackupSucceeded();
      String message = failed
          ? "The last backup (Job " + backup.getLastBackupJob() + ") failed: " + backup.getLastBackupReason()
              + "; see kubectl logs job/" + backup.getLastBackupJob()
          : "The last backup " + backup.getLastBackup() + " (Job " + backup.getLastBackupJob() + ") succeeded at "
              + backup.getLastBackupTime() + ".";
      conditions.add(StatusAggregator.condition(previous, BACKUP_FAILED, failed ? "True" : "False",
          failed ? "BackupJobFailed" : "BackupSucceeded", message, generation, now));
    }
    if (!report.problems().isEmpty()) {
      String message = String.join("; ", report.problems());
      if (degraded != null && "True".equals(degraded.getStatus())) {
        message = message + "; " + degraded.getMessage();
      }
      replace(conditions, StatusAggregator.condition(previous, DEGRADED, "True", report.degradedReason(), message,
          generation, now));
      status.setPhase(ConditionTypes.PHASE_DEGRADED);
    }
    if (report.progressingReason() != null) {
      replace(conditions, StatusAggregator.condition(previous, PROGRESSING, "True", report.progressingReason(),
          report.progressingMessage(), generation, now));
      if (report.problems().isEmpty() && !ConditionTypes.PHASE_DEGRADED.equals(status.getPhase())) {
        status.setPhase(DataSafetyReport.RESTORING.equals(report.progressingReason())
            ? ConditionTypes.PHASE_RESTORING : ConditionTypes.PHASE_PROGRESSING);
      }
    }
    status.setConditions(conditions);
  }

  private static void replace(List<Condition> conditions, Condition condition) {
    for (int i = 0; i < conditions.size(); i++) {
      if (condition.getType().equals(conditions.get(i).getType())) {
        conditions.set(i, condition);
        return;
      }
    }
    conditions.add(condition);
  }
}
