package dev.todo.deploy.chart;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A wrong value fails the install before anything reaches the cluster, with a message naming it. */
class ValuesValidationTest {

  /** Asserts helm refuses the values with a message containing every one of the fragments. */
  private static void assertRejected(String valuesYaml, String... fragments) {
    String message = assertThrows(RuntimeException.class, () -> RenderedChart.renderWith(valuesYaml),
        "helm should have rejected:\n" + valuesYaml).getMessage();
    for (String fragment : fragments) {
      assertTrue(message != null && message.contains(fragment),
          "the error should name '" + fragment + "' but was: " + message);
    }
  }

  @Test
  void rejectsAMisspeltKey() {
    assertRejected("replicas: 2\n", "additional properties 'replicas' not allowed");
  }

  @Test
  void rejectsAMisspeltNestedKey() {
    assertRejected("image:\n  repository: todo-operator\n  pullPolicy: Never\n  tga: dev\n", "at '/image'", "additional properties 'tga' not allowed");
  }

  @Test
  void rejectsAnUnknownPullPolicy() {
    assertRejected("image:\n  repository: todo-operator\n  pullPolicy: Sometimes\n", "'/image/pullPolicy'", "must be one of 'IfNotPresent', 'Always', 'Never'");
  }

  @Test
  void rejectsANamespaceNameKubernetesWouldRefuse() {
    assertRejected("watchNamespaces: [Team_A]\n", "'/watchNamespaces/0'", "'Team_A' does not match pattern");
  }

  @Test
  void rejectsZeroReplicas() {
    assertRejected("replicaCount: 0\n", "'/replicaCount'", "minimum: got 0, want 1");
  }

  @Test
  void rejectsAnUnknownLogLevel() {
    assertRejected("logLevel: verbose\n", "'/logLevel'", "must be one of 'DEBUG', 'INFO', 'WARN', 'ERROR'");
  }

  @Test
  void rejectsADisruptionBudgetThatWouldBlockEveryNodeDrain() {
    assertRejected("podDisruptionBudget:\n  enabled: true\n  minAvailable: 1\n", "podDisruptionBudget.minAvailable (1) must be lower than replicaCount (1)");
  }

  @Test
  void rejectsAServiceMonitorWithoutTheServiceItScrapes() {
    assertRejected("metrics:\n  service:\n    enabled: false\n  serviceMonitor:\n    enabled: true\n", "metrics.serviceMonitor.enabled needs metrics.service.enabled");
  }
}
