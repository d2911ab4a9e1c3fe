package dev.todo.operator.bench;

import dev.todo.operator.ImageJvmFlags;
import dev.todo.operator.MockDiscovery;
import dev.todo.operator.it.KubeControlPlane;
import dev.todo.operator.it.OperatorProcess;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.render.TodoAppManifest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator-core benchmark (not part of the test run; see operator/bench/run.sh). Starts
 * fabric8's mock API server (CRUD mode) in this JVM and the packaged operator (the production jar,
 * built with server-side apply off because the mock rejects it) as a separate process, then for
 * each N: creates N TodoApps like examples/todoapp-dev.yaml, plays kubelet (marks every Deployment
 * and StatefulSet ready), and reports the time until all N are Ready, the operator's API requests
 * by verb, the operator's heap and RSS, and the writes of an operator restart over the N converged
 * TodoApps (a no-op resync: every TodoApp is reconciled again and nothing should change). Before the
 * operator's run, the floor of the same work on a fresh mock server ({@link MockFloor}), to which the
 * operator's time is compared.
 */
public final class OperatorBenchmark {
  static final String HARNESS = "todo-bench-harness";
  static final String NAMESPACE = "bench";

  // The mock web server logs every request at INFO; at N = 1,000 that is ~40,000 lines.
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  public static void main(String[] args) {
    BenchmarkExit.after(() -> measure(args));
  }

  private static void measure(String[] args) throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    Path jar = Path.of(args[0]);
    Path example = Path.of(args[1]);
    // Default: the image's flags (operator/Dockerfile) under the chart's 512Mi memory limit.
    String flags = System.getProperty("bench.operatorJvm", "");
    List<String> jvmFlags = new ArrayList<>(flags.isBlank() ? ImageJvmFlags.underChartLimit(Path.of(""))
        : List.of(flags.trim().split(" +")));
    System.out.println("operator java: " + OperatorProcess.javaBinary());
    System.out.println("operator JVM flags: " + jvmFlags);
    List<String> rows = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      rows.add(new OperatorBenchmark().run(jar, example, Integer.parseInt(args[i]), jvmFlags));
    }
    System.out.println();
    System.out.println("| TodoApps | floor: all Ready, no operator | time to all Ready | against the floor |"
        + " operator requests while converging (by verb) | per TodoApp |"
        + " writes on a no-op restart | heap used after a full GC | RSS at Ready | RSS after a full GC |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /** Requests the operator sent, by verb; the harness's own requests carry another User-Agent. */
  static final class RequestCounter extends Thread {
    private final KubernetesMockServer server;
    final Map<String, AtomicLong> byVerb = new ConcurrentHashMap<>();
    final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean running = true;

    RequestCounter(KubernetesMockServer server) {
      super("request-counter");
      setDaemon(true);
      this.server = server;
    }

    @Override
    public void run() {
      while (running) {
        try {
          RecordedRequest r = server.takeRequest(100, TimeUnit.MILLISECONDS);
          if (r == null || HARNESS.equals(r.getHeader("User-Agent"))) {
            continue;
          }
          String verb = r.getMethod();
          if ("GET".equals(verb) && r.getPath().contains("watch=true")) {
            verb = "WATCH";
          }
          byVerb.computeIfAbsent(verb, k -> new AtomicLong()).incrementAndGet();
          if (!"GET".equals(verb) && !"WATCH".equals(verb)) {
            writes.add(verb + " " + r.getPath());
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void reset() {
      byVerb.clear();
      writes.clear();
    }

    long total() {
      return byVerb.values().stream().mapToLong(AtomicLong::get).sum();
    }

    Map<String, Long> snapshot() {
      Map<String, Long> s = new TreeMap<>();
      byVerb.forEach((k, v) -> s.put(k, v.get()));
      return s;
    }
  }

  /** Plays kubelet and the workload controllers: every Deployment and StatefulSet is ready at once. */
  static void kubelet(KubernetesClient client, ExecutorService pool) {
    client.apps().deployments().inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment d) {
        onUpdate(null, d);
      }

      @Override
      public void onUpdate(Deployment old, Deployment d) {
        if (dev.todo.operator.status.WorkloadReadiness.isReady(d)) {
          return;
        }
        pool.submit(() -> client.apps().deployments().inNamespace(NAMESPACE).withName(d.getMetadata().getName())
            .editStatus(current -> {
              int n = current.getSpec().getReplicas() == null ? 1 : current.getSpec().getReplicas();
              current.setStatus(new DeploymentStatusBuilder().withReplicas(n).withReadyReplicas(n)
                  .withUpdatedReplicas(n).withAvailableReplicas(n)
                  .withObservedGeneration(current.getMetadata().getGeneration()).build());
              return current;
            }));
      }

      @Override
      public void onDelete(Deployment d, boolean unknown) {
      }
    });
    client.apps().statefulSets().inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(StatefulSet s) {
        onUpdate(null, s);
      }

      @Override
      public void onUpdate(StatefulSet old, StatefulSet s) {
        if (dev.todo.operator.status.WorkloadReadiness.isReady(s)) {
          return;
        }
        pool.submit(() -> client.apps().statefulSets().inNamespace(NAMESPACE).withName(s.getMetadata().getName())
            .editStatus(current -> {
              current.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
              return current;
            }));
      }

      @Override
      public void onDelete(StatefulSet s, boolean unknown) {
      }
    });
  }

  String run(Path jar, Path example, int n, List<String> jvmFlags) throws Exception {
    System.out.println("== " + n + " TodoApps");
    TodoApp template = TodoAppManifest.read(new StringReader(Files.readString(example)), example.toString()).get(0);
    MockFloor.Result floor = MockFloor.measure(template, n, MockFloor.workflowThreads());
    System.out.printf("  floor (no operator, a fresh mock server): %d children created by %d threads in %.1f s,"
        + " all %d Ready after %.1f s%n", floor.children(), floor.threads(), floor.createdSeconds(), n,
        floor.readySeconds());
    int port = KubeControlPlane.freePort();
    KubernetesMockServer server = mockApiServer();
    server.init(InetAddress.getLoopbackAddress(), port);
    MockDiscovery.serveCurrentApis(server);
    String url = "http://127.0.0.1:" + port;
    RequestCounter counter = new RequestCounter(server);
    counter.start();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url)
        .withUserAgent(HARNESS).withRequestTimeout(60_000).build()).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Path logs = Files.createTempDirectory("todo-bench-");
    System.out.println("  operator logs: " + logs);
    List<String> operatorJvm = new ArrayList<>(jvmFlags);
    operatorJvm.add("-Dquarkus.profile=bench");
    // As the image runs it: its allocator settings (ENV MALLOC_... in operator/Dockerfile) too.
    Map<String, String> operatorEnv = new java.util.HashMap<>(ImageJvmFlags.allocatorEnvironment(Path.of("")));
    operatorEnv.putAll(Map.of("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", url,
        "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true", "QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "default",
        "KUBECONFIG", "/nonexistent"));
    OperatorProcess operator = null;
    try {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      kubelet(client, pool);
      java.util.Set<String> readyApps = ConcurrentHashMap.newKeySet();
      client.resources(TodoApp.class).inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
        @Override
        public void onAdd(TodoApp a) {
          onUpdate(null, a);
        }

        @Override
        public void onUpdate(TodoApp old, TodoApp a) {
          if (a.getStatus() != null && "Ready".equals(a.getStatus().getPhase())) {
            readyApps.add(a.getMetadata().getName());
          }
        }

        @Override
        public void onDelete(TodoApp a, boolean unknown) {
        }
      });
      operator = OperatorProcess.start(jar.toAbsolutePath(), logs, operatorJvm, operatorEnv);
      Thread.sleep(1000);
      counter.reset();

      long start = System.nanoTime();
      List<java.util.concurrent.Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        TodoApp app = io.fabric8.kubernetes.client.utils.Serialization.clone(template);
        app.getMetadata().setName(String.format("todo-%04d", i));
        app.getMetadata().setNamespace(NAMESPACE);
        creates.add(pool.submit(() -> client.resource(app).create()));
      }
      for (var f : creates) {
        f.get();
      }
      // Watch, not list: listing N TodoApps twice a second made the mock server (in this JVM) the
      // bottleneck at N = 1,000.
      while (readyApps.size() < n) {
        Thread.sleep(200);
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
          throw new IllegalStateException("only " + readyApps.size() + " of " + n + " Ready after 30 minutes");
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long rssAtReady = operator.rssKib();
      Thread.sleep(5000); // let the last status writes and events land
      Map<String, Long> converging = counter.snapshot();
      long total = counter.total();
      double heap = operator.liveHeapKib() / 1024.0;
      Thread.sleep(1000);
      long rss = operator.rssKib();
      System.out.println("  resident after a full GC: " + operator.rssBreakdown() + "; heap: "
          + operator.jcmd("GC.heap_info").lines().filter(l -> l.contains(" total ")).map(String::strip)
              .collect(java.util.stream.Collectors.joining("; ")));
      if (System.getenv("BENCH_HISTOGRAM") != null) {
        System.out.println(operator.jcmd("GC.class_histogram").lines().limit(40)
            .collect(java.util.stream.Collectors.joining("\n")));
        // The operator's threads by name, numbers left out: what the stacks are for.
        System.out.println("  threads: " + operator.jcmd("Thread.print").lines().filter(l -> l.startsWith("\""))
            .map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("\\d+", "N"))
            .collect(java.util.stream.Collectors.groupingBy(name -> name, java.util.TreeMap::new,
                java.util.stream.Collectors.counting())));
      }
      if (System.getenv("BENCH_HEAP_DUMP") != null) {
        System.out.println(operator.jcmd("GC.heap_dump", System.getenv("BENCH_HEAP_DUMP")));
      }
      if (jvmFlags.stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking"))) {
        System.out.println(operator.jcmd("VM.native_memory", "summary"));
      }
      System.out.printf("  all %d Ready after %.1f s; operator requests %s; RSS at Ready %d MiB; after a full GC:"
          + " RSS %d MiB, heap used %.0f MiB%n", n, seconds, converging, rssAtReady / 1024, rss / 1024, heap);

      // No-op resync: a restarted operator reconciles every TodoApp again; nothing has changed.
      operator.close();
      counter.reset();
      long restartAt = System.nanoTime();
      operator = OperatorProcess.start(jar.toAbsolutePath(), logs, operatorJvm, operatorEnv);
      long last = -1;
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(10)) {
        Thread.sleep(1000);
        long now = counter.total();
        if (now != last) {
          last = now;
          quietSince = System.nanoTime();
        }
      }
      double reconciled = operator.metricSum("operator_sdk_reconciliations_started_total");
      List<String> writes = new ArrayList<>(counter.writes);
      System.out.printf("  restart: %d requests %s, %d writes, reconciliations counted by the operator: %.0f,"
          + " quiet after %.1f s%n", counter.total(), counter.snapshot(), writes.size(), reconciled,
          (quietSince - restartAt) / 1e9);
      if (!writes.isEmpty()) {
        System.out.println("  first writes: " + writes.subList(0, Math.min(10, writes.size())));
      }
      return String.format("| %d | %.1f s | %.1f s | %.2fx | %s | %.1f | %d | %.0f MiB | %d MiB | %d MiB |", n,
          floor.readySeconds(), seconds, seconds / floor.readySeconds(), converging,
          (double) total / n, writes.size(), heap, rssAtReady / 1024, rss / 1024);
    } finally {
      if (operator != null) {
        operator.close();
      }
      pool.shutdownNow();
      counter.running = false;
      client.close();
      server.destroy();
    }
  }

  /**
   * fabric8's mock API server in CRUD mode, with two changes for scale, neither visible to the
   * operator. The mock keeps all objects in one map that it scans on every request, on one thread;
   * at N = 1,000 (13,000 children and 14,000 Events) that made it the bottleneck. So each resource
   * type gets its own CRUD store (a store per type behaves as one store does: a request only ever
   * reads and writes one type), and Events are acknowledged (201, the body echoed) but not stored:
   * nothing reads them back. Every request is still recorded and counted.
   */
  static KubernetesMockServer mockApiServer() {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new ConcurrentHashMap<>();
    List<CustomResourceDefinitionContext> crds = List.of(CustomResourceDefinitionContext.fromCustomResourceType(
        TodoApp.class));
    Map<String, KubernetesMixedDispatcher> stores = new ConcurrentHashMap<>();
    Dispatcher dispatcher = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String type = resourceType(request.getPath());
        if ("POST".equals(request.getMethod()) && "v1/events".equals(type)) {
          return new MockResponse().setResponseCode(201).setBody(request.getUtf8Body());
        }
        return stores.computeIfAbsent(type, t -> new KubernetesMixedDispatcher(expectations, crds)).dispatch(request);
      }
    };
    return new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false);
  }

  /**
   * "group/version/plural" of a request path ("v1/pods", "apps/v1/deployments"), or the path itself
   * for discovery and other non-resource paths.
   */
  static String resourceType(String path) {
    String[] p = path.replaceFirst("\\?.*", "").split("/");
    int version;
    if (p.length > 2 && "api".equals(p[1])) {
      version = 2;
    } else if (p.length > 3 && "apis".equals(p[1])) {
      version = 3;
    } else {
      return path;
    }
    String groupVersion = String.join("/", java.util.Arrays.copyOfRange(p, 2, version + 1));
    int plural = version + 1;
    if (p.length > plural + 2 && "namespaces".equals(p[plural])) {
      plural += 2;
    }
    return p.length > plural ? groupVersion + "/" + p[plural] : path;
  }
}
