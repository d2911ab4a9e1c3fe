package dev.todo.operator.reconciler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.status.Condition;
import dev.todo.operator.status.StatusAggregator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cluster like Kubernetes 1.20: its discovery serves neither autoscaling/v2 nor policy/v1 (the
 * mock answers 404 for both). The operator must create everything else, start no informer for
 * those kinds, run the Deployments at autoscaling.minReplicas, and say why in the status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class UnservedApisTest {
  @Inject
  KubernetesClient client;

  @KubernetesTestServer
  KubernetesServer server;

  @Test
  void noHpaOrPdbWhereTheApiIsNotServed_andTheStatusSaysWhy() throws InterruptedException {
    String ns = "old-cluster";
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    client.resource(TestApps.full("app", ns)).create();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      TodoApp app = client.resources(TodoApp.class).inNamespace(ns).withName("app").get();
      assertNotNull(app.getStatus());
      Condition degraded = StatusAggregator.find(app.getStatus(), "Degraded");
      assertEquals("True", degraded.getStatus());
      assertEquals("ApiNotServed", degraded.getReason());
      assertTrue(degraded.getMessage().contains(
          "HorizontalPodAutoscaler autoscaling/v2 is not served by this cluster; Kubernetes >= 1.23 is required"),
          degraded.getMessage());
      assertTrue(degraded.getMessage().contains("PodDisruptionBudget policy/v1 is not served by this cluster"));
    });
    // The backend Deployment comes once the generated Secrets are in the operator's cache, which can
    // be after the first status.
    Deployment backend = await().atMost(Duration.ofSeconds(30)).until(
        () -> client.apps().deployments().inNamespace(ns).withName("app-backend").get(), d -> d != null);
    assertEquals(2, backend.getSpec().getReplicas(), "without an HPA the Deployment runs autoscaling.minReplicas");
    assertNotNull(client.services().inNamespace(ns).withName("app-frontend").get());

    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      paths.add(request.getMethod() + " " + request.getPath());
    }
    assertFalse(paths.stream().anyMatch(p -> p.contains("horizontalpodautoscalers")
        || p.contains("poddisruptionbudgets")), "no informer, no request for an unserved kind: " + paths.stream()
            .filter(p -> p.contains("autoscaling") || p.contains("policy")).toList());
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("GET /apis/autoscaling/v2")), "discovery was asked");
  }
}
