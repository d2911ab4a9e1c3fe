package dev.todo.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.model.TodoAppStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant T1 = T0.plusSeconds(60);
  static final String URL = "http://todo.local";

  static Deployment deployment(int desired, int ready) {
    return new DeploymentBuilder().withNewMetadata().withName("d").withGeneration(2L).endMetadata()
        .withNewSpec().withReplicas(desired).withNewTemplate().withNewSpec().addNewContainer().withImage("img:1")
        .endContainer().endSpec().endTemplate().endSpec()
        .withNewStatus().withReplicas(desired).withReadyReplicas(ready).withUpdatedReplicas(ready)
        .withObservedGeneration(2L).endStatus()
        .build();
  }

  static StatefulSet statefulSet(int ready) {
    return new StatefulSetBuilder().withNewMetadata().withName("pg").endMetadata().withNewSpec().withReplicas(1)
        .endSpec().withNewStatus().withReadyReplicas(ready).endStatus().build();
  }

  static Observed observed(List<String> specErrors, List<Problem> problems, Deployment b, Deployment f, StatefulSet db) {
    return new Observed(3L, specErrors, problems, b, f, db, db != null, URL, DataSafetyReport.NONE);
  }

  static String status(TodoAppStatus s, String type) {
    return StatusAggregator.find(s, type).getStatus();
  }

  @Test
  void pendingBeforeTheWorkloadsExist() {
    TodoAppStatus s = StatusAggregator.aggregate(null, observed(List.of(), List.of(), null, null, null), T0);
    assertEquals("Pending", s.getPhase());
    assertEquals("False", status(s, "Ready"));
    assertEquals("Creating", StatusAggregator.find(s, "Ready").getReason());
    assertEquals(3L, s.getObservedGeneration());
    assertEquals(3L, StatusAggregator.find(s, "Ready").getObservedGeneration());
  }

  @Test
  void anAutoscaledComponentIsNotReadyBelowItsMinReplicas_thoughItsDeploymentSaysOne() {
    // the HPA owns replicas: the Deployment is created with 1 until the HPA raises it to minReplicas 3
    Deployment backend = deployment(1, 1);
    backend.getSpec().setReplicas(null);
    Observed o = new Observed(3L, List.of(), List.of(), backend, deployment(1, 1), null, false, URL,
        DataSafetyReport.NONE, 3, 0);
    TodoAppStatus s = StatusAggregator.aggregate(null, o, T0);
    assertEquals("Progressing", s.getPhase());
    assertEquals("1/3", s.getBackend().getReady());
    assertTrue(StatusAggregator.find(s, "Ready").getMessage().contains("backend (1/3 ready)"),
        StatusAggregator.find(s, "Ready").getMessage());

    Deployment scaled = deployment(3, 3);
    scaled.getSpec().setReplicas(3);
    TodoAppStatus ready = StatusAggregator.aggregate(s, new Observed(3L, List.of(), List.of(), scaled,
        deployment(1, 1), null, false, URL, DataSafetyReport.NONE, 3, 0), T1);
    assertEquals("Ready", ready.getPhase());
    assertEquals("3/3", ready.getBackend().getReady());
  }

  @Test
  void progressingUntilEveryWorkloadIsReady_thenReady() {
    TodoAppStatus s = StatusAggregator.aggregate(null,
        observed(List.of(), List.of(), deployment(2, 1), deployment(1, 1), statefulSet(1)), T0);
    assertEquals("Progressing", s.getPhase());
    assertEquals("True", status(s, "Progressing"));
    assertTrue(StatusAggregator.find(s, "Ready").getMessage().contains("backend (1/2 ready)"));
    assertEquals("1/2", s.getBackend().getReady());
    assertEquals("img:1", s.getBackend().getImage());

    TodoAppStatus ready = StatusAggregator.aggregate(s,
        observed(List.of(), List.of(), deployment(2, 2), deployment(1, 1), statefulSet(1)), T1);
    assertEquals("Ready", ready.getPhase());
    assertEquals("True", status(ready, "Ready"));
    assertEquals("False", status(ready, "Progressing"));
    assertEquals("False", status(ready, "Degraded"));
    assertEquals(T1.toString(), StatusAggregator.find(ready, "Ready").getLastTransitionTime());
    assertEquals(T0.toString(), StatusAggregator.find(ready, "Degraded").getLastTransitionTime(),
        "Degraded stayed False: its transition time is kept");
    assertEquals(URL, ready.getUrl());
    assertTrue(StatusAggregator.find(ready, "Ready").getMessage().contains(URL));
  }

  @Test
  void theManagedDatabaseCountsToo() {
    TodoAppStatus s = StatusAggregator.aggregate(null,
        observed(List.of(), List.of(), deployment(1, 1), deployment(1, 1), statefulSet(0)), T0);
    assertEquals("Progressing", s.getPhase());
    assertTrue(StatusAggregator.find(s, "Ready").getMessage().contains("database (0/1 ready)"));
  }

  @Test
  void anUnchangedWorldGivesAnEqualStatus_soNothingIsWritten() {
    Observed o = observed(List.of(), List.of(), deployment(1, 1), deployment(1, 1), null);
    TodoAppStatus first = StatusAggregator.aggregate(null, o, T0);
    assertEquals(first, StatusAggregator.aggregate(first, o, T1));
    assertNull(first.getDatabase());
  }

  @Test
  void problemsMakeItDegradedWithTheFixInTheMessage() {
    String problem = "Secret openai-key has no key api-key (spec.ai.apiKeySecretRef): add the key";
    TodoAppStatus s = StatusAggregator.aggregate(null, observed(List.of(),
        List.of(new Problem(Problem.Reason.SECRET_MISSING, problem)), deployment(1, 1), deployment(1, 1), null), T0);
    assertEquals("Degraded", s.getPhase());
    assertEquals("True", status(s, "Degraded"));
    assertEquals("SecretMissing", StatusAggregator.find(s, "Degraded").getReason());
    assertEquals(problem, StatusAggregator.find(s, "Degraded").getMessage());
    assertEquals("True", status(s, "Ready"), "the app still serves");
  }

  @Test
  void anInvalidSpecIsDegradedAndKeepsTheLastKnownWorkloads() {
    TodoAppStatus before = StatusAggregator.aggregate(null,
        observed(List.of(), List.of(), deployment(1, 1), deployment(1, 1), null), T0);
    TodoAppStatus s = StatusAggregator.aggregate(before,
        observed(List.of("spec.database: set exactly one of external, managed or embedded"), List.of(),
            deployment(1, 1), deployment(1, 1), null), T1);
    assertEquals("Degraded", s.getPhase());
    assertEquals("InvalidSpec", StatusAggregator.find(s, "Degraded").getReason());
    assertTrue(StatusAggregator.find(s, "Degraded").getMessage().startsWith("Fix the TodoApp spec: spec.database"));
    assertEquals("False", status(s, "Ready"));
    assertEquals(before.getBackend(), s.getBackend());
    assertNotEquals(before, s);
  }

  @Test
  void reconcileFailuresAreDegradedWithoutForgettingReadiness() {
    TodoAppStatus ready = StatusAggregator.aggregate(null,
        observed(List.of(), List.of(), deployment(1, 1), deployment(1, 1), null), T0);
    TodoAppStatus failed = StatusAggregator.failed(ready, 3L, "boom", T1);
    assertEquals("Degraded", failed.getPhase());
    assertEquals("True", status(failed, "Ready"));
    assertEquals("ReconcileFailed", StatusAggregator.find(failed, "Degraded").getReason());
  }

  @Test
  void theDegradedReasonIsTheFirstProblemsKind_neverReadFromItsMessage() {
    TodoAppStatus s = StatusAggregator.aggregate(null, observed(List.of(), List.of(
        new Problem(Problem.Reason.PODS_FAILING, "Secret neon-db: backend pod p1 cannot start (CreateContainerConfigError)"),
        new Problem(Problem.Reason.SECRET_MISSING, "Secret neon-db not found")), deployment(1, 1), deployment(1, 1),
        null), T0);
    assertEquals("PodsFailing", StatusAggregator.find(s, "Degraded").getReason());
    assertEquals("Secret neon-db: backend pod p1 cannot start (CreateContainerConfigError); Secret neon-db not found",
        StatusAggregator.find(s, "Degraded").getMessage(), "every problem is in the message, in order");

    TodoAppStatus unserved = StatusAggregator.aggregate(null, observed(List.of(), List.of(
        new Problem(Problem.Reason.API_NOT_SERVED, "reworded without the usual phrase")), deployment(1, 1),
        deployment(1, 1), null), T0);
    assertEquals("ApiNotServed", StatusAggregator.find(unserved, "Degraded").getReason());
  }

  @Test
  void onePhaseRule_problemsFirst_thenWhatTheBackendWaitsFor_thenTheWorkloads() {
    var restoring = new DataSafetyReport.Waiting(DataSafetyReport.Step.RESTORING, "r");
    var backingUp = new DataSafetyReport.Waiting(DataSafetyReport.Step.BACKING_UP, "b");
    var problem = List.of(new Problem(Problem.Reason.RESTORE_FAILED, "x"));
    assertEquals(Phase.DEGRADED, StatusAggregator.phase(problem, restoring, true, true));
    assertEquals(Phase.RESTORING, StatusAggregator.phase(List.of(), restoring, false, false));
    assertEquals(Phase.PROGRESSING, StatusAggregator.phase(List.of(), backingUp, true, true),
        "held for a backup, a ready app is still on its way");
    assertEquals(Phase.READY, StatusAggregator.phase(List.of(), null, true, true));
    assertEquals(Phase.PENDING, StatusAggregator.phase(List.of(), null, false, false));
    assertEquals(Phase.PROGRESSING, StatusAggregator.phase(List.of(), null, false, true));
  }

  @Test
  void aFailedReconcileKeepsTheBackupRecords() {
    TodoAppStatus before = StatusAggregator.aggregate(null,
        observed(List.of(), List.of(), deployment(1, 1), deployment(1, 1), null), T0);
    dev.todo.operator.model.status.BackupStatus backup = new dev.todo.operator.model.status.BackupStatus();
    backup.setLastOnDemand("first");
    before.setBackup(backup);
    assertEquals(backup, StatusAggregator.failed(before, 3L, "boom", T1).getBackup(),
        "a lost lastOnDemand would take the same on-demand backup again");
  }

  @Test
  void deploymentReadinessFollowsRolloutStatus() {
    assertTrue(WorkloadReadiness.isReady(deployment(2, 2)));
    assertTrue(!WorkloadReadiness.isReady(deployment(2, 1)));
    Deployment stale = deployment(1, 1);
    stale.getMetadata().setGeneration(5L);
    assertTrue(!WorkloadReadiness.isReady(stale), "the controller has not seen the latest spec yet");
    assertTrue(WorkloadReadiness.isReady(deployment(0, 0)), "scaled to zero is done");
  }
}
