package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a current cluster a TodoApp that asks for autoscaling and disruption budgets gets
 * HorizontalPodAutoscalers (autoscaling/v2) and PodDisruptionBudgets (policy/v1): owned by the TodoApp,
 * applied server-side, put back after a hand edit, and deleted when the spec turns them off. The steps
 * build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoscalersAndDisruptionBudgetsIT {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.namespace("scaling").withOperator();
  static final String APP = "scaled";

  static GenericKubernetesResource created;

  @Test
  @Order(1)
  void autoscalingAndBudgetsGetV2AutoscalersAndV1BudgetsOwnedAndAppliedServerSide() {
    created = cluster.apps().create(cluster.apps().fromYaml("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: x}
        spec:
          database: {managed: {}}
          backend:
            autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 60}
          frontend:
            replicas: 2
            podDisruptionBudget: {minAvailable: 1}
        """, APP, cluster.ns()));

    HorizontalPodAutoscaler hpa = Awaitility.await("the backend's HorizontalPodAutoscaler (autoscaling/v2)")
        .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(this::backendHpa, h -> h != null);
    assertEquals("autoscaling/v2", hpa.getApiVersion());
    assertEquals(2, hpa.getSpec().getMinReplicas());
    assertEquals(4, hpa.getSpec().getMaxReplicas());
    assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
    assertEquals(APP + "-backend", hpa.getSpec().getScaleTargetRef().getName());
    assertEquals(60, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());

    for (String component : List.of("backend", "frontend")) {
      PodDisruptionBudget pdb = Awaitility.await("the " + component + "'s PodDisruptionBudget (policy/v1)")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500)).until(() -> pdb(component), p -> p != null);
      assertEquals("policy/v1", pdb.getApiVersion());
      assertEquals(new IntOrString(1), pdb.getSpec().getMinAvailable());
      assertEquals(component, pdb.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/component"));
      assertOwnedAndApplied(pdb);
    }
    assertOwnedAndApplied(hpa);

    // The cluster serves both APIs, so nothing is reported missing (the pods, with no node to run on,
    // are reported unschedulable).
    GenericKubernetesResource app = cluster.apps().awaitCondition(cluster.ns(), APP, "Progressing", "True", 60);
    String degraded = String.valueOf(TodoAppsOnCluster.conditionField(app, "Degraded", "message"));
    assertTrue(!degraded.contains("not served") && !"ApiNotServed".equals(
        TodoAppsOnCluster.conditionField(app, "Degraded", "reason")), "status: " + TodoAppsOnCluster.status(app));
  }

  @Test
  @Order(2)
  void handEditsOfTheAutoscalerAndABudgetArePutBack() {
    cluster.admin().autoscaling().v2().horizontalPodAutoscalers().inNamespace(cluster.ns()).withName(APP + "-backend")
        .edit(h -> new HorizontalPodAutoscalerBuilder(h).editSpec().withMaxReplicas(9).endSpec().build());
    cluster.admin().policy().v1().podDisruptionBudget().inNamespace(cluster.ns()).withName(APP + "-frontend")
        .edit(p -> new PodDisruptionBudgetBuilder(p).editSpec().withMinAvailable(new IntOrString(0)).endSpec()
            .build());

    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertEquals(4, backendHpa().getSpec().getMaxReplicas(), "the operator puts maxReplicas back");
      assertEquals(new IntOrString(1), pdb("frontend").getSpec().getMinAvailable(),
          "the operator puts minAvailable back");
    });
  }

  @Test
  @Order(3)
  void replicasSetThroughTheScaleSubresourceAsTheAutoscalerDoesAreLeftAlone() {
    long mark = cluster.plane().auditLog().mark();
    cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName(APP + "-backend").scale(3);
    // The scale is an event on the Deployment (a reconcile), and the app, whose pods never start here,
    // is re-checked every 15 s: wait for more than one re-check.
    KubeControlPlane.sleep(20_000);
    assertEquals(3, cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName(APP + "-backend").get()
        .getSpec()
        .getReplicas(), "the autoscaler's replicas stand");
    List<AuditLog.Event> writes = cluster.plane().auditLog().writesBy(KubeControlPlane.OPERATOR_USER, mark).stream()
        .filter(e -> cluster.ns().equals(e.namespace()) && "deployments".equals(e.resource())).toList();
    assertEquals(List.of(), writes, "the operator's writes to Deployments after the scale");
  }

  @Test
  @Order(4)
  void turningAutoscalingAndBudgetsOffInTheSpecDeletesThem() {
    cluster.apps().api().inNamespace(cluster.ns()).withName(APP).edit(a -> {
      Map<String, Object> spec = a.get("spec");
      @SuppressWarnings("unchecked")
      Map<String, Object> backend = (Map<String, Object>) spec.get("backend");
      backend.put("autoscaling", Map.of("enabled", false));
      @SuppressWarnings("unchecked")
      Map<String, Object> frontend = (Map<String, Object>) spec.get("frontend");
      frontend.put("podDisruptionBudget", Map.of("enabled", false));
      return a;
    });

    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertEquals(null, name(backendHpa()), "the backend's HPA is deleted");
      assertEquals(null, name(pdb("frontend")), "the frontend's PDB is deleted (turned off)");
      // One backend pod and no autoscaler: a budget would block every node drain, so it goes too.
      assertEquals(null, name(pdb("backend")), "the backend's PDB is deleted (a single pod)");
    });
    Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(1,
        cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName(APP + "-backend").get().getSpec()
            .getReplicas()));
  }

  private static String name(HasMetadata o) {
    return o == null ? null : o.getKind() + " " + o.getMetadata().getName();
  }

  private HorizontalPodAutoscaler backendHpa() {
    return cluster.admin().autoscaling().v2().horizontalPodAutoscalers().inNamespace(cluster.ns())
        .withName(APP + "-backend").get();
  }

  private static PodDisruptionBudget pdb(String component) {
    return cluster.admin().policy().v1().podDisruptionBudget().inNamespace(cluster.ns())
        .withName(APP + "-" + component).get();
  }

  private static void assertOwnedAndApplied(HasMetadata child) {
    String what = child.getKind() + " " + child.getMetadata().getName();
    assertTrue(TodoAppsOnCluster.ownedBy(child, created), what + " has the TodoApp as controller owner");
    assertNotNull(child.getMetadata().getManagedFields(), what + " has managedFields");
    assertTrue(child.getMetadata().getManagedFields().stream().anyMatch(m -> "Apply".equals(m.getOperation())),
        what + " is applied server-side: " + child.getMetadata().getManagedFields().stream()
            .map(m -> m.getManager() + ":" + m.getOperation()).toList());
  }
}
