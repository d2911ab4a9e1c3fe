package dev.todo.operator.datasafety;

import static dev.todo.operator.datasafety.Jobs.app;
import static dev.todo.operator.datasafety.Jobs.inputs;
import static dev.todo.operator.datasafety.Jobs.jobs;
import static dev.todo.operator.datasafety.Jobs.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.spec.RestoreSpec;
import dev.todo.operator.model.status.RestoreStatus;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.status.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spec.database.restoreFrom: loaded once into the new database, before the backend exists. */
class RestoreFirstTest {
  static final String JOB = "app-restore";

  static TodoApp restoring(String dump, RestoreStatus previous) {
    TodoApp app = app();
    RestoreSpec restore = new RestoreSpec();
    restore.setPvc("todo-backups");
    restore.setDump(dump);
    app.getSpec().getDatabase().setRestoreFrom(restore);
    if (previous != null) {
      TodoAppStatus status = new TodoAppStatus();
      status.setRestore(previous);
      withStatus(app, status);
    }
    return app;
  }

  @Test
  void aNewTodoAppStartsTheRestoreJob_andTheBackendWaits() {
    DataSafetyPlan plan = DataSafety.decide(restoring("latest", null), inputs(null, jobs(), Map.of()));
    assertEquals(List.of(JOB), plan.start().stream().map(s -> s.job().getMetadata().getName()).toList());
    assertEquals(new RestoreStatus(RestoreStatus.RESTORING, "todo-backups/latest", "Job app-restore started."),
        plan.report().restore());
    assertTrue(plan.gate().waitForRestore(), "no backend before the restore");
    assertEquals(DataSafetyReport.Step.RESTORING, plan.report().waiting().step());
  }

  @Test
  void whileTheRestoreRunsNothingIsStartedAgain() {
    DataSafetyPlan plan = DataSafety.decide(restoring("latest", new RestoreStatus(RestoreStatus.RESTORING,
        "todo-backups/latest", "Job app-restore started.")), inputs(null, jobs(Jobs.running(JOB)), Map.of()));
    assertEquals(List.of(), plan.start());
    assertEquals("Job app-restore is running.", plan.report().restore().getMessage());
    assertTrue(plan.gate().waitForRestore());
  }

  @Test
  void aSucceededRestoreOpensTheGate_recordsWhatTheScriptSaid_andTellsTheUserOnce() {
    DataSafetyPlan plan = DataSafety.decide(restoring("latest", null),
        inputs(null, jobs(Jobs.succeeded(JOB, "t")), Map.of(JOB, "restored todo-20261129T120000Z.dump")));
    assertEquals(new RestoreStatus(RestoreStatus.RESTORED, "todo-backups/latest", "restored todo-20261129T120000Z.dump"),
        plan.report().restore());
    assertFalse(plan.gate().waitForRestore());
    assertNull(plan.report().waiting());
    assertEquals(List.of(new DataSafetyPlan.Notice("Restored",
        "Database restored from todo-backups/latest: restored todo-20261129T120000Z.dump")), plan.events());

    DataSafetyPlan silent = DataSafety.decide(restoring("latest", null),
        inputs(null, jobs(Jobs.succeeded(JOB, "t")), Map.of()));
    assertEquals("restored todo-backups/latest", silent.report().restore().getMessage());
    assertEquals(List.of(), silent.report().problems(), "the restore Job is not a backup: no BackupFailed");
    assertNull(silent.report().backup().getLastBackupJob());
  }

  @Test
  void aFailedRestoreKeepsTheBackendAway_degradedWithTheCauseAndTheWayOut() {
    String cause = "restore failed: dump todo-19990101T000000Z.dump not found on the backup volume todo-backups";
    DataSafetyPlan plan = DataSafety.decide(restoring("todo-19990101T000000Z.dump", null),
        inputs(null, jobs(Jobs.failed(JOB, "t")), Map.of(JOB, cause)));
    assertEquals(RestoreStatus.FAILED, plan.report().restore().getPhase());
    assertEquals(cause, plan.report().restore().getMessage());
    assertTrue(plan.gate().waitForRestore(), "the backend is not started on an empty database");
    Problem problem = plan.report().problems().get(0);
    assertEquals(Problem.Reason.RESTORE_FAILED, problem.reason());
    assertTrue(problem.message().contains(cause) && problem.message().contains("not changed")
        && problem.message().contains("delete Job app-restore"), problem.message());
    assertNull(plan.report().waiting());
  }

  @Test
  void aReportedFailureIsKeptAsItWas_untilTheJobIsDeleted_thenTheRestoreRunsAgain() {
    RestoreStatus reported = new RestoreStatus(RestoreStatus.FAILED, "todo-backups/latest", "the words of last time");
    DataSafetyPlan again = DataSafety.decide(restoring("latest", reported),
        inputs(null, jobs(Jobs.failed(JOB, "t")), Map.of(JOB, "other words")));
    assertEquals(reported, again.report().restore(), "no new status write for the same failure");
    assertEquals(List.of(), again.start());

    DataSafetyPlan retried = DataSafety.decide(restoring("latest", reported), inputs(null, jobs(), Map.of()));
    assertEquals(List.of(JOB), retried.start().stream().map(s -> s.job().getMetadata().getName()).toList());
    assertEquals(RestoreStatus.RESTORING, retried.report().restore().getPhase());
  }

  @Test
  void aNewRestoreFromAfterAFailureDeletesTheOldJobFirst() {
    RestoreStatus reported = new RestoreStatus(RestoreStatus.FAILED, "todo-backups/todo-19990101T000000Z.dump", "x");
    DataSafetyPlan plan = DataSafety.decide(restoring("latest", reported),
        inputs(null, jobs(Jobs.failed(JOB, "t")), Map.of()));
    assertEquals(List.of(JOB), plan.delete());
    assertEquals(List.of(), plan.start(), "started once the old Job is gone");
    assertEquals(new RestoreStatus(RestoreStatus.RESTORING, "todo-backups/latest", "Restarting with the new restoreFrom."),
        plan.report().restore());
    assertTrue(plan.gate().waitForRestore());
  }

  @Test
  void aRestoreHappensOnce_theRecordOutlivesTheSpec_anUnfinishedOneDoesNot() {
    RestoreStatus done = new RestoreStatus(RestoreStatus.RESTORED, "todo-backups/latest", "restored x.dump");
    DataSafetyPlan kept = DataSafety.decide(restoring("latest", done), inputs("todo-backend:dev", jobs(), Map.of()));
    assertEquals(done, kept.report().restore());
    assertEquals(List.of(), kept.start(), "the restore Job is not started again");
    assertFalse(kept.gate().waitForRestore());

    TodoApp dropped = app();
    TodoAppStatus status = new TodoAppStatus();
    status.setRestore(done);
    withStatus(dropped, status);
    assertEquals(done, DataSafety.decide(dropped, inputs(null, jobs(), Map.of())).report().restore());

    TodoApp abandoned = app();
    TodoAppStatus unfinished = new TodoAppStatus();
    unfinished.setRestore(new RestoreStatus(RestoreStatus.FAILED, "todo-backups/latest", "x"));
    withStatus(abandoned, unfinished);
    DataSafetyPlan forgotten = DataSafety.decide(abandoned, inputs(null, jobs(Jobs.failed(JOB, "t")), Map.of()));
    assertNull(forgotten.report().restore());
    assertFalse(forgotten.gate().waitForRestore(), "without restoreFrom the backend starts on an empty database");
    assertEquals(List.of(), forgotten.report().problems());
  }
}
