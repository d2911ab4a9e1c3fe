package dev.todo.operator.bench;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.render.RenderedChildren;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.status.WorkloadReadiness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The mock server's own rate for the work of N TodoApps, with no operator: what
 * {@code it.ApplyFloor} measures on the real API server, on a fresh mock server like the
 * benchmark's (same stores, same harness kubelet). N TodoApps created as the benchmark creates them,
 * every child the operator would make ({@link RenderedChildren}, owned by its TodoApp) created by as
 * many threads as the operator has workflow threads, and each TodoApp's status written once, Ready,
 * as soon as its workloads are. Everything here runs in the harness's JVM, as the mock server does;
 * the operator's run is compared with this time.
 */
final class MockFloor {
  /** What the floor run measured: children created, seconds to the last create, seconds to all Ready. */
  record Result(int apps, int children, int threads, double createdSeconds, double readySeconds) {
  }

  private MockFloor() {
  }

  static Result measure(TodoApp template, int n, int threads) throws Exception {
    int port = dev.todo.operator.it.KubeControlPlane.freePort();
    KubernetesMockServer server = OperatorBenchmark.mockApiServer();
    server.init(InetAddress.getLoopbackAddress(), port);
    dev.todo.operator.MockDiscovery.serveCurrentApis(server);
    Thread drain = new Thread(() -> { // the mock records every request; nobody reads them here
      try {
        while (true) {
          server.takeRequest();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "floor-drain");
    drain.setDaemon(true);
    drain.start();
    ExecutorService harness = Executors.newFixedThreadPool(4);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "floor-create"));
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + port).withUserAgent(OperatorBenchmark.HARNESS)
        .withRequestTimeout(60_000).build()).build()) {
      String ns = OperatorBenchmark.NAMESPACE;
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      OperatorBenchmark.kubelet(client, harness);
      Set<String> ready = ConcurrentHashMap.newKeySet();
      client.apps().deployments().inNamespace(ns).inform(MockFloor.<Deployment>readyNames(ready, WorkloadReadiness::isReady));
      client.apps().statefulSets().inNamespace(ns).inform(MockFloor.<StatefulSet>readyNames(ready, WorkloadReadiness::isReady));

      long t0 = System.nanoTime();
      List<Future<TodoApp>> creates = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        TodoApp app = Serialization.clone(template);
        app.getMetadata().setName(String.format("todo-%04d", i));
        app.getMetadata().setNamespace(ns);
        creates.add(harness.submit(() -> client.resource(app).create()));
      }
      List<Future<?>> children = new ArrayList<>();
      List<TodoApp> created = new ArrayList<>();
      for (Future<TodoApp> f : creates) {
        TodoApp app = f.get(10, TimeUnit.MINUTES);
        created.add(app);
        for (HasMetadata child : RenderedChildren.of(app)) {
          children.add(pool.submit(() -> client.resource(child).create()));
        }
      }
      for (Future<?> f : children) {
        f.get(10, TimeUnit.MINUTES);
      }
      long createdAt = System.nanoTime();
      markReadyAsTheirWorkloadsAre(client, pool, created, ready);
      long readyAt = System.nanoTime();
      return new Result(n, children.size(), threads, (createdAt - t0) / 1e9, (readyAt - t0) / 1e9);
    } finally {
      pool.shutdownNow();
      harness.shutdownNow();
      drain.interrupt();
      server.destroy();
    }
  }

  /** The operator's workflow threads (application.properties): the floor creates with as many. */
  static int workflowThreads() {
    Properties p = new Properties();
    try (var in = Files.newInputStream(Path.of("operator/src/main/resources/application.properties"))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Integer.parseInt(p.getProperty("quarkus.operator-sdk.concurrent-workflow-threads", "10").trim());
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> readyNames(Set<String> ready,
      java.util.function.Predicate<T> isReady) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T o) {
        onUpdate(null, o);
      }

      @Override
      public void onUpdate(T old, T o) {
        if (isReady.test(o)) {
          ready.add(o.getMetadata().getName());
        }
      }

      @Override
      public void onDelete(T o, boolean unknown) {
      }
    };
  }

  /** One status write per TodoApp, Ready, as soon as its Deployments and StatefulSet are ready. */
  private static void markReadyAsTheirWorkloadsAre(KubernetesClient client, ExecutorService pool,
      List<TodoApp> apps, Set<String> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    List<TodoApp> waiting = new ArrayList<>(apps);
    List<Future<?>> writes = new ArrayList<>();
    while (!waiting.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(waiting.size() + " floor TodoApps not ready after 30 minutes");
      }
      for (var it = waiting.iterator(); it.hasNext();) {
        TodoApp app = it.next();
        if (ready.contains(ChildNames.backend(app)) && ready.contains(ChildNames.frontend(app))
            && ready.contains(ChildNames.postgres(app))) {
          it.remove();
          writes.add(pool.submit(() -> writeReady(client, app)));
        }
      }
      if (!waiting.isEmpty()) {
        Thread.sleep(50);
      }
    }
    for (Future<?> f : writes) {
      f.get(10, TimeUnit.MINUTES);
    }
  }

  private static void writeReady(KubernetesClient client, TodoApp app) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    client.resources(TodoApp.class).inNamespace(app.getMetadata().getNamespace())
        .withName(app.getMetadata().getName()).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), """
            {"status":{"phase":"Ready","conditions":[{"type":"Ready","status":"True",
            "reason":"AllComponentsReady","message":"floor","lastTransitionTime":"%s"}]}}""".formatted(now));
  }
}
