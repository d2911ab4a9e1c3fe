package dev.todo.deploy.chart;

import static dev.todo.deploy.chart.RenderedChart.NAMESPACE;
import static dev.todo.deploy.chart.RenderedChart.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** metrics.serviceMonitor.enabled: Prometheus Operator scrapes /q/metrics through the metrics Service. */
class ServiceMonitorTest {

  @Test
  void scrapesTheOperatorsMetricsServiceWhenAskedTo() {
    RenderedChart chart = RenderedChart.renderWith(
        "metrics:\n  serviceMonitor:\n    enabled: true\n    interval: 15s\n    labels:\n      release: kube-prometheus-stack\n");
    Map<String, Object> monitor = chart.single("ServiceMonitor");
    assertEquals("monitoring.coreos.com/v1", monitor.get("apiVersion"));
    assertEquals("kube-prometheus-stack", path(monitor, "metadata.labels.release"));
    assertEquals(List.of(NAMESPACE), path(monitor, "spec.namespaceSelector.matchNames"));

    Map<String, Object> endpoint = ((List<Map<String, Object>>) path(monitor, "spec.endpoints")).get(0);
    assertEquals("http-metrics", endpoint.get("port"));
    assertEquals("/q/metrics", endpoint.get("path"));
    assertEquals("15s", endpoint.get("interval"));

    // The monitor's selector must match the metrics Service's labels, or Prometheus scrapes nothing.
    Map<String, Object> serviceLabels = path(chart.single("Service"), "metadata.labels");
    Map<String, Object> selector = path(monitor, "spec.selector.matchLabels");
    selector.forEach((k, v) -> assertEquals(v, serviceLabels.get(k), "Service label " + k));
  }
}
