package dev.todo.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.Condition;
import dev.todo.operator.model.status.RestoreStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How backups and the restore show in a TodoApp's status and conditions. */
class DataSafetyStatusTest {
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  static TodoAppStatus ready() {
    TodoAppStatus s = new TodoAppStatus();
    s.setObservedGeneration(2L);
    s.setPhase(ConditionTypes.PHASE_READY);
    s.setConditions(new ArrayList<>(List.of(
        new Condition("Ready", "True", "AllComponentsReady", "All components are ready"),
        new Condition("Progressing", "False", "RolloutComplete", "done"),
        new Condition("Degraded", "False", "AsExpected", "No problems found."))));
    return s;
  }

  @Test
  void aFailedBackupSetsBackupFailedWithTheReasonButLeavesTheAppReady() {
    TodoAppStatus status = ready();
    BackupStatus backup = new BackupStatus();
    backup.setLastBackupJob("todo-backup-29401234");
    backup.setLastBackupSucceeded(false);
    backup.setLastBackupReason("backup failed: the backup directory /backups is missing or not writable");
    DataSafetyStatus.apply(status, null, new DataSafetyReport(backup, null, null, null, null, List.of()), NOW);

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
    TodoAppStatus status = ready();
    BackupStatus backup = new BackupStatus();
    backup.setLastBackup("todo-20261129T030000Z.dump");
    backup.setLastBackupJob("todo-backup-1");
    backup.setLastBackupSucceeded(true);
    backup.setLastBackupTime("2026-11-29T03:00:04Z");
    DataSafetyStatus.apply(status, null, new DataSafetyReport(backup, null, null, null, null, List.of()), NOW);
    Condition c = StatusAggregator.find(status, ConditionTypes.BACKUP_FAILED);
    assertEquals("False", c.getStatus());
    assertTrue(c.getMessage().contains("todo-20261129T030000Z.dump"), c.getMessage());

    TodoAppStatus none = ready();
    DataSafetyStatus.apply(none, null, new DataSafetyReport(new BackupStatus(), null, null, null, null, List.of()), NOW);
    assertNull(StatusAggregator.find(none, ConditionTypes.BACKUP_FAILED));
  }

  @Test
  void whileRestoringThePhaseIsRestoringAndProgressingSaysWhy() {
    TodoAppStatus status = ready();
    status.setPhase(ConditionTypes.PHASE_PENDING);
    RestoreStatus restore = new RestoreStatus(RestoreStatus.RESTORING, "old-backups/latest", "Job todo-restore started.");
    DataSafetyStatus.apply(status, null, new DataSafetyReport(new BackupStatus(), restore, DataSafetyReport.RESTORING,
        "Restoring old-backups/latest into the new database", null, List.of()), NOW);
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
    TodoAppStatus status = ready();
    DataSafetyStatus.apply(status, null, new DataSafetyReport(new BackupStatus(), null, DataSafetyReport.BACKING_UP,
        "Backing up the database (Job x) before the backend rolls from a to b.", null, List.of()), NOW);
    assertEquals(ConditionTypes.PHASE_PROGRESSING, status.getPhase());
    assertEquals("BackingUp", StatusAggregator.find(status, ConditionTypes.PROGRESSING).getReason());

    TodoAppStatus failed = ready();
    DataSafetyStatus.apply(failed, null, new DataSafetyReport(new BackupStatus(), null, DataSafetyReport.BACKING_UP,
        "Backing up", "BackupBeforeUpgradeFailed", List.of("The backup before upgrading the backend to b failed (...);"
            + " set spec.database.managed.backup.beforeUpgrade to false to upgrade without a backup")), NOW);
    Condition degraded = StatusAggregator.find(failed, ConditionTypes.DEGRADED);
    assertEquals("True", degraded.getStatus());
    assertEquals("BackupBeforeUpgradeFailed", degraded.getReason());
    assertTrue(degraded.getMessage().contains("beforeUpgrade to false"), degraded.getMessage());
    assertEquals(ConditionTypes.PHASE_DEGRADED, failed.getPhase());
  }

  @Test
  void anInvalidSpecKeepsItsOwnConditions() {
    TodoAppStatus status = ready();
    status.setPhase(ConditionTypes.PHASE_DEGRADED);
    status.getConditions().set(2, new Condition("Degraded", "True", "InvalidSpec", "Fix the TodoApp spec: x"));
    DataSafetyStatus.apply(status, null, new DataSafetyReport(null, null, DataSafetyReport.BACKING_UP, "b",
        "BackupBeforeUpgradeFailed", List.of("y")), NOW);
    assertEquals("InvalidSpec", StatusAggregator.find(status, ConditionTypes.DEGRADED).getReason());
    assertEquals("RolloutComplete", StatusAggregator.find(status, ConditionTypes.PROGRESSING).getReason());
  }
}
