package dev.todo.deploy.chart;

import static dev.todo.deploy.chart.RenderedChart.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * monitoring.dashboard.enabled: a ConfigMap holding the dashboard file unchanged, with the label
 * Grafana's sidecar loads dashboards by; deploy/monitoring/ holds the same file. Its PromQL is checked
 * against real scrapes by scripts/monitoring/test-rules.sh.
 */
class MonitoringDashboardTest {
  private static final Path DASHBOARD = RenderedChart.chartDir().resolve("monitoring/todo-operator-dashboard.json");

  @Test
  void noDashboardUnlessAskedFor() {
    assertTrue(RenderedChart.render().ofKind("ConfigMap").stream()
        .noneMatch(c -> ((Map<?, ?>) c.get("data")).containsKey("todo-operator-dashboard.json")));
  }

  @Test
  void theConfigMapHoldsTheDashboardForGrafanasSidecar() throws Exception {
    RenderedChart chart = RenderedChart.renderWith("""
        monitoring:
          dashboard:
            enabled: true
            annotations:
              grafana_folder: Todo
        """);
    Map<String, Object> configMap = chart.named("ConfigMap", "todo-operator-dashboard", RenderedChart.NAMESPACE);
    assertEquals("1", path(configMap, "metadata.labels.grafana_dashboard"));
    assertEquals("Todo", path(configMap, "metadata.annotations.grafana_folder"));
    String json = (String) ((Map<?, ?>) configMap.get("data")).get("todo-operator-dashboard.json");
    assertEquals(Files.readString(DASHBOARD).strip(), json.strip());
  }

  @Test
  void thePlainDashboardUnderDeployIsTheChartsFile() throws Exception {
    Path plain = DASHBOARD.resolve("../../../../monitoring/todo-operator-dashboard.json").normalize();
    assertEquals(-1L, Files.mismatch(DASHBOARD, plain), "deploy/monitoring/todo-operator-dashboard.json differs from the"
        + " chart's: cp deploy/helm/todo-operator/monitoring/todo-operator-dashboard.json deploy/monitoring/");
  }
}
