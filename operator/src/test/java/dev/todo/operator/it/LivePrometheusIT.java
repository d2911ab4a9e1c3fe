package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus (the same module as promtool, built by scripts/kube/build.sh) scrapes the packaged
 * operator on a real API server and evaluates the shipped alert rules: a failed backup fires
 * TodoAppBackupFailed, and the next successful one makes it inactive again. The rules are the chart's
 * file as shipped except that every {@code for:} is cut to 5s in this test's copy (the backup alert has
 * none; nothing else here waits on one). Prometheus scrapes the operator's port directly (static target,
 * {@code honor_labels} as the chart's ServiceMonitor sets it): no node runs pods here, so the backend's
 * ServiceMonitor and the kube-state-metrics alerts are not exercised. The fault-to-firing and
 * fix-to-inactive times go to target/monitoring/alert-latency.txt (docs/benchmarks.md).
 */
class LivePrometheusIT {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.namespace("live").withOperator().withKubelet();
  static final String APP = "todo";
  static final OnDemandBackups BACKUPS = new OnDemandBackups(cluster, APP);
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final ObjectMapper JSON = new ObjectMapper();
  static Process prometheus;
  static String api;
  static Path dir;

  @BeforeAll
  static void startPrometheus() throws Exception {
    Path repo = cluster.plane().repoRoot();
    String bin = KubeControlPlane.run(List.of("bash", repo.resolve("scripts/kube/build.sh").toString(), "prometheus"),
        repo, Map.of(), Duration.ofMinutes(60), "scripts/kube/build.sh prometheus").strip().lines()
        .reduce((a, b) -> b).orElseThrow();
    dir = Files.createTempDirectory(cluster.plane().runDir(), "prometheus-");
    String rules = Files.readString(repo.resolve("deploy/helm/todo-operator/monitoring/todo-operator-rules.yaml"))
        .replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 5s");
    Files.writeString(dir.resolve("rules.yaml"), rules);
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: [rules.yaml]
        scrape_configs:
          - job_name: todo-operator
            metrics_path: /q/metrics
            honor_labels: true
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """.formatted(cluster.operator().httpPort()));
    int port = KubeControlPlane.freePort();
    api = "http://127.0.0.1:" + port;
    prometheus = new ProcessBuilder(Path.of(bin, "prometheus").toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions().until(() -> get("/-/ready").contains("Ready"));
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.destroy();
    }
  }

  @Test
  void aFailedBackupFiresTheBackupAlertAndTheNextSuccessfulOneClearsIt() throws Exception {
    GenericKubernetesResource app = cluster.apps().fromRepo("examples/todoapp-dev.yaml", APP, cluster.ns());
    cluster.apps().create(app);
    cluster.plane().kubectl("wait", "--for=condition=Ready", "todoapp/" + APP, "-n", cluster.ns(), "--timeout=120s")
        .assertOk();
    // Prometheus reads the operator: its TodoApp is up and no alert of ours fires for it
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertEquals("1", query("todo_operator_todoapp_ready{namespace=\"" + cluster.ns() + "\", todoapp=\"" + APP + "\"}")));
    assertEquals(List.of(), alertsFor(APP));

    Job failed = BACKUPS.request("first");
    BACKUPS.endPod(failed, false, "backup failed: No space left on device");
    long fault = System.nanoTime();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> alertsFor(APP).contains("TodoAppBackupFailed=firing"));
    double toFiring = (System.nanoTime() - fault) / 1e9;

    BACKUPS.awaitEnded(failed, false);
    Job succeeded = BACKUPS.request("second");
    BACKUPS.endPod(succeeded, true, "todo-20261203T120000Z.dump 4242");
    long fix = System.nanoTime();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> !alertsFor(APP).toString().contains("TodoAppBackupFailed"));
    double toInactive = (System.nanoTime() - fix) / 1e9;

    String figures = String.format("TodoAppBackupFailed: failed backup Job's pod ended -> alert firing %.1f s;"
        + " successful backup's pod ended -> alert inactive %.1f s (scrape and evaluation every 1 s)%n", toFiring,
        toInactive);
    System.out.print(figures);
    Files.createDirectories(Path.of("target/monitoring"));
    Files.writeString(Path.of("target/monitoring/alert-latency.txt"), figures);
    assertTrue(Files.readString(dir.resolve("rules.yaml")).contains("for: 5s"), "the test copy shortens for:");
  }

  /**
   * "alertname=state" of the alerts of TodoApp {@code app} in this class's namespace (the operator may
   * be shared with other classes, whose TodoApps have the same name in their namespaces).
   */
  static List<String> alertsFor(String app) throws Exception {
    JsonNode alerts = JSON.readTree(get("/api/v1/alerts")).path("data").path("alerts");
    List<String> found = new java.util.ArrayList<>();
    for (JsonNode a : alerts) {
      if (app.equals(a.path("labels").path("todoapp").asText())
          && cluster.ns().equals(a.path("labels").path("namespace").asText())) {
        found.add(a.path("labels").path("alertname").asText() + "=" + a.path("state").asText());
      }
    }
    return found;
  }

  /** The value of the first sample of an instant query, or "" when it returns nothing. */
  static String query(String promql) throws Exception {
    JsonNode result = JSON.readTree(get("/api/v1/query?query="
        + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8))).path("data").path("result");
    return result.isEmpty() ? "" : result.get(0).path("value").get(1).asText();
  }

  static String get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }


}
