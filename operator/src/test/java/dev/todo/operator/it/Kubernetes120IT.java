package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a Kubernetes 1.20 cluster cannot do, and what the user sees then. It serves neither
 * autoscaling/v2 nor policy/v1, so the operator must run without HPAs and PDBs (starting no
 * informer for them, which would fail forever) and say so in the status. It ignores the CRD's CEL
 * rules, so the checks only CEL would make reach the operator, which reports them as Degraded. The
 * OpenAPI part of the schema (bounds, patterns, enums) is enforced by the server itself.
 */
@ExtendWith(RealApiServer.class)
class Kubernetes120IT {
  static final String HPA_NOT_SERVED =
      "HorizontalPodAutoscaler autoscaling/v2 is not served by this cluster; Kubernetes >= 1.23 is required";
  static final String PDB_NOT_SERVED =
      "PodDisruptionBudget policy/v1 is not served by this cluster; Kubernetes >= 1.21 is required";

  static KubeControlPlane plane;
  static KubernetesClient admin;
  static TodoAppsOnCluster apps;
  static OperatorProcess operator;
  static long operatorStart;
  static String ns;

  @BeforeAll
  static void start() {
    plane = RealApiServer.controlPlane();
    admin = plane.admin();
    apps = new TodoAppsOnCluster(admin);
    ns = RealApiServer.newNamespace("k120");
    operatorStart = plane.auditLog().mark();
    operator = OperatorProcess.start(plane);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void schemaRejectsOutOfBoundsAndMalformedFieldsWithAMessage() {
    KubernetesClientException replicas = assertThrows(KubernetesClientException.class, () -> apps.create(
        apps.fromYaml("""
            apiVersion: todo.dev/v1alpha1
            kind: TodoApp
            metadata: {name: x}
            spec:
              backend: {replicas: -1}
            """, "negative-replicas", ns)));
    assertEquals(422, replicas.getCode());
    assertTrue(replicas.getMessage().contains("spec.backend.replicas"), replicas.getMessage());

    KubernetesClientException host = assertThrows(KubernetesClientException.class, () -> apps.create(
        apps.fromYaml("""
            apiVersion: todo.dev/v1alpha1
            kind: TodoApp
            metadata: {name: x}
            spec:
              ingress: {enabled: true, host: "Not_A_Host!"}
              logLevel: LOUD
            """, "bad-host", ns)));
    assertEquals(422, host.getCode());
    assertTrue(host.getMessage().contains("spec.ingress.host"), host.getMessage());
    assertTrue(host.getMessage().contains("spec.logLevel"), host.getMessage());
    assertEquals(null, apps.get(ns, "negative-replicas"));
  }

  @Test
  void rulesOnlyCelWouldEnforceAreReportedDegradedAndNothingIsCreated() {
    // Kubernetes 1.20 ignores x-kubernetes-validations: both manifests are accepted...
    apps.create(apps.fromYaml("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: x}
        spec:
          database: {embedded: {}}
          backend: {replicas: 3}
        """, "embedded-three", ns));
    apps.create(apps.fromYaml("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: x}
        spec:
          database: {managed: {}}
          frontend: {autoscaling: {enabled: true, minReplicas: 5, maxReplicas: 2}}
        """, "min-above-max", ns));

    // ...and the operator reports what is wrong, naming the field and the fix.
    GenericKubernetesResource embedded = apps.awaitCondition(ns, "embedded-three", "Degraded", "True", 60);
    assertEquals("InvalidSpec", TodoAppsOnCluster.conditionField(embedded, "Degraded", "reason"));
    assertTrue(TodoAppsOnCluster.conditionField(embedded, "Degraded", "message").contains("spec.backend.replicas"),
        TodoAppsOnCluster.status(embedded).toString());
    assertEquals("Degraded", TodoAppsOnCluster.status(embedded).get("phase"));

    GenericKubernetesResource minMax = apps.awaitCondition(ns, "min-above-max", "Degraded", "True", 60);
    assertEquals("InvalidSpec", TodoAppsOnCluster.conditionField(minMax, "Degraded", "reason"));
    assertTrue(TodoAppsOnCluster.conditionField(minMax, "Degraded", "message")
        .contains("spec.frontend.autoscaling.minReplicas (5) must not be greater than maxReplicas (2)"),
        TodoAppsOnCluster.status(minMax).toString());

    // An invalid spec changes nothing in the cluster.
    assertEquals(List.of(), admin.apps().deployments().inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", "embedded-three").list().getItems());
    assertEquals(List.of(), admin.apps().deployments().inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", "min-above-max").list().getItems());
  }

  @Test
  void aChildTheServerRefusesIsReportedDegradedWithTheServersMessageAndNoStackTrace() {
    // Annotation keys are free-form in the CRD; the API server's validation of the Ingress refuses this one.
    apps.create(apps.fromYaml("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: x}
        spec:
          database: {managed: {}}
          ingress:
            enabled: true
            host: todo.local
            annotations: {"not a valid key!": "x"}
        """, "bad-annotation", ns));

    GenericKubernetesResource app = apps.awaitCondition(ns, "bad-annotation", "Degraded", "True", 60);
    String message = TodoAppsOnCluster.conditionField(app, "Degraded", "message");
    assertEquals("ReconcileFailed", TodoAppsOnCluster.conditionField(app, "Degraded", "reason"), message);
    assertTrue(message.contains("ingress") && message.contains("not a valid key!"), message);
    assertTrue(message.contains("HTTP 422"), message);
    assertTrue(!message.contains("\tat ") && message.length() < 1000, "a short message, no stack trace: " + message);
    // Everything else the app needs is there all the same.
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
        admin.apps().deployments().inNamespace(ns).withName("bad-annotation-backend").get() != null);
  }

  @Test
  void productionExampleRunsWithoutAutoscalersAndLeavesTheUsersSecretsAlone() {
    String prod = RealApiServer.newNamespace("prod");
    secret(prod, "todo-database", "url", "postgresql://todo:pw@db.example.com/todo?sslmode=require");
    secret(prod, "todo-openai", "api-key", "sk-test-not-a-real-key");
    io.fabric8.kubernetes.api.model.Secret jwt = secret(prod, "todo-jwt", "jwt-secret",
        "a-jwt-key-of-more-than-thirty-two-characters-0123456789");
    apps.create(apps.fromRepo("examples/todoapp-prod.yaml", "todo", prod));

    GenericKubernetesResource app = apps.awaitCondition(prod, "todo", "Degraded", "True", 60);
    String message = TodoAppsOnCluster.conditionField(app, "Degraded", "message");
    assertTrue(message.contains(HPA_NOT_SERVED) && message.contains(PDB_NOT_SERVED), message);
    Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertEquals(3, admin.apps().deployments().inNamespace(prod).withName("todo-backend").get().getSpec()
          .getReplicas());
      assertEquals(3, admin.apps().deployments().inNamespace(prod).withName("todo-frontend").get().getSpec()
          .getReplicas());
      var ingress = admin.network().v1().ingresses().inNamespace(prod).withName("todo").get();
      assertEquals("todo-tls", ingress.getSpec().getTls().get(0).getSecretName());
      assertEquals(List.of("todo.example.com"), ingress.getSpec().getTls().get(0).getHosts());
    });
    // External database: no PostgreSQL of our own; the user's JWT Secret is used, never owned or rewritten.
    assertEquals(List.of(), admin.apps().statefulSets().inNamespace(prod).list().getItems());
    var jwtNow = admin.secrets().inNamespace(prod).withName("todo-jwt").get();
    assertEquals(jwt.getMetadata().getResourceVersion(), jwtNow.getMetadata().getResourceVersion());
    assertTrue(jwtNow.getMetadata().getOwnerReferences() == null || jwtNow.getMetadata().getOwnerReferences()
        .isEmpty(), "the user's Secret gets no owner reference (deleting the TodoApp must not delete it)");
    assertTrue(admin.apps().deployments().inNamespace(prod).withName("todo-backend").get().getSpec().getTemplate()
        .getSpec().getContainers().get(0).getEnv().stream().anyMatch(e -> "JWT_SECRET".equals(e.getName())
            && e.getValueFrom() != null && "todo-jwt".equals(e.getValueFrom().getSecretKeyRef().getName())),
        "JWT_SECRET comes from the user's Secret, by reference");
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(String namespace, String name, String key,
      String value) {
    return admin.secrets().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName(name).endMetadata().addToStringData(key, value).build()).create();
  }

  @Test
  void autoscalingAndDisruptionBudgetsAskedForOnACLusterWithoutTheirApisAreExplainedNotAttempted() {
    apps.create(apps.fromYaml("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: x}
        spec:
          database: {managed: {}}
          backend:
            replicas: 2
            autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 4}
          frontend: {replicas: 2}
        """, "scaled", ns));

    GenericKubernetesResource app = apps.awaitCondition(ns, "scaled", "Degraded", "True", 60);
    String message = TodoAppsOnCluster.conditionField(app, "Degraded", "message");
    assertEquals("ApiNotServed", TodoAppsOnCluster.conditionField(app, "Degraded", "reason"), message);
    assertTrue(message.contains(HPA_NOT_SERVED), message);
    assertTrue(message.contains(PDB_NOT_SERVED), message);

    // The app itself still runs: both Deployments, at the autoscaler's minimum.
    Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertEquals(2, admin.apps().deployments().inNamespace(ns).withName("scaled-backend").get()
          .getSpec().getReplicas());
      assertEquals(2, admin.apps().deployments().inNamespace(ns).withName("scaled-frontend").get()
          .getSpec().getReplicas());
    });
    // No HPA or PDB in any version the cluster does serve...
    assertEquals(List.of(), admin.autoscaling().v1().horizontalPodAutoscalers().inNamespace(ns).list().getItems());
    assertEquals(List.of(), admin.policy().v1beta1().podDisruptionBudget().inNamespace(ns).list().getItems());
    // ...and the operator never even listed or watched them: no informer for an unserved type.
    List<AuditLog.Event> hpaOrPdbRequests = plane.auditLog().matching(operatorStart,
        e -> KubeControlPlane.OPERATOR_USER.equals(e.user())
            && ("horizontalpodautoscalers".equals(e.resource()) || "poddisruptionbudgets".equals(e.resource())));
    assertEquals(List.of(), hpaOrPdbRequests);
    // The audit policy does record the operator's list/watch requests (else the line above proves nothing).
    assertTrue(plane.auditLog().matching(operatorStart, e -> KubeControlPlane.OPERATOR_USER.equals(e.user())
        && "deployments".equals(e.resource()) && ("list".equals(e.verb()) || "watch".equals(e.verb())))
        .size() > 0, "the operator's Deployment informer is in the audit log");
  }
}
