package dev.todo.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.Condition;
import dev.todo.operator.model.status.RestoreStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How backups and the restore show in a TodoApp's status and conditions. */
class DataSafetyStatusTest {
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  /** The status of an app whose workloads are all ready, with what data safety reported. */
  static TodoAppStatus ready(DataSafetyReport report) {
    return aggregate(List.of(), StatusAggregatorTest.deployment(1, 1), report);
  }

  static TodoAppStatus aggregate(List<String> specErrors, Deployment backend, DataSafetyReport report) {
    return StatusAggregator.aggregate(null, new Observed(2L, specErrors, List.of(), backend,
        StatusAggregatorTest.deployment(1, 1), StatusAggregatorTest.statefulSet(1), true, "http://todo.local", report),
        NOW);
  }

  @Test
  void aFailedBackupSetsBackupFailedWithTheReasonButLeavesTheAppReady() {
    BackupStatus backup = new BackupStatus();
    backup.setLastBackupJob("todo-backup-29401234");
    backup.setLastBackupSucceeded(false);
    backup.setLastBackupReason("backup failed: the backup directory /backups is missing or not writable");
    TodoAppStatus status = ready(new DataSafetyReport(backup, null, null, List.of()));

    Condition failed = StatusAggregator.find(status, ConditionTypes.BACKUP_FAILED);
    assertEquals("True", failed.getStatus());
    assertEquals("BackupJobFailed", failed.getReason());
    assertTrue(failed.getMessage().contains("todo-backup-29401234") && failed.getMessage().contains("not writable")
        && failed.getMessage().contains("kubectl logs job/todo-backup-29401234"), failed.getMessage());
    assertEquals(ConditionTypes.PHASE_READY, status.getPhase());
    assertEquals(backup, status.getBackup());
  }

  @Test
  void aSucceededBackupClearsBackupFailed_noBackupYetMeansNoCondition() {
    BackupStatus backup = new BackupStatus();
    backup.setLastBackup("todo-20261129T030000Z.dump");
    backup.setLastBackupJob("todo-backup-1");
    backup.setLastBackupSucceeded(true);
    backup.setLastBackupTime("2026-11-29T03:00:04Z");
    TodoAppStatus status = ready(new DataSafetyReport(backup, null, null, List.of()));
    Condition c = StatusAggregator.find(status, ConditionTypes.BACKUP_FAILED);
    assertEquals("False", c.getStatus());
    assertTrue(c.getMessage().contains("todo-20261129T030000Z.dump"), c.getMessage());

    TodoAppStatus none = ready(new DataSafetyReport(new BackupStatus(), null, null, List.of()));
    assertNull(StatusAggregator.find(none, ConditionTypes.BACKUP_FAILED));
  }

  @Test
  void whileRestoringThePhaseIsRestoringAndProgressingSaysWhy() {
    RestoreStatus restore = new RestoreStatus(RestoreStatus.RESTORING, "old-backups/latest", "Job todo-restore started.");
    // No backend yet: it waits for the restore.
    TodoAppStatus status = aggregate(List.of(), null, new DataSafetyReport(new BackupStatus(), restore,
        new DataSafetyReport.Waiting(DataSafetyReport.Step.RESTORING, "Restoring old-backups/latest into the new database"),
        List.of()));
    assertEquals(ConditionTypes.PHASE_RESTORING, status.getPhase());
    Condition progressing = StatusAggregator.find(status, ConditionTypes.PROGRESSING);
    assertEquals("True", progressing.getStatus());
    assertEquals("Restoring", progressing.getReason());
    assertEquals(restore, status.getRestore());
    assertEquals(List.of("Ready", "Progressing", "Degraded"), status.getConditions().stream().map(Condition::getType)
        .toList(), "conditions keep their order");
  }

  @Test
  void aBackupBeforeAnUpgradeIsProgressingBackingUp_itsFailureIsDegradedWithTheFix() {
    var backingUp = new DataSafetyReport.Waiting(DataSafetyReport.Step.BACKING_UP,
        "Backing up the database (Job x) before the backend rolls from a to b.");
    TodoAppStatus status = ready(new DataSafetyReport(new BackupStatus(), null, backingUp, List.of()));
    assertEquals(ConditionTypes.PHASE_PROGRESSING, status.getPhase());
    assertEquals("BackingUp", StatusAggregator.find(status, ConditionTypes.PROGRESSING).getReason());

    TodoAppStatus failed = ready(new DataSafetyReport(new BackupStatus(), null, backingUp, List.of(new Problem(
        Problem.Reason.BACKUP_BEFORE_UPGRADE_FAILED, "The backup before upgrading the backend to b failed (...);"
            + " set spec.database.managed.backup.beforeUpgrade to false to upgrade without a backup"))));
    Condition degraded = StatusAggregator.find(failed, ConditionTypes.DEGRADED);
    assertEquals("True", degraded.getStatus());
    assertEquals("BackupBeforeUpgradeFailed", degraded.getReason());
    assertTrue(degraded.getMessage().contains("beforeUpgrade to false"), degraded.getMessage());
    assertEquals(ConditionTypes.PHASE_DEGRADED, failed.getPhase());
  }

  @Test
  void aDataSafetyProblemComesBeforeTheWorkloadsProblems_inReasonAndMessage() {
    TodoAppStatus status = StatusAggregator.aggregate(null, new Observed(2L, List.of(),
        List.of(new Problem(Problem.Reason.SECRET_MISSING, "Secret openai-key not found")), null,
        StatusAggregatorTest.deployment(1, 1), StatusAggregatorTest.statefulSet(1), true, "http://todo.local",
        new DataSafetyReport(new BackupStatus(), null, null,
            List.of(new Problem(Problem.Reason.RESTORE_FAILED, "Restore of old/latest failed")))), NOW);
    Condition degraded = StatusAggregator.find(status, ConditionTypes.DEGRADED);
    assertEquals("RestoreFailed", degraded.getReason());
    assertEquals("Restore of old/latest failed; Secret openai-key not found", degraded.getMessage());
    assertEquals(ConditionTypes.PHASE_DEGRADED, status.getPhase());
  }

  @Test
  void anInvalidSpecKeepsItsOwnConditions() {
    TodoAppStatus status = aggregate(List.of("x"), StatusAggregatorTest.deployment(1, 1), new DataSafetyReport(null,
        null, new DataSafetyReport.Waiting(DataSafetyReport.Step.BACKING_UP, "b"),
        List.of(new Problem(Problem.Reason.BACKUP_BEFORE_UPGRADE_FAILED, "y"))));
    assertEquals("InvalidSpec", StatusAggregator.find(status, ConditionTypes.DEGRADED).getReason());
    // Ported from the two-pass DataSafetyStatus.apply, whose fixture had RolloutComplete here: what holds
    // now is that the invalid spec's own Progressing condition is not replaced by data safety's.
    assertEquals("InvalidSpec", StatusAggregator.find(status, ConditionTypes.PROGRESSING).getReason());
    assertEquals(ConditionTypes.PHASE_DEGRADED, status.getPhase());
    assertNull(StatusAggregator.find(status, ConditionTypes.BACKUP_FAILED));
  }
}
