package dev.todo.operator.datasafety;

import static dev.todo.operator.datasafety.Jobs.inputs;
import static dev.todo.operator.datasafety.Jobs.jobs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.status.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decisions together: one gate, one report, the restore's word first. */
class DataSafetyTest {

  @Test
  void theGateHoldsForBoth_andTheRestoreIsReportedFirst() {
    TodoApp app = RestoreFirstTest.restoring("latest", null);
    String backup = BackupBeforeUpgradeTest.jobOf(app);
    DataSafetyPlan plan = DataSafety.decide(app, inputs(BackupBeforeUpgradeTest.RUNNING,
        jobs(Jobs.failed(RestoreFirstTest.JOB, "t"), Jobs.failed(backup, "t")), Map.of()));
    assertEquals(new RolloutGate(BackupBeforeUpgradeTest.RUNNING, true), plan.gate());
    assertEquals(List.of(Problem.Reason.RESTORE_FAILED, Problem.Reason.BACKUP_BEFORE_UPGRADE_FAILED),
        plan.report().problems().stream().map(Problem::reason).toList());

    DataSafetyPlan waiting = DataSafety.decide(RestoreFirstTest.restoring("latest", null),
        inputs(BackupBeforeUpgradeTest.RUNNING, jobs(Jobs.running(RestoreFirstTest.JOB)), Map.of()));
    assertEquals(DataSafetyReport.Step.RESTORING, waiting.report().waiting().step(),
        "restoring, not backing up: the phase is Restoring");
  }

  @Test
  void theBackendsGateIsThePlansGate_withoutReadingAnyPod() {
    TodoApp app = RestoreFirstTest.restoring("latest", null);
    String backup = BackupBeforeUpgradeTest.jobOf(app);
    for (var jobs : List.of(jobs(), jobs(Jobs.running(RestoreFirstTest.JOB)),
        jobs(Jobs.succeeded(RestoreFirstTest.JOB, "t")), jobs(Jobs.failed(RestoreFirstTest.JOB, "t")),
        jobs(Jobs.succeeded(RestoreFirstTest.JOB, "t"), Jobs.running(backup)),
        jobs(Jobs.succeeded(RestoreFirstTest.JOB, "t"), Jobs.failed(backup, "t")),
        jobs(Jobs.succeeded(RestoreFirstTest.JOB, "t"), Jobs.succeeded(backup, "t")))) {
      RolloutGate planned = DataSafety.decide(app, inputs(BackupBeforeUpgradeTest.RUNNING, jobs,
          Map.of(RestoreFirstTest.JOB, "restored x.dump"))).gate();
      RolloutGate gateOnly = DataSafety.rolloutGate(app, new DataSafetyInputs(jobs,
          new RunningBackend(BackupBeforeUpgradeTest.RUNNING, BackupBeforeUpgradeTest.SINCE),
          name -> {
            throw new AssertionError("the gate read the pods of " + name);
          }, Jobs.NOW));
      assertEquals(planned, gateOnly, "jobs: " + jobs);
    }
    assertEquals(new RolloutGate(BackupBeforeUpgradeTest.RUNNING, false), DataSafety.rolloutGate(app,
        inputs(BackupBeforeUpgradeTest.RUNNING, jobs(Jobs.succeeded(RestoreFirstTest.JOB, "t")), Map.of())));
  }
}
