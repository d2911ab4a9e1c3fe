package dev.todo.operator.bench;

import dev.todo.operator.MockDiscovery;
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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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
 * TodoApps (a no-op resync: every TodoApp is reconciled again and nothing should change).
 */
public final class OperatorBenchmark {
  static final String HARNESS = "todo-bench-harness";
  static final String NAMESPACE = "bench";

  // The mock web server logs every request at INFO; at N = 1,000 that is ~40,000 lines.
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  public static void main(String[] args) throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    Path jar = Path.of(args[0]);
    Path example = Path.of(args[1]);
    // Default: the image's flags (operator/Dockerfile) under the chart's 512Mi memory limit.
    String flags = System.getProperty("bench.operatorJvm", "");
    List<String> jvmFlags = new ArrayList<>();
    if (flags.isBlank()) {
      jvmFlags.add("-XX:MaxRAM=512m");
      jvmFlags.addAll(dev.todo.operator.ImageJvmFlags.read(Path.of("operator/Dockerfile")));
    } else {
      jvmFlags.addAll(List.of(flags.trim().split(" +")));
    }
    System.out.println("operator JVM flags: " + jvmFlags);
    List<String> rows = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      rows.add(new OperatorBenchmark().run(jar, example, Integer.parseInt(args[i]), jvmFlags));
    }
    System.out.println();
    System.out.println("| TodoApps | time to all Ready | operator requests while converging (by verb) | per TodoApp |"
        + " writes on a no-op restart | heap used | RSS |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    // The mock server's and the informers' threads would keep the JVM alive.
    System.exit(0);
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

  /** The operator process: the packaged jar pointed at the mock server. */
  static final class OperatorProcess {
    final Process process;
    final int httpPort;
    final CountDownLatch started = new CountDownLatch(1);

    OperatorProcess(Path jar, String apiServer, List<String> jvmFlags) throws IOException {
      httpPort = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmFlags);
      command.add("-Dquarkus.profile=bench");
      command.add("-jar");
      command.add(jar.toString());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", apiServer);
      env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
      env.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "default");
      env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
      env.put("KUBECONFIG", "/nonexistent");
      process = pb.start();
      // Never leave an operator running after the harness, whatever ends it.
      Process child = process;
      Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly, "operator-stop"));
      Thread pump = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            if (line.contains("started in")) {
              started.countDown();
            }
            if (line.contains("ERROR") || line.contains("started in") || Boolean.getBoolean("bench.verbose")) {
              System.out.println("  [operator] " + line);
            }
          }
        } catch (IOException e) {
          // process ended
        }
      }, "operator-output");
      pump.setDaemon(true);
      pump.start();
    }

    void awaitStarted() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!started.await(1, TimeUnit.SECONDS)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the operator exited with status " + process.exitValue()
              + " before it started (run with -Dbench.verbose=true to see its output)");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the operator did not start within 2 minutes");
        }
      }
    }

    long rssKiB() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    }

    /** Sum of a Prometheus metric's samples whose line matches all fragments. */
    double metric(String name, String... fragments) throws IOException, InterruptedException {
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + httpPort + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString())
          .body();
      double sum = 0;
      for (String line : body.split("\n")) {
        if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
          continue;
        }
        boolean all = true;
        for (String f : fragments) {
          all &= line.contains(f);
        }
        if (all) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    }

    /** Runs a diagnostic command in the operator's JVM (jcmd from the same JDK) and returns its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
      List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(process.pid())));
      line.addAll(List.of(command));
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
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
    int port = freePort();
    KubernetesMockServer server = mockApiServer();
    server.init(InetAddress.getLoopbackAddress(), port);
    MockDiscovery.serveCurrentApis(server);
    String url = "http://127.0.0.1:" + port;
    RequestCounter counter = new RequestCounter(server);
    counter.start();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url)
        .withUserAgent(HARNESS).withRequestTimeout(60_000).build()).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
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
      operator = new OperatorProcess(jar, url, jvmFlags);
      operator.awaitStarted();
      Thread.sleep(1000);
      counter.reset();

      TodoApp template = TodoAppManifest.read(new StringReader(Files.readString(example)), example.toString()).get(0);
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
      Thread.sleep(5000); // let the last status writes and events land
      Map<String, Long> converging = counter.snapshot();
      long total = counter.total();
      operator.jcmd("GC.run");
      Thread.sleep(1000);
      long rss = operator.rssKiB();
      if (jvmFlags.stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking"))) {
        System.out.println(operator.jcmd("VM.native_memory", "summary"));
      }
      double heap = operator.metric("jvm_memory_used_bytes", "area=\"heap\"");
      System.out.printf("  all %d Ready after %.1f s; operator requests %s; after a full GC: RSS %d MiB, heap used"
          + " %.0f MiB%n", n,
          seconds, converging, rss / 1024, heap / 1048576);

      // No-op resync: a restarted operator reconciles every TodoApp again; nothing has changed.
      operator.stop();
      counter.reset();
      long restartAt = System.nanoTime();
      operator = new OperatorProcess(jar, url, jvmFlags);
      operator.awaitStarted();
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
      double reconciled = operator.metric("operator_sdk_reconciliations_started_total");
      List<String> writes = new ArrayList<>(counter.writes);
      System.out.printf("  restart: %d requests %s, %d writes, reconciliations counted by the operator: %.0f,"
          + " quiet after %.1f s%n", counter.total(), counter.snapshot(), writes.size(), reconciled,
          (quietSince - restartAt) / 1e9);
      if (!writes.isEmpty()) {
        System.out.println("  first writes: " + writes.subList(0, Math.min(10, writes.size())));
      }
      return String.format("| %d | %.1f s | %s | %.1f | %d | %.0f MiB | %d MiB |", n, seconds, converging,
          (double) total / n, writes.size(), heap / 1048576, rss / 1024);
    } finally {
      if (operator != null) {
        operator.stop();
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

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
