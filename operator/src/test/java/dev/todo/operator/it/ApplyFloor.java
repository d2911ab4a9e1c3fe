package dev.todo.operator.it;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.render.RenderedChildren;
import dev.todo.operator.resources.dependent.ChildNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The API server's own rate for the work of N TodoApps, with no operator: the TodoApps created as in
 * the benchmark, then every child the operator would make (the {@code render} command's output,
 * {@link RenderedChildren}, owned by its TodoApp) applied server-side by a bulk client with the
 * operator's concurrency, and each TodoApp's status written once, Ready, when its workloads are ready
 * (the test kubelet starting their pods as in the operator's run). The time until every TodoApp is
 * Ready is the floor the operator's time is compared with: one apply per child and one status write
 * per TodoApp, nothing else.
 */
final class ApplyFloor {
  static final String FIELD_MANAGER = "bench-floor";

  /** What the floor run measured: children applied, seconds to the last apply, seconds to all Ready. */
  record Result(int apps, int children, int threads, double appliedSeconds, double readySeconds) {
  }

  private ApplyFloor() {
  }

  /**
   * Runs the floor in a namespace of its own, as the operator's identity, with {@code threads} threads
   * (the operator's workflow threads), then deletes that namespace and waits until it is gone, so the
   * operator's run that follows starts on the same cluster as before.
   */
  static Result measure(KubeControlPlane plane, int n, int threads, String manifest) {
    KubernetesClient admin = plane.admin();
    TodoAppsOnCluster apps = new TodoAppsOnCluster(admin);
    String ns = RealApiServer.newNamespace("floor");
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "floor-apply"));
    try (KubernetesClient client = KubeControlPlane.clientFor(plane.operatorKubeconfig());
        TestKubelet kubelet = TestKubelet.start(admin, ns)) {
      long t0 = System.nanoTime();
      List<TodoApp> created = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        GenericKubernetesResource app = apps.create(apps.fromRepo(manifest, "todo-" + i, ns));
        created.add(client.getKubernetesSerialization().convertValue(app, TodoApp.class));
      }
      List<Future<?>> applies = new ArrayList<>();
      int children = 0;
      for (TodoApp app : created) {
        for (HasMetadata child : RenderedChildren.of(app)) {
          children++;
          applies.add(pool.submit(() -> client.resource(child).fieldManager(FIELD_MANAGER).forceConflicts()
              .serverSideApply()));
        }
      }
      for (Future<?> f : applies) {
        f.get(10, TimeUnit.MINUTES);
      }
      long applied = System.nanoTime();
      markReadyAsTheirWorkloadsAre(client, pool, ns, created, Duration.ofMinutes(20));
      long ready = System.nanoTime();
      return new Result(n, children, threads, (applied - t0) / 1e9, (ready - t0) / 1e9);
    } catch (Exception e) {
      throw new IllegalStateException("The floor run failed", e);
    } finally {
      pool.shutdownNow();
      admin.namespaces().withName(ns).delete();
      admin.namespaces().withName(ns).waitUntilCondition(Objects::isNull, 5, TimeUnit.MINUTES);
    }
  }

  /**
   * Polls the workloads once a second (as the benchmark polls the TodoApps) and writes each TodoApp's
   * status once, Ready, as soon as its Deployments and StatefulSet are ready.
   */
  private static void markReadyAsTheirWorkloadsAre(KubernetesClient client, ExecutorService pool, String ns,
      List<TodoApp> apps, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    Set<String> done = new HashSet<>();
    while (done.size() < apps.size()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(done.size() + " of " + apps.size() + " floor TodoApps ready after " + max);
      }
      Map<String, Boolean> ready = new HashMap<>();
      client.apps().deployments().inNamespace(ns).list().getItems().forEach(d -> ready.put(d.getMetadata()
          .getName(), isReady(d)));
      client.apps().statefulSets().inNamespace(ns).list().getItems().forEach(s -> ready.put(s.getMetadata()
          .getName(), isReady(s)));
      List<Future<?>> writes = new ArrayList<>();
      for (TodoApp app : apps) {
        String name = app.getMetadata().getName();
        // One status write per TodoApp, as its workloads become ready.
        if (!done.contains(name) && Boolean.TRUE.equals(ready.get(ChildNames.backend(app)))
            && Boolean.TRUE.equals(ready.get(ChildNames.frontend(app)))
            && Boolean.TRUE.equals(ready.get(ChildNames.postgres(app)))) {
          done.add(name);
          writes.add(pool.submit(() -> writeReady(client, ns, name)));
        }
      }
      for (Future<?> f : writes) {
        f.get(1, TimeUnit.MINUTES);
      }
      if (done.size() < apps.size()) {
        KubeControlPlane.sleep(1000);
      }
    }
  }

  private static void writeReady(KubernetesClient client, String ns, String name) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    client.genericKubernetesResources(TodoAppsOnCluster.API_VERSION, TodoAppsOnCluster.KIND).inNamespace(ns)
        .withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), """
            {"status":{"phase":"Ready","conditions":[{"type":"Ready","status":"True",
            "reason":"AllComponentsReady","message":"floor","lastTransitionTime":"%s"}]}}""".formatted(now));
  }

  private static boolean isReady(Deployment d) {
    Integer want = d.getSpec().getReplicas();
    return d.getStatus() != null && Objects.equals(d.getStatus().getReadyReplicas(), want)
        && Objects.equals(d.getStatus().getUpdatedReplicas(), want);
  }

  private static boolean isReady(StatefulSet s) {
    Integer want = s.getSpec().getReplicas();
    return s.getStatus() != null && Objects.equals(s.getStatus().getReadyReplicas(), want);
  }
}
