package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The life of the TodoApp from {@code examples/todoapp-dev.yaml} on a real, current Kubernetes API server,
 * with the packaged operator in its production configuration (server-side apply): every child is
 * created and accepted by the server's validation, status goes through the status subresource, the
 * app turns Ready when the (test) kubelet reports its pods ready, drift is undone, and deleting the
 * TodoApp leaves the garbage collector nothing to miss. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TodoAppOnRealApiServerIT {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.namespace("lifecycle").withOperator();
  static final String APP = "todo";
  /** What the operator creates for the dev example (managed PostgreSQL, ingress, network policies). */
  static final List<String> CHILDREN = List.of("Deployment todo-backend", "Deployment todo-frontend",
      "Service todo-backend", "Service todo-frontend", "Service todo-postgres", "ConfigMap todo-config",
      "Secret todo-jwt", "Secret todo-postgres-credentials", "Ingress todo", "StatefulSet todo-postgres",
      "NetworkPolicy todo-backend", "NetworkPolicy todo-frontend", "NetworkPolicy todo-postgres");

  static GenericKubernetesResource created;

  @Test
  @Order(1)
  void devExampleGetsEveryChildAcceptedByTheServerAndAppliedServerSide() {
    created = cluster.apps().create(cluster.apps().fromRepo("examples/todoapp-dev.yaml", APP, cluster.ns()));

    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertEquals(List.of(), missingChildren()));
    for (HasMetadata child : children()) {
      assertTrue(TodoAppsOnCluster.ownedBy(child, created), child.getKind() + " " + child.getMetadata().getName()
          + " has the TodoApp as controller owner");
      assertEquals(APP, child.getMetadata().getLabels().get("app.kubernetes.io/instance"),
          child.getKind() + " " + child.getMetadata().getName() + " carries the instance label");
    }
    // Server-side apply, not create/update: the operator's field manager holds the fields as "Apply".
    Deployment backend = cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("todo-backend").get();
    List<ManagedFieldsEntry> applied = backend.getMetadata().getManagedFields().stream()
        .filter(m -> "Apply".equals(m.getOperation())).toList();
    assertEquals(1, applied.size(), "one Apply field manager on the Deployment: " + managers(backend));
    // Every write the operator made was accepted by the API server's validation.
    List<AuditLog.Event> rejected = cluster.plane().auditLog()
        .writesBy(KubeControlPlane.OPERATOR_USER, cluster.operatorStart()).stream()
        .filter(e -> cluster.ns().equals(e.namespace()) && e.code() >= 400 && e.code() != 409).toList();
    assertEquals(List.of(), rejected, "writes the API server refused");
  }

  @Test
  @Order(2)
  void statusGoesThroughTheStatusSubresourceWithConditionsAndObservedGeneration() {
    GenericKubernetesResource app = cluster.apps().awaitCondition(cluster.ns(), APP, "Progressing", "True", 60);
    assertEquals(app.getMetadata().getGeneration(), TodoAppsOnCluster.observedGeneration(app));
    assertEquals("False", TodoAppsOnCluster.conditionField(app, "Ready", "status"),
        "no pod is ready yet: " + TodoAppsOnCluster.status(app));
    assertNotNull(TodoAppsOnCluster.conditionField(app, "Ready", "message"));
    assertNotNull(TodoAppsOnCluster.conditionField(app, "Ready", "lastTransitionTime"));

    List<AuditLog.Event> todoAppWrites = cluster.plane().auditLog()
        .writesBy(KubeControlPlane.OPERATOR_USER, cluster.operatorStart())
        .stream().filter(e -> cluster.ns().equals(e.namespace()) && "todoapps".equals(e.resource())).toList();
    assertTrue(todoAppWrites.stream().anyMatch(e -> "status".equals(e.subresource())),
        "the operator patched status: " + todoAppWrites);
    assertEquals(List.of(), todoAppWrites.stream().filter(e -> !"status".equals(e.subresource())).toList(),
        "the operator never writes the TodoApp itself (spec, metadata)");
  }

  @Test
  @Order(3)
  void todoAppTurnsReadyWhenTheKubeletReportsItsPodsReady() {
    cluster.startKubelet();
    // As a user waits for it: kubectl wait on the Ready condition.
    cluster.plane().kubectl("wait", "--for=condition=Ready", "todoapp/" + APP, "-n", cluster.ns(), "--timeout=120s")
        .assertOk();
    GenericKubernetesResource app = cluster.apps().awaitCondition(cluster.ns(), APP, "Ready", "True", 10);
    Map<String, Object> status = TodoAppsOnCluster.status(app);
    assertEquals("Ready", status.get("phase"), "status: " + status);
    assertEquals("False", TodoAppsOnCluster.conditionField(app, "Progressing", "status"));
    assertEquals("False", TodoAppsOnCluster.conditionField(app, "Degraded", "status"));
    assertEquals("http://todo.local", status.get("url"));
    // Ready means rolled out: no pod of an older ReplicaSet left.
    assertEquals("1/1", ((Map<?, ?>) status.get("backend")).get("ready"), "status: " + status);
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      Map<String, Object> now = TodoAppsOnCluster.status(cluster.apps().get(cluster.ns(), APP));
      assertEquals("1/1", ((Map<?, ?>) now.get("backend")).get("ready"), "status: " + now);
      assertEquals("1/1", ((Map<?, ?>) now.get("frontend")).get("ready"), "status: " + now);
      assertEquals("1/1", ((Map<?, ?>) now.get("database")).get("ready"), "status: " + now);
    });
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertTrue(cluster.kubelet().podsStarted() >= 3, "backend, frontend and PostgreSQL pods were started"));
    // The namespace enforces the restricted Pod Security Standard: the API server admitted every pod.
    assertEquals("restricted", cluster.admin().namespaces().withName(cluster.ns()).get().getMetadata().getLabels()
        .get(RealApiServer.PSA_ENFORCE));
    for (String component : List.of("backend", "frontend", "database")) {
      assertTrue(cluster.admin().pods().inNamespace(cluster.ns()).withLabel("app.kubernetes.io/component", component)
          .list().getItems()
          .size() >= 1, "a " + component + " pod was admitted under restricted");
    }
    // kubectl get todoapps: the printer columns a user reads.
    List<String> table = cluster.plane().kubectl("get", "todoapps", "-n", cluster.ns()).assertOk().output().lines()
        .toList();
    assertEquals(List.of("NAME", "PHASE", "BACKEND", "FRONTEND", "URL", "AGE"),
        List.of(table.get(0).trim().split("\\s+")), "header: " + table);
    List<String> row = List.of(table.get(1).trim().split("\\s+"));
    assertEquals(List.of(APP, "Ready", "1/1", "1/1", "http://todo.local"), row.subList(0, 5), "row: " + table);
    // Each Deployment was applied once: its first pods already had the final config hash, so they
    // did not roll when the generated Secrets (JWT key, database credentials) reached the cache.
    for (String deployment : List.of("todo-backend", "todo-frontend")) {
      List<AuditLog.Event> applies = cluster.plane().auditLog()
          .writesBy(KubeControlPlane.OPERATOR_USER, cluster.operatorStart()).stream()
          .filter(e -> cluster.ns().equals(e.namespace()) && "deployments".equals(e.resource())
              && deployment.equals(e.name()) && e.subresource() == null).toList();
      assertEquals(1, applies.size(), "writes to Deployment " + deployment + ": " + applies);
    }
  }

  @Test
  @Order(4)
  void aHandEditOfAChildIsReverted() {
    Deployment before = cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("todo-backend").get();
    String image = before.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("todo-backend")
        .edit(d -> new DeploymentBuilder(d)
        .editSpec().editTemplate().editSpec().editFirstContainer().withImage("evil/backdoor:1").endContainer()
        .endSpec().endTemplate().endSpec().build());

    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> image.equals(
        cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("todo-backend").get().getSpec()
            .getTemplate()
            .getSpec().getContainers().get(0).getImage()));
  }

  @Test
  @Order(5)
  void aDeletedChildComesBack() {
    Service before = cluster.admin().services().inNamespace(cluster.ns()).withName("todo-frontend").get();
    cluster.admin().services().inNamespace(cluster.ns()).withName("todo-frontend").delete();

    Service after = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> cluster.admin().services().inNamespace(cluster.ns()).withName("todo-frontend").get(),
            s -> s != null && !s.getMetadata().getUid().equals(before.getMetadata().getUid()));
    assertEquals(before.getSpec().getPorts().get(0).getPort(), after.getSpec().getPorts().get(0).getPort());
    assertTrue(TodoAppsOnCluster.ownedBy(after, created));
    assertNotEquals(before.getMetadata().getUid(), after.getMetadata().getUid());
  }

  @Test
  @Order(6)
  void specEditsWhileTheOperatorWritesStatusFailNoReconcile() throws InterruptedException {
    long mark = cluster.plane().auditLog().mark();
    // A user editing quickly: each edit lands while the operator is still reconciling the one before.
    for (int i = 0; i < 12; i++) {
      String patch = "{\"spec\":{\"frontend\":{\"env\":[{\"name\":\"EDIT\",\"value\":\"" + i + "\"}]}}}";
      cluster.plane().kubectl("patch", "todoapp/" + APP, "-n", cluster.ns(), "--type=merge", "-p", patch).assertOk();
      Thread.sleep(150);
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      GenericKubernetesResource app = cluster.apps().get(cluster.ns(), APP);
      assertEquals(app.getMetadata().getGeneration(), TodoAppsOnCluster.observedGeneration(app));
    });
    // The status is patched without optimistic locking: no write of the operator's was refused as a
    // conflict, so no reconcile failed and nothing told the user "Reconciling failed".
    List<AuditLog.Event> conflicts = cluster.plane().auditLog().writesBy(KubeControlPlane.OPERATOR_USER, mark).stream()
        .filter(e -> cluster.ns().equals(e.namespace()) && "todoapps".equals(e.resource()) && e.code() == 409).toList();
    assertEquals(List.of(), conflicts, "the operator's TodoApp writes refused with 409");
    List<String> failed = cluster.admin().v1().events().inNamespace(cluster.ns()).list().getItems().stream()
        .filter(e -> "ReconcileFailed".equals(e.getReason())).map(e -> e.getMessage()).toList();
    assertEquals(List.of(), failed, "ReconcileFailed events");
  }

  @Test
  @Order(7)
  void deletingTheTodoAppLetsTheGarbageCollectorRemoveEveryChild() {
    assertEquals(List.of(), missingChildren(), "every child is there before the delete");
    cluster.apps().api().inNamespace(cluster.ns()).withName(APP).delete();

    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertEquals(List.of(), children().stream()
            .map(c -> c.getKind() + " " + c.getMetadata().getName()).toList(), "children left behind"));
    // The cascade goes on through the Deployments: their ReplicaSets and pods go too.
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
        cluster.admin().apps().replicaSets().inNamespace(cluster.ns()).list().getItems().isEmpty()
            && cluster.admin().pods().inNamespace(cluster.ns()).list().getItems().isEmpty());
  }

  private static List<String> missingChildren() {
    List<String> present = children().stream().map(c -> c.getKind() + " " + c.getMetadata().getName()).toList();
    List<String> missing = new ArrayList<>(CHILDREN);
    missing.removeAll(present);
    return missing;
  }

  /** Everything in the namespace labelled as part of the app (what `kubectl get all,...` would show). */
  static List<HasMetadata> children() {
    String label = "app.kubernetes.io/instance";
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(cluster.admin().apps().deployments().inNamespace(cluster.ns()).withLabel(label, APP).list().getItems());
    all.addAll(cluster.admin().apps().statefulSets().inNamespace(cluster.ns()).withLabel(label, APP).list().getItems());
    all.addAll(cluster.admin().services().inNamespace(cluster.ns()).withLabel(label, APP).list().getItems());
    all.addAll(cluster.admin().configMaps().inNamespace(cluster.ns()).withLabel(label, APP).list().getItems());
    all.addAll(cluster.admin().secrets().inNamespace(cluster.ns()).withLabel(label, APP).list().getItems());
    all.addAll(cluster.admin().network().v1().ingresses().inNamespace(cluster.ns()).withLabel(label, APP).list()
        .getItems());
    all.addAll(cluster.admin().network().v1().networkPolicies().inNamespace(cluster.ns()).withLabel(label, APP).list()
        .getItems());
    return all;
  }

  private static String managers(HasMetadata o) {
    return o.getMetadata().getManagedFields().stream().map(m -> m.getManager() + ":" + m.getOperation()).toList()
        .toString();
  }
}
