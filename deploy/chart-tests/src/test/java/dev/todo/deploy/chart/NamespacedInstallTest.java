package dev.todo.deploy.chart;

import static dev.todo.deploy.chart.RenderedChart.NAMESPACE;
import static dev.todo.deploy.chart.RenderedChart.RELEASE;
import static dev.todo.deploy.chart.RenderedChart.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** watchNamespaces: [team-a, team-b]: the operator may act in those namespaces only. */
class NamespacedInstallTest {

  static RenderedChart chart;

  @BeforeAll
  static void render() {
    chart = RenderedChart.renderWith("watchNamespaces: [team-a, team-b]\n");
  }

  @Test
  void tellsTheOperatorWhichNamespacesToWatch() {
    assertEquals("team-a,team-b", chart.operatorEnv().get("WATCH_NAMESPACES"));
  }

  @Test
  void grantsTheOperatorRightsInEachWatchedNamespaceOnly() {
    for (String namespace : List.of("team-a", "team-b")) {
      Map<String, Object> role = chart.named("Role", RELEASE, namespace);
      assertEquals(OperatorPermissions.EXPECTED, OperatorPermissions.of(role), "Role in " + namespace);
      Map<String, Object> binding = chart.named("RoleBinding", RELEASE, namespace);
      assertEquals("Role", path(binding, "roleRef.kind"));
      assertEquals(RELEASE, path(binding, "roleRef.name"));
      assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", RELEASE, "namespace", NAMESPACE)),
          path(binding, "subjects"), "binds the operator's account from its own namespace");
    }
    assertEquals(2, chart.ofKind("Role").size(), "no Role anywhere else: " + chart.summary());
  }

  @Test
  void bindsNoClusterWideRole() {
    assertTrue(chart.ofKind("ClusterRoleBinding").isEmpty(), chart.summary());
    assertTrue(chart.ofKind("ClusterRole").stream()
            .noneMatch(r -> RELEASE.equals(path(r, "metadata.name"))),
        "the operator's ClusterRole is not rendered: " + chart.summary());
  }
}
