package dev.todo.deploy.chart;

import static dev.todo.deploy.chart.RenderedChart.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * monitoring.rules.enabled: the chart's PrometheusRule holds exactly the rule file that promtool
 * tests (scripts/monitoring/test-rules.sh), the plain copy under deploy/monitoring/ is that same
 * file, and every alert's runbook_url names a runbook page that exists.
 */
class MonitoringRulesTest {
  private static final Path REPO = RenderedChart.chartDir().resolve("../../..").normalize();
  private static final Path RULES = RenderedChart.chartDir().resolve("monitoring/todo-operator-rules.yaml");
  private static final String DEFAULT_BASE = "https://github.com/todo-operator/todo-operator/blob/main/docs/runbooks";

  @Test
  void noPrometheusRuleUnlessAskedFor() {
    assertTrue(RenderedChart.render().ofKind("PrometheusRule").isEmpty());
  }

  @Test
  void thePrometheusRuleHoldsTheTestedRuleFileWithTheRunbookBaseOfTheValues() throws IOException {
    RenderedChart chart = RenderedChart.renderWith("""
        monitoring:
          rules:
            enabled: true
            labels:
              release: kube-prometheus-stack
            runbookBaseUrl: https://docs.example.com/todo/runbooks
        """);
    Map<String, Object> rule = chart.single("PrometheusRule");
    assertEquals("monitoring.coreos.com/v1", rule.get("apiVersion"));
    assertEquals("kube-prometheus-stack", path(rule, "metadata.labels.release"));
    Map<String, Object> expected = load(Files.readString(RULES).replace(DEFAULT_BASE, "https://docs.example.com/todo/runbooks"));
    assertEquals(expected, path(rule, "spec"));
    assertTrue(alerts(path(rule, "spec")).stream().allMatch(a -> runbook(a).startsWith("https://docs.example.com/todo/runbooks/")));
  }

  @Test
  void thePlainRuleFileUnderDeployIsTheChartsFile() throws IOException {
    assertEquals(-1L, Files.mismatch(RULES, REPO.resolve("deploy/monitoring/todo-operator-rules.yaml")),
        "deploy/monitoring/todo-operator-rules.yaml differs from the chart's: run  "
            + "cp deploy/helm/todo-operator/monitoring/todo-operator-rules.yaml deploy/monitoring/");
  }

  @Test
  void everyAlertHasASummaryADescriptionAndARunbookPageThatExists() throws IOException {
    List<Map<String, Object>> alerts = alerts(load(Files.readString(RULES)));
    assertTrue(alerts.size() >= 12, "alerts: " + alerts.size());
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> alert : alerts) {
      String name = (String) alert.get("alert");
      if (!(DEFAULT_BASE + "/" + name + ".md").equals(runbook(alert))) {
        problems.add(name + ": runbook_url " + runbook(alert));
      }
      if (!Files.isRegularFile(REPO.resolve("docs/runbooks/" + name + ".md"))) {
        problems.add(name + ": no docs/runbooks/" + name + ".md");
      }
      for (String key : List.of("summary", "description")) {
        String text = path(alert, "annotations." + key);
        if (text == null || !text.contains("$labels.") && !name.startsWith("TodoOperator")) {
          problems.add(name + ": its " + key + " does not name the TodoApp");
        }
      }
      if (!List.of("warning", "critical").contains(path(alert, "labels.severity"))) {
        problems.add(name + ": severity " + path(alert, "labels.severity"));
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    String troubleshooting = Files.readString(REPO.resolve("docs/troubleshooting.md"));
    for (Map<String, Object> alert : alerts) {
      assertTrue(troubleshooting.contains("runbooks/" + alert.get("alert") + ".md"),
          "docs/troubleshooting.md does not link the runbook of " + alert.get("alert"));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> alerts(Map<String, Object> ruleFile) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) ruleFile.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        if (rule.containsKey("alert")) {
          alerts.add(rule);
        }
      }
    }
    assertFalse(alerts.isEmpty(), "no alerts");
    return alerts;
  }

  private static String runbook(Map<String, Object> alert) {
    return path(alert, "annotations.runbook_url");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }
}
