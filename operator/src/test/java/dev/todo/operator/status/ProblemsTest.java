package dev.todo.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  static Pod waiting(String name, String reason, String message) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
        .addNewContainerStatus().withName("backend").withImage("todo-backend:typo").withRestartCount(4)
        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
        .endContainerStatus().endStatus().build();
  }

  @Test
  void missingSecretsAndKeysAreNamedWithTheFix() {
    TodoApp app = TestApps.external("app", "ns", "neon-db", "url");
    app.getSpec().setAi(TestApps.ai("openai-key", "api-key"));
    Secret wrongKey = new SecretBuilder().withNewMetadata().withName("openai-key").endMetadata()
        .withData(Map.of("other", "eA==")).build();
    Map<String, Secret> cluster = Map.of("openai-key", wrongKey);
    List<Problem> found = Problems.secrets(app, name -> Optional.ofNullable(cluster.get(name)));
    List<String> problems = messages(found);
    assertEquals(List.of(Problem.Reason.SECRET_MISSING, Problem.Reason.SECRET_MISSING), reasons(found));
    assertEquals(2, problems.size());
    assertTrue(problems.get(0).startsWith("Secret neon-db not found (spec.database.external.secretKeyRef)"));
    assertTrue(problems.get(0).contains("kubectl create secret generic neon-db --from-literal=url="));
    assertTrue(problems.get(1).startsWith("Secret openai-key has no key api-key"));
    assertEquals(List.of(), Problems.secrets(TestApps.full("app", "ns"), name -> Optional.empty()),
        "generated Secrets are the operator's job, not the user's");
  }

  @Test
  void unservedApisAreReportedOnlyWhenAskedFor() {
    TodoApp app = TestApps.full("app", "ns");
    List<Problem> found = Problems.unservedApis(app.getSpec(), false, false);
    List<String> problems = messages(found);
    assertEquals(List.of(Problem.Reason.API_NOT_SERVED, Problem.Reason.API_NOT_SERVED), reasons(found));
    assertTrue(problems.get(0).startsWith(
        "HorizontalPodAutoscaler autoscaling/v2 is not served by this cluster; Kubernetes >= 1.23 is required"));
    assertTrue(problems.get(1).startsWith("PodDisruptionBudget policy/v1 is not served"));
    assertEquals(List.of(), Problems.unservedApis(TestApps.minimal("a", "ns").getSpec(), false, false));
    assertEquals(List.of(), Problems.unservedApis(app.getSpec(), true, true));
  }

  @Test
  void monitoringAskedForWithoutTheServiceMonitorApiNamesBothWaysOut() {
    TodoApp app = TestApps.minimal("app", "ns");
    assertEquals(List.of(), Problems.unservedMonitoring(app.getSpec(), false), "off by default: nothing asked for");
    app.getSpec().setMonitoring(new dev.todo.operator.model.spec.MonitoringSpec());
    app.getSpec().getMonitoring().setEnabled(true);
    List<Problem> found = Problems.unservedMonitoring(app.getSpec(), false);
    assertEquals(List.of(Problem.Reason.API_NOT_SERVED), reasons(found));
    String message = messages(found).get(0);
    assertTrue(message.startsWith("ServiceMonitor monitoring.coreos.com/v1 is not served by this cluster")
        && message.contains("install the Prometheus Operator's CRDs") && message.contains("spec.monitoring.enabled to false"),
        message);
    assertEquals(List.of(), Problems.unservedMonitoring(app.getSpec(), true));
  }

  @Test
  void podErrorsBecomeActionableMessages_oncePerReason() {
    List<Problem> found = Problems.pods("backend", "spec.backend", List.of(
        waiting("p1", "ImagePullBackOff", "Back-off pulling image"),
        waiting("p2", "ImagePullBackOff", "Back-off pulling image"),
        waiting("p3", "CrashLoopBackOff", "back-off 5m0s"),
        waiting("p4", "CreateContainerConfigError", "secret \"neon-db\" not found"),
        waiting("p5", "ContainerCreating", null)), Instant.now());
    List<String> problems = messages(found);
    assertEquals(3, problems.size());
    assertEquals("backend pod p1 cannot pull image todo-backend:typo (ImagePullBackOff): check spec.backend.image"
        + " and spec.imagePullSecrets", problems.get(0));
    assertTrue(problems.get(1).contains("keeps crashing (CrashLoopBackOff, 4 restarts): see kubectl logs p3 --previous"));
    assertTrue(problems.get(2).contains("secret \"neon-db\" not found"));
    assertEquals(List.of(Problem.Reason.PODS_FAILING, Problem.Reason.PODS_FAILING, Problem.Reason.PODS_FAILING),
        reasons(found), "a pod that cannot start for a missing Secret is a pod problem, whatever its message says");
  }

  @Test
  void aPodWaitingForANodeIsAProblemOnlyOnceItHasWaitedLongerThanAMomentForOne() {
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    Pod justCreated = unschedulable("b1", now.minusSeconds(3));
    Pod waitingLong = unschedulable("b2", now.minusSeconds(45));
    assertEquals(List.of(), Problems.pods("backend", "spec.backend", List.of(justCreated), now),
        "a pod unschedulable for 3 s is not yet a problem");
    List<String> problems = messages(Problems.pods("backend", "spec.backend", List.of(justCreated, waitingLong), now));
    assertEquals(List.of("backend pod b2 cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.; lower"
        + " spec.backend.resources or add nodes"), problems);
  }

  private static Pod unschedulable(String name, Instant since) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
        .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient cpu.")
        .withLastTransitionTime(since.toString()).endCondition().endStatus().build();
  }

  private static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }

  private static List<Problem.Reason> reasons(List<Problem> problems) {
    return problems.stream().map(Problem::reason).toList();
  }
}
