package dev.todo.operator.datasafety;

import static dev.todo.operator.datasafety.Jobs.app;
import static dev.todo.operator.datasafety.Jobs.inputs;
import static dev.todo.operator.datasafety.Jobs.jobs;
import static dev.todo.operator.datasafety.Jobs.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.model.status.BackupStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** status.backup: the last finished backup, whatever started it, and the next scheduled one. */
class LastBackupTest {

  @Test
  void theNewestFinishedBackupIsRecorded_withTheDumpAndSizeItsScriptReported() {
    DataSafetyPlan plan = DataSafety.decide(app(), inputs(null, jobs(
        Jobs.succeeded("app-backup-1", "2026-11-29T03:00:09Z"),
        Jobs.succeeded("app-backup-2", "2026-11-29T09:00:05Z"),
        Jobs.running("app-backup-3"),
        Jobs.succeeded("app-restore", "2026-11-29T10:00:00Z")),
        Map.of("app-backup-2", "todo-20261129T090000Z.dump 4242\n")));
    BackupStatus backup = plan.report().backup();
    assertEquals("app-backup-2", backup.getLastBackupJob(), "the restore Job is no backup; a running one not yet");
    assertEquals("2026-11-29T09:00:05Z", backup.getLastBackupTime());
    assertEquals(Boolean.TRUE, backup.getLastBackupSucceeded());
    assertEquals("todo-20261129T090000Z.dump", backup.getLastBackup());
    assertEquals(4242L, backup.getLastBackupSize());
    assertNull(backup.getLastBackupReason());
  }

  /** A TodoApp whose status recorded app-backup-1 as its last, successful backup: todo-1.dump, 10 bytes. */
  static TodoApp afterBackup1() {
    TodoAppStatus status = new TodoAppStatus();
    BackupStatus before = new BackupStatus();
    before.setLastBackupJob("app-backup-1");
    before.setLastBackupSucceeded(true);
    before.setLastBackup("todo-1.dump");
    before.setLastBackupSize(10L);
    status.setBackup(before);
    return withStatus(app(), status);
  }

  @Test
  void aFailedBackupIsRecordedWithItsCause_andClearsTheDumpOfTheOneBefore() {
    TodoApp app = afterBackup1();
    BackupStatus backup = DataSafety.decide(app, inputs(null, jobs(Jobs.succeeded("app-backup-1", "2026-11-29T03:00:00Z"),
        Jobs.failed("app-backup-2", "2026-11-29T04:00:00Z")), Map.of("app-backup-2", "pg_dump: connection refused")))
        .report().backup();
    assertEquals("app-backup-2", backup.getLastBackupJob());
    assertEquals(Boolean.FALSE, backup.getLastBackupSucceeded());
    assertEquals("pg_dump: connection refused", backup.getLastBackupReason());
    assertNull(backup.getLastBackup());
    assertNull(backup.getLastBackupSize());
  }

  @Test
  void aBackupAlreadyRecordedIsNotReadAgain() {
    TodoApp app = afterBackup1();
    List<String> read = new ArrayList<>();
    DataSafetyPlan plan = DataSafety.decide(app, new DataSafetyInputs(jobs(Jobs.succeeded("app-backup-1", "t")), null,
        name -> {
          read.add(name);
          return Optional.empty();
        }, Jobs.NOW));
    assertEquals(List.of(), read, "no pod is listed for a result the status holds");
    assertEquals("todo-1.dump", plan.report().backup().getLastBackup());
    assertEquals(10L, plan.report().backup().getLastBackupSize());
  }

  @Test
  void theNextScheduledBackupIsComputedAnew_andAbsentWithoutASchedule() {
    TodoApp app = app();
    assertNull(DataSafety.decide(app, inputs(null, jobs(), Map.of())).report().backup().getNextScheduledTime());
    app.getSpec().getDatabase().getManaged().setBackup(new BackupSpec());
    app.getSpec().getDatabase().getManaged().getBackup().setSchedule("0 3 * * *");
    assertEquals("2026-11-30T03:00:00Z", DataSafety.decide(app, new DataSafetyInputs(jobs(), null,
        JobOutcome.TerminationMessages.NONE, Instant.parse("2026-11-29T12:00:00Z"))).report().backup()
        .getNextScheduledTime());
  }
}
