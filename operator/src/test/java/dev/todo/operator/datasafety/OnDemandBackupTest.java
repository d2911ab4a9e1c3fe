package dev.todo.operator.datasafety;

import static dev.todo.operator.datasafety.Jobs.app;
import static dev.todo.operator.datasafety.Jobs.inputs;
import static dev.todo.operator.datasafety.Jobs.jobs;
import static dev.todo.operator.datasafety.Jobs.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.resources.database.PostgresBackupJob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** todo.dev/backup-now: one backup per annotation value. */
class OnDemandBackupTest {

  static TodoApp asking(String value, String lastOnDemand) {
    TodoApp app = app();
    app.getMetadata().setAnnotations(new HashMap<>(Map.of(OnDemandBackup.ANNOTATION, value)));
    if (lastOnDemand != null) {
      TodoAppStatus status = new TodoAppStatus();
      status.setBackup(new BackupStatus());
      status.getBackup().setLastOnDemand(lastOnDemand);
      withStatus(app, status);
    }
    return app;
  }

  @Test
  void aNewValueStartsOneBackupJob_andIsRemembered() {
    DataSafetyPlan plan = DataSafety.decide(asking("first", null), inputs(null, jobs(), Map.of()));
    assertEquals(1, plan.start().size());
    var job = plan.start().get(0).job();
    assertEquals(PostgresBackupJob.ON_DEMAND, job.getMetadata().getAnnotations().get(PostgresBackupJob.TRIGGER));
    assertEquals("first", job.getMetadata().getAnnotations().get(PostgresBackupJob.TRIGGER_VALUE));
    assertTrue(plan.start().get(0).message().contains("todo.dev/backup-now=first"), plan.start().get(0).message());
    assertEquals("first", plan.report().backup().getLastOnDemand());
  }

  @Test
  void theSameValueAgainStartsNothing_evenWhenItsJobIsGone() {
    DataSafetyPlan plan = DataSafety.decide(asking("first", "first"), inputs(null, jobs(), Map.of()));
    assertEquals(List.of(), plan.start());
    assertEquals("first", plan.report().backup().getLastOnDemand());
  }

  @Test
  void aSecondValueStartsASecondJob_whileTheFirstStays() {
    String first = DataSafety.decide(asking("first", null), inputs(null, jobs(), Map.of())).start().get(0).job()
        .getMetadata().getName();
    DataSafetyPlan plan = DataSafety.decide(asking("second", "first"),
        inputs(null, jobs(Jobs.succeeded(first, "2026-11-29T11:00:00Z")), Map.of()));
    assertEquals(1, plan.start().size());
    assertNotEquals(first, plan.start().get(0).job().getMetadata().getName());
    assertEquals(List.of(), plan.delete(), "the first Job stays for kubectl logs");
    assertEquals("second", plan.report().backup().getLastOnDemand());
  }

  @Test
  void aBlankValueOrNoAnnotationIsNoRequest() {
    assertEquals(List.of(), DataSafety.decide(asking(" ", null), inputs(null, jobs(), Map.of())).start());
    assertEquals(List.of(), DataSafety.decide(app(), inputs(null, jobs(), Map.of())).start());
  }

  @Test
  void withoutAManagedDatabaseNothingIsDecided() {
    TodoApp embedded = TestApps.withUid(TestApps.minimal("app", "ns"));
    embedded.getMetadata().setAnnotations(Map.of(OnDemandBackup.ANNOTATION, "first"));
    DataSafetyPlan plan = DataSafety.decide(embedded, inputs("todo-backend:old", jobs(), Map.of()));
    assertEquals(DataSafetyPlan.NOTHING, plan);
    assertEquals(RolloutGate.OPEN, plan.gate());
  }
}
