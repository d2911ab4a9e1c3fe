package dev.todo.operator.datasafety;

import dev.todo.operator.datasafety.DataSafetyPlan.JobStart;
import dev.todo.operator.datasafety.DataSafetyPlan.Notice;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.model.spec.ManagedDatabaseSpec;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.status.Problem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The managed database's data-safety decisions, taken together: an on-demand backup
 * ({@link OnDemandBackup}), the restore before the backend exists ({@link RestoreFirst}), the backup
 * before a backend image change ({@link BackupBeforeUpgrade}) and the record of the last backup
 * ({@link LastBackup}). A function of the TodoApp (its spec and previous status) and what was observed;
 * it changes nothing. The reconciler carries out the plan before the workflow runs, and the backend's
 * dependent takes its {@link RolloutGate} from the same two decisions ({@link #rolloutGate}), so both act
 * on one decision: the backup Job is asked for in the reconcile whose Deployment keeps the old image.
 */
public final class DataSafety {
  private DataSafety() {
  }

  public static DataSafetyPlan decide(TodoApp app, DataSafetyInputs observed) {
    if (app.getSpec().database().mode() != DatabaseMode.MANAGED) {
      return DataSafetyPlan.NOTHING;
    }
    ManagedDatabaseSpec db = app.getSpec().getDatabase().getManaged();
    BackupStatus before = app.getStatus() == null ? null : app.getStatus().getBackup();

    OnDemandBackup.Decision onDemand = OnDemandBackup.decide(app, before == null ? null : before.getLastOnDemand());
    RestoreFirst.Decision restore = restore(app, observed);
    BackupBeforeUpgrade.Decision upgrade = upgrade(app, observed);
    BackupStatus backup = LastBackup.record(before, onDemand.lastOnDemand(), observed.jobs(),
        ChildNames.restoreJob(app), observed.messages(), db.backup(), observed.now());

    List<JobStart> start = present(onDemand.start(), restore.start(), upgrade.start());
    List<String> delete = present(restore.delete());
    List<Notice> events = present(restore.event());
    // The restore comes first: while it waits or failed, the backend does not exist to be upgraded.
    List<Problem> problems = present(restore.problem(), upgrade.problem());
    var waiting = restore.waiting() != null ? restore.waiting() : upgrade.waiting();
    return new DataSafetyPlan(start, delete, events, gate(restore, upgrade),
        new DataSafetyReport(backup, restore.status(), waiting, problems));
  }

  /**
   * The gate of {@link #decide} alone, for the backend's desired state: the same two decisions, without
   * the backup record (no schedule to compute, no pod to read).
   */
  public static RolloutGate rolloutGate(TodoApp app, DataSafetyInputs observed) {
    if (app.getSpec().database().mode() != DatabaseMode.MANAGED) {
      return RolloutGate.OPEN;
    }
    // The gate reads no message: only what the Jobs came to, never what their pods said.
    DataSafetyInputs outcomes = new DataSafetyInputs(observed.jobs(), observed.runningBackend(),
        JobOutcome.TerminationMessages.NONE, observed.now());
    return gate(restore(app, outcomes), upgrade(app, outcomes));
  }

  private static RestoreFirst.Decision restore(TodoApp app, DataSafetyInputs observed) {
    return RestoreFirst.decide(app, app.getStatus() == null ? null : app.getStatus().getRestore(), observed.jobs(),
        observed.messages());
  }

  private static BackupBeforeUpgrade.Decision upgrade(TodoApp app, DataSafetyInputs observed) {
    return BackupBeforeUpgrade.decide(app, observed.runningBackend(), observed.jobs(), observed.messages());
  }

  private static RolloutGate gate(RestoreFirst.Decision restore, BackupBeforeUpgrade.Decision upgrade) {
    return new RolloutGate(upgrade.heldImage(), restore.waitForRestore());
  }

  @SafeVarargs
  private static <T> List<T> present(Optional<T>... values) {
    return Stream.of(values).flatMap(Optional::stream).toList();
  }
}
