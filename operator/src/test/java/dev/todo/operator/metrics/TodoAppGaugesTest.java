package dev.todo.operator.metrics;

import static dev.todo.operator.metrics.TodoAppSeriesTest.backup;
import static dev.todo.operator.metrics.TodoAppSeriesTest.scheduled;
import static dev.todo.operator.metrics.TodoAppSeriesTest.status;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.Condition;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The series as Prometheus scrapes them: the names and labels the alert rules and the dashboard use. */
class TodoAppGaugesTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:17:00Z");
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TodoAppGauges gauges = new TodoAppGauges(registry);

  @Test
  void aReadyTodoAppIsScrapedAsReadyInItsPhase() {
    TodoApp app = TestApps.minimal("web", "shop");
    app.getMetadata().setCreationTimestamp("2026-12-01T00:00:00Z");
    gauges.observe(app, status("Ready", new Condition("Ready", "True", "AllReady", "")), NOW);
    String scrape = registry.scrape();
    assertTrue(scrape.contains("todo_operator_todoapp_ready{namespace=\"shop\",todoapp=\"web\",} 1.0"), scrape);
    assertTrue(scrape.contains("todo_operator_todoapp_status_phase{namespace=\"shop\",phase=\"Ready\",todoapp=\"web\",} 1.0"), scrape);
    assertTrue(scrape.contains("todo_operator_todoapp_created_timestamp_seconds{namespace=\"shop\",todoapp=\"web\",} 1.7960832E9"), scrape);
    assertFalse(scrape.contains("todo_operator_todoapp_backup"), "no backup series without a managed database: " + scrape);
  }

  @Test
  void aPhaseChangeLeavesOneSeriesTheNewPhase() {
    TodoApp app = TestApps.minimal("web", "shop");
    gauges.observe(app, status("Progressing"), NOW);
    gauges.observe(app, status("Degraded", new Condition("Ready", "False", "X", "")), NOW);
    String scrape = registry.scrape();
    assertTrue(scrape.contains("phase=\"Degraded\""), scrape);
    assertFalse(scrape.contains("phase=\"Progressing\""), scrape);
    assertTrue(scrape.contains("todo_operator_todoapp_ready{namespace=\"shop\",todoapp=\"web\",} 0.0"), scrape);
  }

  @Test
  void aFailedBackupKeepsTheLastSuccessThisProcessSaw() {
    TodoApp app = scheduled("@hourly");
    TodoAppStatus ok = status("Ready");
    ok.setBackup(backup(true, "2026-12-03T09:00:30Z"));
    gauges.observe(app, ok, NOW);
    TodoAppStatus failed = status("Ready");
    failed.setBackup(backup(false, "2026-12-03T10:00:30Z"));
    gauges.observe(app, failed, NOW);
    String scrape = registry.scrape();
    assertTrue(scrape.contains("todo_operator_todoapp_backup_last_succeeded{namespace=\"shop\",todoapp=\"web\",} 0.0"), scrape);
    assertTrue(scrape.contains(
        "todo_operator_todoapp_backup_last_success_timestamp_seconds{namespace=\"shop\",todoapp=\"web\",} 1.79628843E9"), scrape);
    assertTrue(scrape.contains("todo_operator_todoapp_backup_interval_seconds{namespace=\"shop\",todoapp=\"web\",} 3600.0"), scrape);
  }

  @Test
  void aDeletedTodoAppLeavesNoSeries() {
    gauges.observe(scheduled("@hourly"), status("Ready"), NOW);
    gauges.observe(TestApps.minimal("other", "shop"), status("Ready"), NOW);
    gauges.forget("shop", "web");
    String scrape = registry.scrape();
    assertFalse(scrape.contains("todoapp=\"web\""), scrape);
    assertTrue(scrape.contains("todoapp=\"other\""), scrape);
  }

  @Test
  void aReconcileThatEndsAfterTheDeleteDoesNotBringTheSeriesBack_aNewTodoAppOfTheSameNameHasThem() {
    TodoApp deleted = TestApps.withUid(TestApps.minimal("web", "shop"));
    gauges.observe(deleted, status("Ready"), NOW);
    gauges.forget("shop", "web");
    gauges.observe(deleted, status("Ready"), NOW); // the TodoApp as that reconcile read it
    assertFalse(registry.scrape().contains("todoapp=\"web\""), registry.scrape());

    TodoApp again = TestApps.minimal("web", "shop");
    again.getMetadata().setUid("another-uid");
    gauges.observe(again, status("Progressing"), NOW);
    String scrape = registry.scrape();
    assertTrue(scrape.contains("todo_operator_todoapp_status_phase{namespace=\"shop\",phase=\"Progressing\",todoapp=\"web\",} 1.0"),
        scrape);
  }

  @Test
  void aTodoAppMadeAgainUnderItsNameReplacesTheOldOnesSeries() {
    TodoApp first = TestApps.minimal("web", "shop");
    first.getMetadata().setUid("first");
    gauges.observe(first, status("Degraded", new Condition("Ready", "False", "X", "")), NOW);
    TodoApp second = TestApps.minimal("web", "shop");
    second.getMetadata().setUid("second");
    gauges.observe(second, status("Progressing"), NOW);
    String scrape = registry.scrape();
    assertFalse(scrape.contains("phase=\"Degraded\""), scrape);
    assertTrue(scrape.contains("phase=\"Progressing\""), scrape);
  }
}
