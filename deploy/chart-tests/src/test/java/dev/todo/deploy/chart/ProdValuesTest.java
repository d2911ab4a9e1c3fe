package dev.todo.deploy.chart;

import static dev.todo.deploy.chart.RenderedChart.NAMESPACE;
import static dev.todo.deploy.chart.RenderedChart.RELEASE;
import static dev.todo.deploy.chart.RenderedChart.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** values-prod.yaml: two replicas with leader election, a PDB, firm resources. */
class ProdValuesTest {

  static RenderedChart chart;

  @BeforeAll
  static void render() {
    chart = RenderedChart.render(RenderedChart.valuesFile("values-prod.yaml"));
  }

  @Test
  void runsTwoReplicasThatElectALeader() {
    Map<String, Object> deployment = chart.single("Deployment");
    assertEquals(2, (int) path(deployment, "spec.replicas"));
    assertEquals("true", chart.operatorEnv().get("LEADER_ELECTION_ENABLED"));
    assertEquals("fieldRef:metadata.namespace", chart.operatorEnv().get("POD_NAMESPACE"),
        "the lease lives in the operator's namespace, which it learns from the downward API");
    assertEquals("RollingUpdate", path(deployment, "spec.strategy.type"));
    assertEquals(0, (int) path(deployment, "spec.strategy.rollingUpdate.maxUnavailable"));
  }

  @Test
  void mayUseLeasesOnlyInItsOwnNamespace() {
    Map<String, Object> role = chart.named("Role", RELEASE + "-leader-election", NAMESPACE);
    assertEquals(Map.of("coordination.k8s.io/leases", new java.util.TreeSet<>(Set.of("get", "create", "update", "patch"))),
        OperatorPermissions.of(role));
    Map<String, Object> binding = chart.named("RoleBinding", RELEASE + "-leader-election", NAMESPACE);
    assertEquals(RELEASE + "-leader-election", path(binding, "roleRef.name"));
    assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", RELEASE, "namespace", NAMESPACE)),
        path(binding, "subjects"));
    assertTrue(OperatorPermissions.of(chart.named("ClusterRole", RELEASE, null)).keySet().stream()
            .noneMatch(r -> r.startsWith("coordination.k8s.io/")),
        "no cluster-wide lease rights");
  }

  @Test
  void keepsOneReplicaUpThroughNodeDrains() {
    Map<String, Object> pdb = chart.single("PodDisruptionBudget");
    assertEquals("policy/v1", pdb.get("apiVersion"));
    assertEquals(1, (int) path(pdb, "spec.minAvailable"));
    assertEquals((Object) path(chart.single("Deployment"), "spec.selector.matchLabels"), path(pdb, "spec.selector.matchLabels"));
  }

  @Test
  void refusesAClusterOlderThanTheOldestTestedRelease() {
    Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> RenderedChart.renderForKubernetes("1.34.9", RenderedChart.valuesFile("values-prod.yaml")));
    org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains(">=1.35.0-0"), refused.getMessage());
    assertEquals("policy/v1", RenderedChart.renderForKubernetes("1.35.0", RenderedChart.valuesFile("values-prod.yaml"))
        .single("PodDisruptionBudget").get("apiVersion"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void spreadsReplicasOverNodes() {
    Map<String, Object> term = ((List<Map<String, Object>>) path(chart.single("Deployment"),
        "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution")).get(0);
    assertEquals("kubernetes.io/hostname", path(term, "podAffinityTerm.topologyKey"));
  }

  @Test
  void reservesAndCapsResources() {
    Map<String, Object> container = chart.operatorContainer();
    assertEquals("200m", path(container, "resources.requests.cpu"));
    assertEquals("384Mi", path(container, "resources.requests.memory"));
    assertEquals("1", path(container, "resources.limits.cpu"));
    assertEquals("768Mi", path(container, "resources.limits.memory"));
    assertEquals("todo-operator:0.1.0", container.get("image"));
  }
}
