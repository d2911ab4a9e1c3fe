package dev.todo.operator.resources.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.MonitoringSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendServiceMonitorTest {

  static TodoApp monitored(Map<String, String> labels, String interval) {
    TodoApp app = TestApps.full("shop", "prod");
    MonitoringSpec monitoring = new MonitoringSpec();
    monitoring.setEnabled(true);
    monitoring.setLabels(labels);
    if (interval != null) {
      monitoring.setInterval(interval);
    }
    app.getSpec().setMonitoring(monitoring);
    return app;
  }

  @Test
  void scrapesTheBackendServicesMetricsPortAndLabelsEverySeriesWithTheTodoApp() {
    ServiceMonitor monitor = BackendServiceMonitor.build(monitored(Map.of(), null));
    assertEquals("shop-backend", monitor.getMetadata().getName());
    assertEquals("prod", monitor.getMetadata().getNamespace());
    Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
    assertEquals("/q/metrics", endpoint.getPath());
    assertEquals("30s", endpoint.getInterval());
    assertEquals("todoapp", endpoint.getRelabelings().get(0).getTargetLabel());
    assertEquals("shop", endpoint.getRelabelings().get(0).getReplacement());
    assertEquals("replace", endpoint.getRelabelings().get(0).getAction());

    // it must select the backend Service (by its labels) and name one of its ports, or nothing is scraped
    Service service = BackendService.build(monitored(Map.of(), null));
    monitor.getSpec().getSelector().getMatchLabels()
        .forEach((k, v) -> assertEquals(v, service.getMetadata().getLabels().get(k), "Service label " + k));
    assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> endpoint.getPort().equals(p.getName())),
        "the Service has no port named " + endpoint.getPort());
  }

  @Test
  void carriesTheLabelsPrometheusSelectsByButKeepsItsOwn() {
    ServiceMonitor monitor = BackendServiceMonitor.build(
        monitored(Map.of("release", "kube-prometheus-stack", "app.kubernetes.io/instance", "other"), "15s"));
    assertEquals("kube-prometheus-stack", monitor.getMetadata().getLabels().get("release"));
    assertEquals("shop", monitor.getMetadata().getLabels().get("app.kubernetes.io/instance"),
        "the labels the operator finds its child by are not overridden");
    assertEquals("15s", monitor.getSpec().getEndpoints().get(0).getInterval());
    assertEquals("todo-operator", monitor.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
  }

  @Test
  void isWantedOnlyWhenAskedFor() {
    BackendServiceMonitor.Wanted wanted = new BackendServiceMonitor.Wanted();
    assertFalse(wanted.isMet(null, TestApps.full("shop", "prod"), null), "off by default");
    assertTrue(wanted.isMet(null, monitored(Map.of(), null), null));
  }
}
