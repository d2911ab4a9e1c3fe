package dev.todo.operator.resources.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.datasafety.RolloutGate;
import dev.todo.operator.datasafety.RunningBackend;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.RestoreSpec;
import dev.todo.operator.resources.database.PostgresBackupJob;
import dev.todo.operator.resources.database.PostgresRestoreJob;
import dev.todo.operator.resources.shared.AppDeployment;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend's desired image and existence, as the data-safety decisions allow them. */
class BackendRolloutTest {
  static final AppDeployment.Inputs INPUTS = new AppDeployment.Inputs("abc123", false);

  /** A managed database whose backend runs todo-backend:old, asked to run todo-backend:dev. */
  static TodoApp upgrading() {
    TodoApp app = TestApps.withUid(TestApps.full("app", "ns"));
    app.getMetadata().setGeneration(4L);
    return app;
  }

  static Deployment runningOld(TodoApp app) {
    app.getSpec().getBackend().setImage("todo-backend:old");
    Deployment running = BackendDeployment.build(app, INPUTS);
    app.getSpec().getBackend().setImage("todo-backend:dev");
    return running;
  }

  static Job complete(Job job) {
    job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1)
        .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build()).build());
    return job;
  }

  static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  @Test
  void aHeldGateKeepsTheRunningImage_andRecordsIt() {
    TodoApp app = upgrading();
    Deployment held = BackendDeployment.build(app, INPUTS, new RolloutGate("todo-backend:old", false), null);
    assertEquals("todo-backend:old", image(held));
    assertEquals("todo-backend:old", BackendDeployment.appliedImage(held), "the upgrade is still to come");
    assertEquals("todo-backend:dev", image(BackendDeployment.build(app, INPUTS, RolloutGate.OPEN, null)));
  }

  @Test
  void theGenerationThatGaveTheImageIsKeptWhileTheImageStays_andRenewedWhenItChanges() {
    TodoApp app = upgrading(); // generation 4
    Deployment running = runningOld(app);
    assertEquals(new RunningBackend("todo-backend:old", 4L), BackendDeployment.running(running));
    app.getMetadata().setGeneration(6L);
    Deployment held = BackendDeployment.build(app, INPUTS, new RolloutGate("todo-backend:old", false),
        BackendDeployment.running(running));
    assertEquals(new RunningBackend("todo-backend:old", 4L), BackendDeployment.running(held),
        "the same image: the same rollout to come, whatever else changed");
    Deployment rolled = BackendDeployment.build(app, INPUTS, RolloutGate.OPEN, BackendDeployment.running(held));
    assertEquals(new RunningBackend("todo-backend:dev", 6L), BackendDeployment.running(rolled));
    running.getMetadata().getAnnotations().remove(BackendDeployment.IMAGE_SINCE_ANNOTATION);
    assertEquals(new RunningBackend("todo-backend:old", null), BackendDeployment.running(running),
        "a Deployment of an earlier operator");
  }

  @Test
  void theDesiredImageChangesOnlyAfterTheBackupBeforeTheUpgradeSucceeded() {
    TodoApp app = upgrading();
    Deployment running = runningOld(app);
    RolloutGate noJobYet = BackendDeployment.rolloutGate(app, List.of(), running);
    assertEquals("todo-backend:old", image(BackendDeployment.build(app, INPUTS, noJobYet, null)),
        "no backup Job in the cache yet: the backend must not roll");

    Job backup = PostgresBackupJob.beforeUpgrade(app, "todo-backend:dev",
        BackendDeployment.running(running).rolloutTo("todo-backend:dev"));
    assertEquals("todo-backend:old", image(BackendDeployment.build(app, INPUTS,
        BackendDeployment.rolloutGate(app, List.of(backup), running), null)), "the backup runs");
    assertEquals("todo-backend:dev", image(BackendDeployment.build(app, INPUTS,
        BackendDeployment.rolloutGate(app, List.of(complete(backup)), running), null)), "the backup succeeded");
  }

  @Test
  void aNewBackendWaitsForTheRestore() {
    TodoApp app = upgrading();
    RestoreSpec restore = new RestoreSpec();
    restore.setPvc("todo-backups");
    app.getSpec().getDatabase().setRestoreFrom(restore);
    assertTrue(BackendDeployment.rolloutGate(app, List.of(), null).waitForRestore());
    Job job = PostgresRestoreJob.build(app);
    assertTrue(BackendDeployment.rolloutGate(app, List.of(job), null).waitForRestore(), "running");
    assertFalse(BackendDeployment.rolloutGate(app, List.of(complete(job)), null).waitForRestore(), "restored");
  }
}
