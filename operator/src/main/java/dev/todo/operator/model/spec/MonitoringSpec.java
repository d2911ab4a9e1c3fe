package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prometheus scraping of the backend through a Prometheus Operator ServiceMonitor. Off by default: a
 * Prometheus Operator install usually selects ServiceMonitors by a label (kube-prometheus-stack:
 * {@code release: <its release>}), so a user turning it on sets {@code labels} in the same edit, and a
 * cluster without the Prometheus Operator's CRDs is not told about a monitoring it never asked for.
 */
public class MonitoringSpec {
  public static final String DEFAULT_INTERVAL = "30s";

  @JsonPropertyDescription("Create a ServiceMonitor <name>-backend (monitoring.coreos.com/v1) so that the"
      + " Prometheus Operator scrapes the backend's /q/metrics (requests, latency histogram, JVM, connection"
      + " pool), each series labelled todoapp=<name>; the alerts and dashboard of the operator's chart read"
      + " them. Needs the Prometheus Operator's CRDs: without them the TodoApp reports Degraded with reason"
      + " ApiNotServed and runs unmonitored. With networkPolicy on, the backend's port 8080 then accepts"
      + " connections from every namespace, since the operator cannot know which one Prometheus runs in.")
  @Default("false")
  private Boolean enabled = false;

  @JsonPropertyDescription("How often Prometheus scrapes the backend, e.g. 30s or 1m.")
  @Default(DEFAULT_INTERVAL)
  @Pattern("^[0-9]+(ms|s|m|h)$")
  private String interval = DEFAULT_INTERVAL;

  @JsonPropertyDescription("Extra labels on the ServiceMonitor: the ones your Prometheus selects ServiceMonitors"
      + " by (kube-prometheus-stack: release: <its Helm release>).")
  private Map<String, String> labels = new LinkedHashMap<>();

  public boolean enabled() {
    return Boolean.TRUE.equals(enabled);
  }

  public String interval() {
    return interval == null || interval.isBlank() ? DEFAULT_INTERVAL : interval;
  }

  public Map<String, String> labels() {
    return labels == null ? Map.of() : labels;
  }

  // <accessors>
  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  // </accessors>
}
