package dev.todo.operator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.Condition;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TodoAppSeriesTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:17:00Z");

  @Test
  void aTodoAppWithoutStatusIsPendingAndNotReady() {
    TodoApp app = TestApps.minimal("web", "shop");
    app.getMetadata().setCreationTimestamp("2026-12-01T00:00:00Z");
    TodoAppSeries s = TodoAppSeries.of(app, null, NOW);
    assertEquals(0, s.ready());
    assertEquals("Pending", s.phase());
    assertEquals(OptionalDouble.of(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond()), s.createdSeconds());
    assertTrue(s.backupLastSucceeded().isEmpty() && s.backupLastSuccessSeconds().isEmpty()
        && s.backupIntervalSeconds().isEmpty(), s.toString());
  }

  @Test
  void readyIsTheReadyConditionNotAnyTrueCondition() {
    TodoApp app = TestApps.minimal("web", "shop");
    assertEquals(1, TodoAppSeries.of(app, status("Ready", new Condition("Ready", "True", "AllReady", "")), NOW).ready());
    assertEquals(0, TodoAppSeries.of(app, status("Degraded", new Condition("Ready", "False", "X", ""),
        new Condition("Degraded", "True", "X", "")), NOW).ready());
    assertEquals("Degraded", TodoAppSeries.of(app, status("Degraded"), NOW).phase());
  }

  @Test
  void aSucceededBackupGivesItsTimeAFailedOneOnlyTheOutcome() {
    TodoApp app = TestApps.full("web", "shop");
    TodoAppStatus ok = status("Ready");
    ok.setBackup(backup(true, "2026-12-03T03:00:42Z"));
    TodoAppSeries s = TodoAppSeries.of(app, ok, NOW);
    assertEquals(OptionalDouble.of(1), s.backupLastSucceeded());
    assertEquals(OptionalDouble.of(Instant.parse("2026-12-03T03:00:42Z").getEpochSecond()), s.backupLastSuccessSeconds());

    TodoAppStatus failed = status("Ready");
    failed.setBackup(backup(false, "2026-12-03T04:00:42Z"));
    s = TodoAppSeries.of(app, failed, NOW);
    assertEquals(OptionalDouble.of(0), s.backupLastSucceeded());
    assertTrue(s.backupLastSuccessSeconds().isEmpty(), "a failed backup's time is no success time");
  }

  @Test
  void theIntervalIsTheTimeBetweenTheScheduleNextTwoRuns() {
    assertEquals(OptionalDouble.of(3600), TodoAppSeries.of(scheduled("@hourly"), null, NOW).backupIntervalSeconds());
    assertEquals(OptionalDouble.of(86400), TodoAppSeries.of(scheduled("0 3 * * *"), null, NOW).backupIntervalSeconds());
    assertEquals(OptionalDouble.of(900), TodoAppSeries.of(scheduled("*/15 * * * *"), null, NOW).backupIntervalSeconds());
  }

  @Test
  void noScheduleOrNoManagedDatabaseMeansNoInterval() {
    assertTrue(TodoAppSeries.of(TestApps.full("web", "shop"), null, NOW).backupIntervalSeconds().isEmpty());
    assertTrue(TodoAppSeries.of(TestApps.minimal("web", "shop"), null, NOW).backupIntervalSeconds().isEmpty());
  }

  static TodoApp scheduled(String schedule) {
    TodoApp app = TestApps.full("web", "shop");
    BackupSpec backup = new BackupSpec();
    backup.setSchedule(schedule);
    app.getSpec().database().getManaged().setBackup(backup);
    return app;
  }

  static TodoAppStatus status(String phase, Condition... conditions) {
    TodoAppStatus status = new TodoAppStatus();
    status.setPhase(phase);
    status.setConditions(List.of(conditions));
    return status;
  }

  static BackupStatus backup(boolean succeeded, String time) {
    BackupStatus b = new BackupStatus();
    b.setLastBackupSucceeded(succeeded);
    b.setLastBackupTime(time);
    return b;
  }
}
