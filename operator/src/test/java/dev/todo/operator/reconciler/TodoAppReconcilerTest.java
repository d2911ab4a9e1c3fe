package dev.todo.operator.reconciler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.MockDiscovery;
import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.status.Condition;
import dev.todo.operator.resources.shared.ConfigHash;
import dev.todo.operator.resources.shared.ReferencedSecrets;
import dev.todo.operator.status.StatusAggregator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real operator (QOSDK, the production reconciler) against fabric8's mock API server in CRUD
 * mode. Each test works in its own namespace. The mock has no kubelet, no garbage collector and no
 * server-side apply: tests mark workloads ready themselves, and the test profile patches instead
 * of applying. The waits ignore exceptions: a TodoApp read before its first status write has none
 * (a loaded CI machine hit that NullPointerException).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = MockDiscovery.class)
class TodoAppReconcilerTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Inject
  KubernetesClient client;

  @io.quarkus.test.kubernetes.client.KubernetesTestServer
  io.quarkus.test.kubernetes.client.KubernetesServer server;

  @Test
  void createsEveryChildOwnedByTheTodoApp_andTurnsReadyOnceWorkloadsAreReady() {
    String ns = namespace("create");
    TodoApp app = client.resource(TestApps.full("shop", ns)).create();

    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      assertNotNull(get(Deployment.class, ns, "shop-backend"));
      assertNotNull(get(Deployment.class, ns, "shop-frontend"));
      assertNotNull(get(Service.class, ns, "shop-backend"));
      assertNotNull(get(Service.class, ns, "shop-frontend"));
      assertNotNull(get(ConfigMap.class, ns, "shop-config"));
      assertNotNull(get(Secret.class, ns, "shop-jwt"));
      assertNotNull(get(Secret.class, ns, "shop-postgres-credentials"));
      assertNotNull(get(Service.class, ns, "shop-postgres"));
      assertNotNull(get(StatefulSet.class, ns, "shop-postgres"));
      assertNotNull(get(HorizontalPodAutoscaler.class, ns, "shop-backend"));
      assertNotNull(get(PodDisruptionBudget.class, ns, "shop-backend"));
      assertNotNull(get(PodDisruptionBudget.class, ns, "shop-frontend"));
      assertNotNull(get(NetworkPolicy.class, ns, "shop-backend"));
      assertNotNull(get(NetworkPolicy.class, ns, "shop-frontend"));
      assertNotNull(get(NetworkPolicy.class, ns, "shop-postgres"));
      assertNotNull(get(Ingress.class, ns, "shop"));
    });
    // Things that must not exist for this spec.
    assertNull(get(HorizontalPodAutoscaler.class, ns, "shop-frontend"), "frontend autoscaling is off");
    assertNull(get(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, ns, "shop-backend-data"),
        "no embedded volume with a managed database");
    assertNull(get(Deployment.class, ns, "shop-backend").getSpec().getReplicas(),
        "the HPA owns the backend's replica count");

    TodoApp created = client.resources(TodoApp.class).inNamespace(ns).withName("shop").get();
    for (HasMetadata child : List.of(get(Deployment.class, ns, "shop-backend"), get(Secret.class, ns, "shop-jwt"),
        get(StatefulSet.class, ns, "shop-postgres"), get(Ingress.class, ns, "shop"))) {
      OwnerReference owner = child.getMetadata().getOwnerReferences().get(0);
      assertEquals(created.getMetadata().getUid(), owner.getUid(), child.getKind() + " is owned by the TodoApp");
      assertEquals("TodoApp", owner.getKind());
      assertEquals(Boolean.TRUE, owner.getController());
      assertEquals("todo-operator", child.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    }

    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      TodoApp seen = todoApp(ns, "shop");
      assertNotNull(seen.getStatus());
      assertEquals("Progressing", seen.getStatus().getPhase());
      assertEquals("False", condition(seen, "Ready").getStatus());
    });

    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      kubelet(ns, "shop");
      TodoApp seen = todoApp(ns, "shop");
      assertEquals("Ready", seen.getStatus().getPhase(), seen.getStatus().getConditions().toString());
      assertEquals("True", condition(seen, "Ready").getStatus());
      assertEquals("False", condition(seen, "Degraded").getStatus());
      assertEquals("2/2", seen.getStatus().getFrontend().getReady());
      assertEquals("todo-frontend:dev", seen.getStatus().getFrontend().getImage());
      assertEquals("http://todo.local", seen.getStatus().getUrl());
      assertEquals(seen.getMetadata().getGeneration(), seen.getStatus().getObservedGeneration());
    });
    assertTrue(client.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(e -> "Created".equals(e.getReason()) && e.getMessage().contains("Deployment shop-backend")),
        "an Event records each created child");
  }

  @Test
  void aNewTodoAppRecordsOneCreatedEventListingItsChildren_andOneReadyEvent() {
    String ns = namespace("events");
    client.resource(TestApps.full("cart", ns)).create();
    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      kubelet(ns, "cart");
      assertEquals("Ready", todoApp(ns, "cart").getStatus().getPhase());
    });
    await().ignoreExceptions().pollDelay(Duration.ofSeconds(2)).atMost(TIMEOUT).untilAsserted(() -> {
      List<io.fabric8.kubernetes.api.model.Event> events = client.v1().events().inNamespace(ns).list().getItems()
          .stream().filter(e -> "cart".equals(e.getInvolvedObject().getName())).toList();
      // Two transitions, two Events: created (with every child in one message), then Ready.
      assertEquals(List.of("Created", "Ready"), events.stream().map(e -> e.getReason()).sorted().toList(),
          "Events: " + events.stream().map(e -> e.getReason() + ": " + e.getMessage()).toList());
      String created = events.stream().filter(e -> "Created".equals(e.getReason())).findFirst().orElseThrow()
          .getMessage();
      for (String child : List.of("ConfigMap cart-config", "Secret cart-jwt", "Secret cart-postgres-credentials",
          "Deployment cart-backend", "Deployment cart-frontend", "StatefulSet cart-postgres", "Service cart-backend",
          "Service cart-frontend", "Service cart-postgres", "Ingress cart", "NetworkPolicy cart-postgres",
          "HorizontalPodAutoscaler cart-backend", "PodDisruptionBudget cart-frontend")) {
        assertTrue(created.contains(child), "the Created Event lists " + child + ": " + created);
      }
    });
  }

  @Test
  void withItsOwnKeyAndDatabaseATodoAppGetsNoGeneratedSecret_andSwitchingToItsOwnKeyRemovesOnlyTheGeneratedOne() {
    String ns = namespace("ownsecrets");
    for (String name : List.of("my-db", "my-jwt")) {
      client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
          .addToStringData("key", "postgresql://db:5432/todo-and-a-long-enough-jwt-key-0123456789abcdef").build())
          .create();
    }
    // The backend Deployment depends on the generated Secrets in the workflow: none wanted here.
    TodoApp own = TestApps.external("own", ns, "my-db", "key");
    own.getSpec().setAuth(new dev.todo.operator.model.spec.AuthSpec());
    own.getSpec().getAuth().setJwtSecretRef(TestApps.selector("my-jwt", "key"));
    client.resource(own).create();
    // Generated Secrets first, the backend after them: a TodoApp that wants one gets both.
    client.resource(TestApps.external("gen", ns, "my-db", "key")).create();
    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      assertNotNull(get(Deployment.class, ns, "own-backend"));
      assertNotNull(get(Deployment.class, ns, "gen-backend"));
      assertNotNull(get(Secret.class, ns, "gen-jwt"));
    });
    assertNull(get(Secret.class, ns, "own-jwt"), "no JWT Secret generated when the spec references one");
    assertNull(get(Secret.class, ns, "own-postgres-credentials"), "no credentials for an external database");

    editSpec(ns, "gen", app -> {
      app.getSpec().setAuth(new dev.todo.operator.model.spec.AuthSpec());
      app.getSpec().getAuth().setJwtSecretRef(TestApps.selector("my-jwt", "key"));
    });
    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> assertNull(get(Secret.class, ns, "gen-jwt"),
        "the generated JWT Secret goes once the spec references another"));
    await().ignoreExceptions().pollDelay(Duration.ofSeconds(2)).atMost(TIMEOUT).untilAsserted(() -> {
      assertNotNull(get(Deployment.class, ns, "gen-backend"), "the backend that depended on it stays");
      assertNotNull(get(Deployment.class, ns, "own-backend"));
      assertNotNull(get(Secret.class, ns, "my-jwt"), "the user's Secret stays");
    });
  }

  @Test
  void specChangesReachTheChildren_andAConfigChangeRollsThePods() {
    String ns = namespace("update");
    client.resource(TestApps.full("app", ns)).create();
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> get(Deployment.class, ns, "app-frontend") != null
        && get(Deployment.class, ns, "app-backend") != null);
    String hashBefore = podHash(get(Deployment.class, ns, "app-backend"));

    editSpec(ns, "app", app -> {
      app.getSpec().getFrontend().setImage("todo-frontend:2.0");
      app.getSpec().getFrontend().setReplicas(3);
      app.getSpec().setLogLevel(dev.todo.operator.model.spec.LogLevel.DEBUG);
    });

    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      Deployment frontend = get(Deployment.class, ns, "app-frontend");
      assertEquals("todo-frontend:2.0", frontend.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
      assertEquals(3, frontend.getSpec().getReplicas());
      assertEquals("DEBUG", get(ConfigMap.class, ns, "app-config").getData().get("LOG_LEVEL"));
      assertNotEquals(hashBefore, podHash(get(Deployment.class, ns, "app-backend")),
          "a ConfigMap change must roll the backend");
    });

    // Turning autoscaling off deletes the HPA and gives the replica count back to the spec.
    editSpec(ns, "app", app -> {
      app.getSpec().getBackend().getAutoscaling().setEnabled(false);
      app.getSpec().getBackend().setReplicas(2);
    });
    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      assertNull(get(HorizontalPodAutoscaler.class, ns, "app-backend"));
      assertEquals(2, get(Deployment.class, ns, "app-backend").getSpec().getReplicas());
    });
  }

  @Test
  void handEditsAreRevertedAndDeletedChildrenComeBack() {
    String ns = namespace("drift");
    client.resource(TestApps.full("app", ns)).create();
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> get(Deployment.class, ns, "app-frontend") != null
        && get(Service.class, ns, "app-backend") != null);

    client.apps().deployments().inNamespace(ns).withName("app-frontend").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil:latest");
      return d;
    });
    client.resource(get(Service.class, ns, "app-backend")).delete();

    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      assertEquals("todo-frontend:dev", get(Deployment.class, ns, "app-frontend").getSpec().getTemplate().getSpec()
          .getContainers().get(0).getImage());
      assertNotNull(get(Service.class, ns, "app-backend"));
    });
  }

  @Test
  void invalidSpecIsReportedDegraded_nothingIsApplied_andFixingItRecovers() {
    String ns = namespace("invalid");
    TodoApp app = TestApps.minimal("bad", ns);
    app.getSpec().setBackend(new dev.todo.operator.model.spec.BackendSpec());
    app.getSpec().getBackend().setReplicas(3); // embedded database (the default) needs exactly one pod
    client.resource(app).create();

    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      TodoApp seen = todoApp(ns, "bad");
      assertNotNull(seen.getStatus());
      assertEquals("Degraded", seen.getStatus().getPhase());
      Condition degraded = condition(seen, "Degraded");
      assertEquals("InvalidSpec", degraded.getReason());
      assertTrue(degraded.getMessage().contains("spec.backend.replicas to 1"), degraded.getMessage());
    });
    assertNull(get(Deployment.class, ns, "bad-backend"), "nothing is applied from an invalid spec");

    editSpec(ns, "bad", fixed -> fixed.getSpec().getBackend().setReplicas(1));
    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      assertNotNull(get(Deployment.class, ns, "bad-backend"));
      assertNotNull(get(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, ns, "bad-backend-data"));
      assertEquals("Recreate", get(Deployment.class, ns, "bad-backend").getSpec().getStrategy().getType());
      assertNotEquals("InvalidSpec", condition(todoApp(ns, "bad"), "Degraded").getReason());
    });
  }

  @Test
  void missingUserSecretIsNamedInStatus_andCreatingItClearsTheProblem() {
    String ns = namespace("secrets");
    TodoApp app = TestApps.external("app", ns, "neon-db", "url");
    app.getSpec().setAi(TestApps.ai("openai-key", "api-key"));
    client.resource(app).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("openai-key").withNamespace(ns).endMetadata()
        .addToStringData("wrong-key", "sk-test").build()).create();

    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      Condition degraded = condition(todoApp(ns, "app"), "Degraded");
      assertEquals("True", degraded.getStatus());
      assertTrue(degraded.getMessage().contains("Secret neon-db not found"), degraded.getMessage());
      assertTrue(degraded.getMessage().contains("Secret openai-key has no key api-key"), degraded.getMessage());
      assertNotNull(get(Deployment.class, ns, "app-backend"), "created once the generated JWT Secret is cached");
    });
    String hashBefore = podHash(get(Deployment.class, ns, "app-backend"));

    client.resource(new SecretBuilder().withNewMetadata().withName("neon-db").withNamespace(ns).endMetadata()
        .addToStringData("url", "postgresql://u:p@db.example:5432/todo?sslmode=require").build()).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("openai-key").withNamespace(ns).endMetadata()
        .addToStringData("api-key", "sk-test").build()).update();

    await().ignoreExceptions().atMost(TIMEOUT).untilAsserted(() -> {
      assertEquals("False", condition(todoApp(ns, "app"), "Degraded").getStatus());
      assertNotEquals(hashBefore, podHash(get(Deployment.class, ns, "app-backend")),
          "a changed referenced Secret rolls the backend");
    });
    Deployment backend = get(Deployment.class, ns, "app-backend");
    var env = backend.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    assertTrue(env.stream().anyMatch(e -> "DATABASE_URL".equals(e.getName())
        && "neon-db".equals(e.getValueFrom().getSecretKeyRef().getName())));
    assertNull(get(Secret.class, ns, "app-postgres-credentials"), "no managed database credentials");
  }

  @Test
  void generatedJwtSecretIsCreatedOnceAndKept() {
    String ns = namespace("jwt");
    client.resource(TestApps.full("app", ns)).create();
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> get(Secret.class, ns, "app-jwt") != null);
    String first = jwt(ns);
    assertTrue(first.length() >= 48, "at least 48 random characters");

    // Reconciles caused by spec changes do not touch it.
    editSpec(ns, "app", app -> app.getSpec().setLogLevel(dev.todo.operator.model.spec.LogLevel.WARN));
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> "WARN".equals(get(ConfigMap.class, ns, "app-config").getData().get("LOG_LEVEL")));
    assertEquals(first, jwt(ns));

    // Deleted by hand, a new one is generated (and the backend rolls to use it).
    client.resource(get(Secret.class, ns, "app-jwt")).delete();
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> get(Secret.class, ns, "app-jwt") != null);
    assertNotEquals(first, jwt(ns));
  }

  @Test
  void deletingTheTodoAppLeavesNothingBehindForTheGarbageCollector() {
    String ns = namespace("delete");
    client.resource(TestApps.full("app", ns)).create();
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> get(Ingress.class, ns, "app") != null);
    TodoApp app = todoApp(ns, "app");
    assertTrue(app.getMetadata().getFinalizers() == null || app.getMetadata().getFinalizers().isEmpty(),
        "no finalizer: deletion never waits for the operator");

    client.resource(app).delete();
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> todoApp(ns, "app") == null);
    // The mock has no garbage collector; a real one deletes every object whose owner is gone.
    for (Class<? extends HasMetadata> type : List.of(Deployment.class, Service.class, ConfigMap.class, Secret.class,
        StatefulSet.class, Ingress.class, NetworkPolicy.class, PodDisruptionBudget.class,
        HorizontalPodAutoscaler.class)) {
      for (HasMetadata child : client.resources(type).inNamespace(ns).list().getItems()) {
        assertFalse(child.getMetadata().getOwnerReferences().isEmpty(), child.getKind() + " "
            + child.getMetadata().getName() + " has no owner: it would outlive its TodoApp");
        assertEquals(app.getMetadata().getUid(), child.getMetadata().getOwnerReferences().get(0).getUid());
      }
    }
  }

  @Test
  void aRestartedOperatorFindsEverythingConverged_writesNothing_andKeepsTheJwtSecret() throws Exception {
    String ns = namespace("restart");
    client.resource(TestApps.full("app", ns)).create();
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> get(Deployment.class, ns, "app-backend") != null
        && get(Deployment.class, ns, "app-frontend") != null && get(StatefulSet.class, ns, "app-postgres") != null);
    await().ignoreExceptions().atMost(TIMEOUT).until(() -> {
      kubelet(ns, "app");
      TodoApp seen = todoApp(ns, "app");
      return seen.getStatus() != null && "Ready".equals(seen.getStatus().getPhase());
    });
    String jwt = jwt(ns);
    String hash = podHash(get(Deployment.class, ns, "app-backend"));
    Thread.sleep(1000); // let the events caused by the status writes above play out
    drainRequests();

    // A second operator process, as after a restart: empty caches, same reconciler.
    io.javaoperatorsdk.operator.Operator restarted = new io.javaoperatorsdk.operator.Operator(o -> o
        .withKubernetesClient(new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(client.getConfiguration()).build())
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false));
    restarted.register(new TodoAppReconciler());
    restarted.start();
    try {
      Thread.sleep(4000); // lists, watches and reconciles every TodoApp once
      List<String> requests = drainRequests();
      assertTrue(requests.stream().anyMatch(r -> r.startsWith("GET /apis/todo.dev/v1alpha1/todoapps")),
          "the restarted operator read the TodoApps: " + requests);
      List<String> writes = requests.stream()
          .filter(r -> !r.startsWith("GET "))
          .filter(r -> r.contains("/namespaces/" + ns + "/"))
          .toList();
      assertEquals(List.of(), writes, "a restart over a converged TodoApp writes nothing");
      assertEquals(jwt, jwt(ns), "the generated JWT key survives the restart");
      assertEquals(hash, podHash(get(Deployment.class, ns, "app-backend")), "and the pods do not roll");
    } finally {
      restarted.stop();
    }
  }

  // ---- helpers

  private List<String> drainRequests() throws InterruptedException {
    List<String> requests = new java.util.ArrayList<>();
    io.fabric8.mockwebserver.http.RecordedRequest r;
    while ((r = server.getKubernetesMockServer().takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
      requests.add(r.getMethod() + " " + r.getPath());
    }
    return requests;
  }

  private String namespace(String name) {
    String ns = "t-" + name;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .createOr(existing -> existing.update());
    return ns;
  }

  private <T extends HasMetadata> T get(Class<T> type, String ns, String name) {
    return client.resources(type).inNamespace(ns).withName(name).get();
  }

  /**
   * Changes the spec as a user's {@code kubectl apply} would: read, change, update, and on a 409
   * Conflict (the operator wrote the status in between) read again and retry.
   */
  private void editSpec(String ns, String name, java.util.function.Consumer<TodoApp> change) {
    for (int attempt = 1; ; attempt++) {
      TodoApp app = todoApp(ns, name);
      change.accept(app);
      try {
        client.resource(app).update();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private TodoApp todoApp(String ns, String name) {
    return client.resources(TodoApp.class).inNamespace(ns).withName(name).get();
  }

  private static Condition condition(TodoApp app, String type) {
    Condition c = StatusAggregator.find(app.getStatus(), type);
    assertNotNull(c, "condition " + type + " in " + app.getStatus());
    return c;
  }

  private String jwt(String ns) {
    return ReferencedSecrets.decodedValue(get(Secret.class, ns, "app-jwt"), "jwt-secret");
  }

  private static String podHash(Deployment d) {
    Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations.get(ConfigHash.ANNOTATION);
  }

  /**
   * Plays kubelet, deployment and statefulset controllers for one TodoApp: whatever the operator last
   * wrote, every desired pod is up to date and ready. (The mock keeps no status across a PUT of the
   * object, so this is called until the TodoApp is Ready.)
   */
  void kubelet(String ns, String app) {
    try {
      kubeletOnce(ns, app);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // the operator wrote in between: the next round sees its version
    }
  }

  private void kubeletOnce(String ns, String app) {
    for (String name : List.of(app + "-backend", app + "-frontend")) {
      Deployment d = get(Deployment.class, ns, name);
      if (d != null && !dev.todo.operator.status.WorkloadReadiness.isReady(d)) {
        markReady(ns, name);
      }
    }
    StatefulSet s = get(StatefulSet.class, ns, app + "-postgres");
    if (s != null && !dev.todo.operator.status.WorkloadReadiness.isReady(s)) {
      markStatefulSetReady(ns, app + "-postgres");
    }
  }

  /**
   * All desired pods are up to date and ready. Patches the status only (JSON patch on the status
   * subresource): a PUT of a stale copy would also put back an old spec and fight the operator. An
   * autoscaled Deployment has as many as its HPA's minReplicas, as the HPA controller (absent here)
   * would have raised it to.
   */
  void markReady(String ns, String name) {
    HorizontalPodAutoscaler hpa = get(HorizontalPodAutoscaler.class, ns, name);
    int atLeast = hpa == null || hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
    client.apps().deployments().inNamespace(ns).withName(name).editStatus(d -> {
      int replicas = Math.max(atLeast, d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas());
      d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
          .withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
          .withObservedGeneration(d.getMetadata().getGeneration()).build());
      return d;
    });
  }

  void markStatefulSetReady(String ns, String name) {
    client.apps().statefulSets().inNamespace(ns).withName(name).editStatus(s -> {
      s.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
      return s;
    });
  }

}
