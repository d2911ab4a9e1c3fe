package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the packaged operator exports at /q/metrics for a TodoApp on a real API server: Ready, its
 * phase, a succeeded and then a failed backup (the test kubelet ends the Jobs' pods), and nothing left
 * once it is deleted. The scrape with every series is kept in target/monitoring/operator-metrics.prom:
 * scripts/monitoring/test-rules.sh checks that the alerts and the dashboard name only metrics a real
 * scrape holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorMetricsIT {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.namespace("metrics").withOperator().withKubelet();
  static final String APP = "todo";
  static final OnDemandBackups BACKUPS = new OnDemandBackups(cluster, APP);
  static final Path SCRAPE = Path.of("target/monitoring/operator-metrics.prom");

  @Test
  @Order(1)
  void aReadyTodoAppIsExportedAsReadyInPhaseReadyWithItsBackupInterval() {
    GenericKubernetesResource app = cluster.apps().fromRepo("examples/todoapp-dev.yaml", APP, cluster.ns());
    managed(app).put("backup", new HashMap<>(Map.of("schedule", "@hourly")));
    cluster.apps().create(app);
    cluster.plane().kubectl("wait", "--for=condition=Ready", "todoapp/" + APP, "-n", cluster.ns(), "--timeout=120s")
        .assertOk();
    String labels = "namespace=\"" + cluster.ns() + "\",todoapp=\"" + APP + "\"";
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      String scrape = cluster.operator().metrics();
      assertEquals(1.0, value(scrape, "todo_operator_todoapp_ready", labels), scrape);
      assertEquals(3600.0, value(scrape, "todo_operator_todoapp_backup_interval_seconds", labels), scrape);
      assertTrue(scrape.matches("(?s).*todo_operator_todoapp_status_phase\\{[^}]*phase=\"Ready\"[^}]*} 1\\.0.*"), scrape);
      assertTrue(value(scrape, "todo_operator_todoapp_created_timestamp_seconds", labels) > 1.7e9, scrape);
      assertEquals(0.0, value(scrape, "todo_operator_reconcile_errors_total", ""), scrape);
    });
  }

  @Test
  @Order(2)
  void aSucceededBackupThenAFailedOneAreExportedWithTheLastSuccessKept() throws Exception {
    String labels = "namespace=\"" + cluster.ns() + "\",todoapp=\"" + APP + "\"";
    BACKUPS.finish(BACKUPS.request("first"), true, "todo-20261203T120000Z.dump 4242");
    String time = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> (String) backupStatus().get("lastBackupTime"), Objects::nonNull);
    double success = OffsetDateTime.parse(time).toEpochSecond();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      String scrape = cluster.operator().metrics();
      assertEquals(1.0, value(scrape, "todo_operator_todoapp_backup_last_succeeded", labels), scrape);
      assertEquals(success, value(scrape, "todo_operator_todoapp_backup_last_success_timestamp_seconds", labels), scrape);
    });
    // every series the operator exports is in this scrape: the PromQL check reads it
    Files.createDirectories(SCRAPE.getParent());
    Files.writeString(SCRAPE, cluster.operator().metrics());

    BACKUPS.finish(BACKUPS.request("second"), false, "backup failed: No space left on device");
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      String scrape = cluster.operator().metrics();
      assertEquals(0.0, value(scrape, "todo_operator_todoapp_backup_last_succeeded", labels), scrape);
      assertEquals(success, value(scrape, "todo_operator_todoapp_backup_last_success_timestamp_seconds", labels),
          "the last success stays: " + scrape);
    });
  }

  @Test
  @Order(3)
  void aDeletedTodoAppLeavesNoSeries() {
    cluster.apps().api().inNamespace(cluster.ns()).withName(APP).delete();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      String scrape = cluster.operator().metrics();
      // (other classes' TodoApps, also named todo, may share this operator: match the namespace too)
      assertFalse(scrape.contains("namespace=\"" + cluster.ns() + "\",todoapp=\"" + APP + "\""), scrape);
      assertTrue(scrape.contains("todo_operator_reconcile_errors_total"), "the operator's own series stay");
    });
  }

  /** The value of the one series of {@code name} whose labels include {@code labels}. */
  static double value(String scrape, String name, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
    while (m.find()) {
      if (labels.isEmpty() || m.group(1) != null && m.group(1).contains(labels)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no series " + name + "{" + labels + "}");
  }

  private static Map<?, ?> backupStatus() {
    Map<?, ?> backup = (Map<?, ?>) TodoAppsOnCluster.status(cluster.apps().get(cluster.ns(), APP)).get("backup");
    return backup == null ? Map.of() : backup;
  }



  @SuppressWarnings("unchecked")
  private static Map<String, Object> managed(GenericKubernetesResource a) {
    Map<String, Object> spec = (Map<String, Object>) a.getAdditionalProperties().get("spec");
    return (Map<String, Object>) ((Map<String, Object>) spec.get("database")).get("managed");
  }
}
