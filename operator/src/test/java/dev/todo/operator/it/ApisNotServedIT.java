package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cluster that does not serve autoscaling/v2 or policy/v1 (an administrator may switch API versions
 * off with kube-apiserver's {@code --runtime-config}; releases before the supported minimum lack them):
 * the operator runs without HPAs and PDBs, starts no informer for them (which would fail forever), and
 * says so in the status. It runs on a control plane of its own, started with both versions off.
 */
class ApisNotServedIT {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.namespace("noapis")
      .ownControlPlane("--runtime-config=autoscaling/v2=false,policy/v1=false").withOperator();
  static final String HPA_NOT_SERVED =
      "HorizontalPodAutoscaler autoscaling/v2 is not served by this cluster; Kubernetes >= 1.23 is required";
  static final String PDB_NOT_SERVED =
      "PodDisruptionBudget policy/v1 is not served by this cluster; Kubernetes >= 1.21 is required";

  @Test
  void productionExampleRunsWithoutAutoscalersAndLeavesTheUsersSecretsAlone() {
    String prod = RealApiServer.newNamespace(cluster.admin(), "prod");
    secret(prod, "todo-database", "url", "postgresql://todo:pw@db.example.com/todo?sslmode=require");
    secret(prod, "todo-openai", "api-key", "sk-test-not-a-real-key");
    io.fabric8.kubernetes.api.model.Secret jwt = secret(prod, "todo-jwt", "jwt-secret",
        "a-jwt-key-of-more-than-thirty-two-characters-0123456789");
    cluster.apps().create(cluster.apps().fromRepo("examples/todoapp-prod.yaml", "todo", prod));

    GenericKubernetesResource app = cluster.apps().awaitCondition(prod, "todo", "Degraded", "True", 60);
    String message = TodoAppsOnCluster.conditionField(app, "Degraded", "message");
    assertTrue(message.contains(HPA_NOT_SERVED) && message.contains(PDB_NOT_SERVED), message);
    Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreException(NullPointerException.class)
        .untilAsserted(() -> { // (a Deployment not created yet reads as null)
      assertEquals(3, cluster.admin().apps().deployments().inNamespace(prod).withName("todo-backend").get().getSpec()
          .getReplicas());
      assertEquals(3, cluster.admin().apps().deployments().inNamespace(prod).withName("todo-frontend").get().getSpec()
          .getReplicas());
      var ingress = cluster.admin().network().v1().ingresses().inNamespace(prod).withName("todo").get();
      assertEquals("todo-tls", ingress.getSpec().getTls().get(0).getSecretName());
      assertEquals(List.of("todo.example.com"), ingress.getSpec().getTls().get(0).getHosts());
    });
    // External database: no PostgreSQL of our own; the user's JWT Secret is used, never owned or rewritten.
    assertEquals(List.of(), cluster.admin().apps().statefulSets().inNamespace(prod).list().getItems());
    var jwtNow = cluster.admin().secrets().inNamespace(prod).withName("todo-jwt").get();
    assertEquals(jwt.getMetadata().getResourceVersion(), jwtNow.getMetadata().getResourceVersion());
    assertTrue(jwtNow.getMetadata().getOwnerReferences() == null || jwtNow.getMetadata().getOwnerReferences()
        .isEmpty(), "the user's Secret gets no owner reference (deleting the TodoApp must not delete it)");
    assertTrue(cluster.admin().apps().deployments().inNamespace(prod).withName("todo-backend").get().getSpec()
        .getTemplate()
        .getSpec().getContainers().get(0).getEnv().stream().anyMatch(e -> "JWT_SECRET".equals(e.getName())
            && e.getValueFrom() != null && "todo-jwt".equals(e.getValueFrom().getSecretKeyRef().getName())),
        "JWT_SECRET comes from the user's Secret, by reference");
    // The user's Secret has the name the operator gives a generated one ("todo-jwt"). An edit of it
    // reconciles the TodoApp (the referenced Secrets' informer): still not the operator's to delete.
    cluster.admin().secrets().inNamespace(prod).withName("todo-jwt")
        .edit(s -> new io.fabric8.kubernetes.api.model.SecretBuilder(s)
        .editMetadata().addToAnnotations("example.com/rotated", "once").endMetadata().build());
    Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
        .until(() -> cluster.admin().secrets().inNamespace(prod).withName("todo-jwt").get() != null);
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(String namespace, String name, String key,
      String value) {
    return cluster.admin().secrets().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName(name).endMetadata().addToStringData(key, value).build()).create();
  }

  @Test
  void autoscalingAndDisruptionBudgetsAskedForOnACLusterWithoutTheirApisAreExplainedNotAttempted() {
    cluster.apps().create(cluster.apps().fromYaml("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: x}
        spec:
          database: {managed: {}}
          backend:
            replicas: 2
            autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 4}
          frontend: {replicas: 2}
        """, "scaled", cluster.ns()));

    GenericKubernetesResource app = cluster.apps().awaitCondition(cluster.ns(), "scaled", "Degraded", "True", 60);
    String message = TodoAppsOnCluster.conditionField(app, "Degraded", "message");
    assertEquals("ApiNotServed", TodoAppsOnCluster.conditionField(app, "Degraded", "reason"), message);
    assertTrue(message.contains(HPA_NOT_SERVED), message);
    assertTrue(message.contains(PDB_NOT_SERVED), message);

    // The app itself still runs: both Deployments, at the autoscaler's minimum.
    Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreException(NullPointerException.class)
        .untilAsserted(() -> { // (a Deployment not created yet reads as null)
      assertEquals(2, cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("scaled-backend").get()
          .getSpec().getReplicas());
      assertEquals(2, cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("scaled-frontend").get()
          .getSpec().getReplicas());
    });
    // No HPA or PDB in any version the cluster does serve...
    assertEquals(List.of(), cluster.admin().autoscaling().v1().horizontalPodAutoscalers().inNamespace(cluster.ns())
        .list().getItems());
    // ...and the operator never even listed or watched them: no informer for an unserved type.
    List<AuditLog.Event> hpaOrPdbRequests = cluster.plane().auditLog().matching(cluster.operatorStart(),
        e -> KubeControlPlane.OPERATOR_USER.equals(e.user())
            && ("horizontalpodautoscalers".equals(e.resource()) || "poddisruptionbudgets".equals(e.resource())));
    assertEquals(List.of(), hpaOrPdbRequests);
    // The audit policy does record the operator's list/watch requests (else the line above proves nothing).
    assertTrue(cluster.plane().auditLog()
        .matching(cluster.operatorStart(), e -> KubeControlPlane.OPERATOR_USER.equals(e.user())
        && "deployments".equals(e.resource()) && ("list".equals(e.verb()) || "watch".equals(e.verb())))
        .size() > 0, "the operator's Deployment informer is in the audit log");
  }
}
