package dev.todo.operator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TodoAppGauges gauges = new TodoAppGauges(registry);
  private final ReconcileMetrics metrics = new ReconcileMetrics(Metrics.NOOP, registry, gauges);

  @Test
  void theErrorCounterAndTheDurationsExistBeforeAnyReconcile() {
    String scrape = registry.scrape();
    assertTrue(scrape.contains("todo_operator_reconcile_errors_total 0.0"), scrape);
    assertTrue(scrape.contains("todo_operator_reconcile_seconds_bucket{outcome=\"failure\",le=\"0.5\",} 0.0"), scrape);
    assertTrue(scrape.contains("todo_operator_reconcile_seconds_count{outcome=\"success\",} 0.0"), scrape);
  }

  @Test
  void aFailedReconcileCountsAsAnErrorAndIsTimedAsAFailure() throws Exception {
    assertThrows(IllegalStateException.class, () -> metrics.timeControllerExecution(execution("reconcile", true)));
    metrics.failedReconciliation(TestApps.minimal("web", "shop"), new IllegalStateException("boom"), Map.of());
    assertEquals("ok", metrics.timeControllerExecution(execution("reconcile", false)));
    metrics.timeControllerExecution(execution("cleanup", false));
    String scrape = registry.scrape();
    assertTrue(scrape.contains("todo_operator_reconcile_errors_total 1.0"), scrape);
    assertTrue(scrape.contains("todo_operator_reconcile_seconds_count{outcome=\"failure\",} 1.0"), scrape);
    assertTrue(scrape.contains("todo_operator_reconcile_seconds_count{outcome=\"success\",} 1.0"),
        "a cleanup is no reconcile: " + scrape);
  }

  @Test
  void theSdkReportingADeletedTodoAppRemovesItsSeries() {
    gauges.observe(TestApps.minimal("web", "shop"), null, Instant.now());
    metrics.cleanupDoneFor(new ResourceID("web", "shop"), Map.of());
    assertTrue(!registry.scrape().contains("todoapp=\"web\""), registry.scrape());
  }

  private static Metrics.ControllerExecution<String> execution(String name, boolean fails) {
    return new Metrics.ControllerExecution<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String controllerName() {
        return "todoapp";
      }

      @Override
      public String successTypeName(String result) {
        return "resource";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("web", "shop");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public String execute() {
        if (fails) {
          throw new IllegalStateException("boom");
        }
        return "ok";
      }
    };
  }
}
