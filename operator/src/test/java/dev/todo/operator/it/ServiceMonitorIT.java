package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * spec.monitoring on a real API server that serves the Prometheus Operator's ServiceMonitor (its CRD
 * installed from the Prometheus Operator's module, operator/src/test/resources/prometheus-operator):
 * the backend's ServiceMonitor is created, owned by the TodoApp, accepted by the CRD's schema, put back
 * when deleted, and removed when monitoring is turned off; the TodoApp stays Ready throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceMonitorIT {
  @RegisterExtension
  // A control plane and operator of its own: an operator that already asked whether ServiceMonitor is
  // served keeps the answer for 5 minutes (ServedApis), and the CRD is installed here, after start-up.
  static final TestCluster cluster = TestCluster.namespace("monitor").ownControlPlane("").withOperator().withKubelet();
  static final String APP = "todo";
  static final Path CRD = Path.of("src/test/resources/prometheus-operator/monitoring.coreos.com_servicemonitors.yaml");

  @Test
  @Order(1)
  void aMonitoredTodoAppGetsItsBackendsServiceMonitor() {
    // before any TodoApp: the operator asks whether the type is served at the first one's reconcile
    cluster.plane().kubectl("create", "-f", CRD.toAbsolutePath().toString()).assertOk();
    cluster.plane().awaitEstablished("servicemonitors.monitoring.coreos.com");
    GenericKubernetesResource app = cluster.apps().fromRepo("examples/todoapp-dev.yaml", APP, cluster.ns());
    spec(app).put("monitoring", new HashMap<>(Map.of("enabled", true, "labels", Map.of("release", "kps"))));
    cluster.apps().create(app);
    cluster.plane().kubectl("wait", "--for=condition=Ready", "todoapp/" + APP, "-n", cluster.ns(), "--timeout=120s")
        .assertOk();

    ServiceMonitor monitor = awaitMonitor();
    assertTrue(TodoAppsOnCluster.ownedBy(monitor, cluster.apps().get(cluster.ns(), APP)), "owned by the TodoApp");
    assertEquals("kps", monitor.getMetadata().getLabels().get("release"));
    Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
    assertEquals("/q/metrics", endpoint.getPath());
    assertEquals("http", endpoint.getPort());
    assertEquals(APP, endpoint.getRelabelings().get(0).getReplacement());
    // what it selects is the backend Service
    var service = cluster.admin().services().inNamespace(cluster.ns()).withName("todo-backend").get();
    monitor.getSpec().getSelector().getMatchLabels()
        .forEach((k, v) -> assertEquals(v, service.getMetadata().getLabels().get(k), "Service label " + k));
  }

  @Test
  @Order(2)
  void aDeletedServiceMonitorComesBack() {
    cluster.admin().resources(ServiceMonitor.class).inNamespace(cluster.ns()).withName("todo-backend").delete();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          ServiceMonitor m = cluster.admin().resources(ServiceMonitor.class).inNamespace(cluster.ns())
              .withName("todo-backend").get();
          return m != null && m.getMetadata().getDeletionTimestamp() == null;
        });
  }

  @Test
  @Order(3)
  void turningMonitoringOffRemovesItAndTheAppStaysReady() {
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(() -> cluster.apps().api().inNamespace(cluster.ns()).withName(APP).edit(a -> {
          spec(a).put("monitoring", new HashMap<>(Map.of("enabled", false)));
          return a;
        }) != null);
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> cluster.admin().resources(ServiceMonitor.class).inNamespace(cluster.ns()).withName("todo-backend")
            .get() == null);
    assertEquals("True", TodoAppsOnCluster.conditionField(cluster.apps().get(cluster.ns(), APP), "Ready", "status"));
  }

  private static ServiceMonitor awaitMonitor() {
    ServiceMonitor monitor = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> cluster.admin().resources(ServiceMonitor.class).inNamespace(cluster.ns()).withName("todo-backend")
            .get(), java.util.Objects::nonNull);
    assertNotNull(monitor.getSpec());
    return monitor;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource a) {
    return (Map<String, Object>) a.getAdditionalProperties().get("spec");
  }
}
