package dev.todo.operator.datasafety;

import static dev.todo.operator.datasafety.Jobs.app;
import static dev.todo.operator.datasafety.Jobs.inputs;
import static dev.todo.operator.datasafety.Jobs.jobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.resources.database.PostgresBackupJob;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.status.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The backup before the backend's image changes, and the rollout it holds. */
class BackupBeforeUpgradeTest {
  static final String RUNNING = "todo-backend:old";
  static final String WANTED = "todo-backend:dev";
  /** The generation that gave the backend todo-backend:old. */
  static final long SINCE = 2;

  /** The backup Job this rollout (todo-backend:old, running since generation 2, to todo-backend:dev) gets. */
  static String jobOf(TodoApp app) {
    return PostgresBackupJob.beforeUpgrade(app, WANTED, new RunningBackend(RUNNING, SINCE).rolloutTo(WANTED))
        .getMetadata().getName();
  }

  @Test
  void otherSpecChangesDuringTheBackupStartNoSecondJob() {
    // The fault journey changed an annotation every 5 s during an upgrade: each new generation named a
    // new rollout, so a new backup Job, and a backup slower than the edits never let the backend roll.
    TodoApp app = app();
    String first = DataSafety.decide(app, inputs(RUNNING, jobs(), Map.of())).start().get(0).job().getMetadata()
        .getName();
    app.getMetadata().setGeneration(app.getMetadata().getGeneration() + 1);
    DataSafetyPlan plan = DataSafety.decide(app, inputs(RUNNING, jobs(Jobs.running(first)), Map.of()));
    assertEquals(List.of(), plan.start(), "the same rollout, the same Job");
    assertEquals(RUNNING, plan.gate().heldImage());
    plan = DataSafety.decide(app, inputs(RUNNING, jobs(Jobs.succeeded(first, "2026-11-29T11:00:00Z")), Map.of()));
    assertNull(plan.gate().heldImage(), "and its success lets the backend roll");
  }

  @Test
  void theSameTwoImagesLaterAreAnotherRollout_backedUpAgain() {
    // old -> dev, then dev -> old, then old -> dev again: the old image now runs since a later generation
    assertNotEquals(new RunningBackend(RUNNING, SINCE).rolloutTo(WANTED), new RunningBackend(RUNNING, 9L).rolloutTo(WANTED));
    TodoApp app = app();
    DataSafetyPlan plan = DataSafety.decide(app, new DataSafetyInputs(jobs(Jobs.succeeded(jobOf(app), "t")),
        new RunningBackend(RUNNING, 9L), Jobs.messages(Map.of()), Jobs.NOW));
    assertEquals(1, plan.start().size(), "the earlier rollout's Job does not count");
    assertEquals(RUNNING, plan.gate().heldImage());
  }

  @Test
  void anImageChangeStartsABackupAndHoldsTheRunningImage_inTheSameDecision() {
    TodoApp app = app();
    DataSafetyPlan plan = DataSafety.decide(app, inputs(RUNNING, jobs(), Map.of()));
    assertEquals(1, plan.start().size(), "the backup Job is started");
    var job = plan.start().get(0).job();
    assertEquals(jobOf(app), job.getMetadata().getName());
    assertEquals(PostgresBackupJob.BEFORE_UPGRADE, job.getMetadata().getAnnotations().get(PostgresBackupJob.TRIGGER));
    assertEquals(WANTED, job.getMetadata().getAnnotations().get(PostgresBackupJob.TRIGGER_VALUE));
    // Backup before rollout: the backend keeps its image while the Job it waits for is only being created.
    assertEquals(RUNNING, plan.gate().heldImage());
    assertEquals(DataSafetyReport.Step.BACKING_UP, plan.report().waiting().step());
    assertTrue(plan.report().waiting().message().contains(jobOf(app)), plan.report().waiting().message());
  }

  @Test
  void whileTheBackupRunsTheImageStaysHeld_andNothingIsStartedAgain() {
    TodoApp app = app();
    DataSafetyPlan plan = DataSafety.decide(app, inputs(RUNNING, jobs(Jobs.running(jobOf(app))), Map.of()));
    assertEquals(List.of(), plan.start());
    assertEquals(RUNNING, plan.gate().heldImage());
    assertEquals(List.of(), plan.report().problems());
  }

  @Test
  void onceTheBackupSucceededTheBackendRolls() {
    TodoApp app = app();
    DataSafetyPlan plan = DataSafety.decide(app,
        inputs(RUNNING, jobs(Jobs.succeeded(jobOf(app), "2026-11-29T11:00:00Z")), Map.of()));
    assertEquals(List.of(), plan.start());
    assertNull(plan.gate().heldImage());
    assertEquals(WANTED, plan.gate().image(WANTED));
    assertNull(plan.report().waiting());
  }

  @Test
  void aFailedBackupHoldsTheRollout_degradedWithTheScriptsWordsAndBothWaysOut() {
    TodoApp app = app();
    String name = jobOf(app);
    DataSafetyPlan plan = DataSafety.decide(app, inputs(RUNNING, jobs(Jobs.failed(name, "2026-11-29T11:00:00Z")),
        Map.of(name, "backup failed: the backup directory /backups is missing or not writable")));
    assertEquals(RUNNING, plan.gate().heldImage());
    assertEquals(List.of(), plan.start(), "not retried until the Job is deleted");
    Problem problem = plan.report().problems().get(0);
    assertEquals(Problem.Reason.BACKUP_BEFORE_UPGRADE_FAILED, problem.reason());
    assertTrue(problem.message().contains("/backups is missing or not writable")
        && problem.message().contains("stays on " + RUNNING) && problem.message().contains("delete Job " + name)
        && problem.message().contains("spec.database.managed.backup.beforeUpgrade to false"), problem.message());
    assertEquals(false, plan.report().backup().getLastBackupSucceeded(), "and it is the last backup, failed");
  }

  @Test
  void anImageChangeWhileAnotherBackupRuns_stillTakesItsOwnBackup() {
    TodoApp app = app();
    DataSafetyPlan plan = DataSafety.decide(app, inputs(RUNNING, jobs(Jobs.running("app-backup-29401234"),
        Jobs.running("app-backup-0a1b2c3d4e")), Map.of()));
    assertEquals(1, plan.start().size());
    assertEquals(jobOf(app), plan.start().get(0).job().getMetadata().getName());
    assertEquals(RUNNING, plan.gate().heldImage());
  }

  @Test
  void noBackupWhenTheImageIsUnchanged_theBackendIsNew_orBeforeUpgradeIsOff() {
    assertEquals(RolloutGate.OPEN, DataSafety.decide(app(), inputs(WANTED, jobs(), Map.of())).gate());
    assertEquals(List.of(), DataSafety.decide(app(), inputs(WANTED, jobs(), Map.of())).start());
    assertEquals(List.of(), DataSafety.decide(app(), inputs(null, jobs(), Map.of())).start(), "no backend yet");

    TodoApp off = app();
    off.getSpec().getDatabase().getManaged().setBackup(new BackupSpec());
    off.getSpec().getDatabase().getManaged().getBackup().setBeforeUpgrade(false);
    DataSafetyPlan plan = DataSafety.decide(off, inputs(RUNNING, jobs(), Map.of()));
    assertEquals(List.of(), plan.start());
    assertEquals(RolloutGate.OPEN, plan.gate());
  }
}
