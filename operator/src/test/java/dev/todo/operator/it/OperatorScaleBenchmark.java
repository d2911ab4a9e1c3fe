package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not a test of the normal run (its name does not end in IT): N TodoApps from
 * examples/todoapp-dev.yaml on the real API server, with the test kubelet. First measures the floor
 * with no operator running ({@link ApplyFloor}: the same objects applied by a bulk client with the
 * operator's concurrency; {@code -Dtodo.benchmark.floor=false} skips it). Reports the time until
 * all are Ready and its ratio to the floor, the operator's writes per TodoApp while converging and during a restart over the
 * converged apps (from the audit log), and the operator's RSS. Run it with
 * {@code ./mvnw -B -ntp -f operator/pom.xml verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=OperatorScaleBenchmark -Dtodo.benchmark.apps=100}; the figures go to stdout and to
 * operator/target/benchmark-real-apiserver.md.
 */
@ExtendWith(RealApiServer.class)
class OperatorScaleBenchmark {
  private static final String MANIFEST = "examples/todoapp-dev.yaml";

  @Test
  void hundredTodoAppsOnARealApiServer() throws Exception {
    int n = Integer.getInteger("todo.benchmark.apps", 100);
    KubeControlPlane plane = RealApiServer.controlPlane();
    KubernetesClient admin = plane.admin();
    TodoAppsOnCluster apps = new TodoAppsOnCluster(admin);
    AuditLog audit = plane.auditLog();
    String ns = RealApiServer.newNamespace("bench");
    StringBuilder report = new StringBuilder();
    // First, with no operator running: how fast this control plane takes the same objects at all.
    ApplyFloor.Result floor = Boolean.parseBoolean(System.getProperty("todo.benchmark.floor", "true"))
        ? ApplyFloor.measure(plane, n, workflowThreads(plane), MANIFEST) : null;

    try (TestKubelet kubelet = TestKubelet.start(admin, ns)) {
      OperatorProcess operator = OperatorProcess.start(plane);
      try {
        long rssIdle = operator.rssKib();
        long mark = audit.mark();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          apps.create(apps.fromRepo(MANIFEST, "todo-" + i, ns));
        }
        long created = System.nanoTime();
        awaitAllReady(apps, ns, n, Duration.ofMinutes(20));
        long ready = System.nanoTime();
        long rssReady = operator.rssKib();
        ConvergedWrites.awaitQuiet(audit, ns, Duration.ofSeconds(20), Duration.ofMinutes(5));
        List<AuditLog.Event> converging = audit.writesBy(KubeControlPlane.OPERATOR_USER, mark).stream()
            .filter(e -> ns.equals(e.namespace())).toList();
        // What the Events the operator recorded say, by type and reason (the audit log has no reasons).
        Map<String, Integer> eventReasons = new java.util.TreeMap<>();
        admin.v1().events().inNamespace(ns).list().getItems().stream()
            .filter(e -> dev.todo.operator.resources.dependent.TodoAppEvents.SOURCE.equals(e.getReportingComponent()))
            .forEach(e -> eventReasons.merge(e.getType() + " " + e.getReason(), 1, Integer::sum));
        long rssConverged = operator.rssKib();
        long liveHeap = operator.liveHeapKib();

        operator.close();
        long restartMark = audit.mark();
        long t1 = System.nanoTime();
        operator = OperatorProcess.start(plane);
        long started = System.nanoTime();
        OperatorProcess restarted = operator;
        awaitMetric(restarted, n, Duration.ofMinutes(5));
        long resynced = System.nanoTime();
        KubeControlPlane.sleep(20_000);
        List<AuditLog.Event> restartWrites = audit.writesBy(KubeControlPlane.OPERATOR_USER, restartMark).stream()
            .filter(e -> ns.equals(e.namespace())).toList();
        long rssRestarted = operator.rssKib();

        report.append("| N TodoApps (examples/todoapp-dev.yaml) | ").append(n).append(" |\n")
            .append("|---|---|\n")
            .append("| create requests sent | ").append(seconds(created - t0)).append(" s |\n")
            .append("| all Ready (from the first create) | ").append(seconds(ready - t0)).append(" s |\n");
        if (floor != null) {
          report.append("| floor: the same TodoApps, their ").append(floor.children())
              .append(" rendered children applied server-side by ").append(floor.threads())
              .append(" threads, one status write each (no operator) | applied in ")
              .append(String.format("%.1f", floor.appliedSeconds())).append(" s, all Ready in ")
              .append(String.format("%.1f", floor.readySeconds())).append(" s |\n")
              .append("| operator time / floor | ").append(String.format("%.2f", (ready - t0) / 1e9
                  / floor.readySeconds())).append(" |\n");
        }
        report
            .append("| pods started by the test kubelet | ").append(kubelet.podsStarted()).append(" |\n")
            .append("| operator writes while converging | ").append(converging.size()).append(" (")
            .append(String.format("%.1f", converging.size() / (double) n)).append(" per TodoApp), of which ")
            .append(converging.stream().filter(e -> e.code() >= 400).count()).append(" refused or failed: ")
            .append(AuditLog.histogram(converging.stream().filter(e -> e.code() >= 400)
                .map(e -> new AuditLog.Event(e.user(), e.verb(), e.resource() + " " + e.code(), e.subresource(),
                    e.namespace(), e.name(), e.apiGroup(), e.apiVersion(), e.code(), e.stage()))
                .toList()))
            .append(" |\n")
            .append("| ... by verb and resource | ").append(perApp(AuditLog.histogram(converging), n)).append(" |\n")
            .append("| Events on the TodoApps, by type and reason | ").append(perApp(eventReasons, n)).append(" |\n")
            .append("| restart: JVM start to ready | ").append(seconds(started - t1)).append(" s |\n")
            .append("| restart: every TodoApp reconciled | ").append(seconds(resynced - t1)).append(" s |\n")
            .append("| restart: operator writes | ").append(restartWrites.size()).append(" ")
            .append(AuditLog.histogram(restartWrites)).append(" |\n")
            .append("| operator RSS idle / at Ready / converged / after restart | ").append(rssIdle / 1024)
            .append(" / ").append(rssReady / 1024).append(" / ").append(rssConverged / 1024).append(" / ")
            .append(rssRestarted / 1024).append(" MiB |\n")
            .append("| operator heap in use after a full GC, converged | ").append(liveHeap / 1024).append(" MiB |\n");
        System.out.println(report);
        Files.writeString(Path.of("target/benchmark-real-apiserver.md"), report.toString());
        assertEquals(0, restartWrites.size(), "no-op restart writes: " + AuditLog.histogram(restartWrites));
      } finally {
        operator.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's workflow threads (application.properties): the floor applies with as many. */
  private static int workflowThreads(KubeControlPlane plane) throws IOException {
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newInputStream(plane.repoRoot().resolve("operator/src/main/resources/application.properties"))) {
      p.load(in);
    }
    return Integer.parseInt(p.getProperty("quarkus.operator-sdk.concurrent-workflow-threads", "10").trim());
  }

  private static void awaitAllReady(TodoAppsOnCluster apps, String ns, int n, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    long ready = 0;
    while (System.nanoTime() < deadline) {
      List<GenericKubernetesResource> items = apps.api().inNamespace(ns).list().getItems();
      ready = items.stream().filter(a -> "True".equals(TodoAppsOnCluster.conditionField(a, "Ready", "status")))
          .count();
      if (ready == n) {
        return;
      }
      KubeControlPlane.sleep(1000);
    }
    throw new AssertionError(ready + " of " + n + " TodoApps Ready after " + max);
  }

  private static void awaitMetric(OperatorProcess operator, int n, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (operator.metricSum("operator_sdk_controllers_execution_reconcile_success_total") >= n) {
        return;
      }
      KubeControlPlane.sleep(500);
    }
    throw new AssertionError("The restarted operator did not reconcile " + n + " TodoApps in " + max);
  }

  private static String perApp(Map<String, Integer> histogram, int n) {
    StringBuilder s = new StringBuilder();
    histogram.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(" ")
        .append(String.format("%.2f", v / (double) n)));
    return s.toString();
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", TimeUnit.NANOSECONDS.toMillis(nanos) / 1000.0);
  }
}
