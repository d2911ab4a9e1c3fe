package dev.todo.operator.bench;

import dev.todo.operator.ImageJvmFlags;
import dev.todo.operator.MockDiscovery;
import dev.todo.operator.it.KubeControlPlane;
import dev.todo.operator.it.OperatorProcess;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.render.TodoAppManifest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * JVM start to ready of the packaged operator (operator/bench/startup.sh; docs/benchmarks.md): the
 * operator's process is started N times against fabric8's mock API server holding 3 TodoApps like
 * examples/todoapp-dev.yaml, each time until the first 200 of /q/health/ready (every informer has
 * listed its kind and the controller runs), with the image's JVM flags under the chart's limit plus
 * {@code BENCH_OPERATOR_JVM_EXTRA}, on the JDK of {@code OPERATOR_JAVA}. With {@code BENCH_TRAIN}
 * (e.g. {@code -XX:AOTCacheOutput=/tmp/operator.aot}), a training run comes first: the operator is
 * started with the image's flags and those (not the extra ones), reconciles the 3 TodoApps, and is
 * stopped as Kubernetes stops it (SIGTERM), when the JVM writes its archive.
 */
public final class OperatorStartupBenchmark {
  private OperatorStartupBenchmark() {
  }

  public static void main(String[] args) {
    BenchmarkExit.after(() -> measure(args));
  }

  private static void measure(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path example = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    List<String> image = new ArrayList<>(ImageJvmFlags.underChartLimit(Path.of("")));
    image.add("-Dquarkus.profile=bench");
    List<String> flags = new ArrayList<>(image);
    flags.addAll(split(System.getenv("BENCH_OPERATOR_JVM_EXTRA")));
    System.out.println("operator java: " + OperatorProcess.javaBinary());
    System.out.println("operator JVM flags: " + flags);

    int port = KubeControlPlane.freePort();
    KubernetesMockServer server = OperatorBenchmark.mockApiServer();
    server.init(InetAddress.getLoopbackAddress(), port);
    MockDiscovery.serveCurrentApis(server);
    String url = "http://127.0.0.1:" + port;
    Map<String, String> env = Map.of("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", url,
        "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true", "QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "default",
        "KUBECONFIG", "/nonexistent");
    Path logs = Files.createTempDirectory("todo-startup-");
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url)
        .withUserAgent(OperatorBenchmark.HARNESS).build()).build()) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(OperatorBenchmark.NAMESPACE)
          .endMetadata().build()).create();
      TodoApp template = TodoAppManifest.read(new StringReader(Files.readString(example)), example.toString()).get(0);
      for (int i = 0; i < 3; i++) {
        TodoApp app = io.fabric8.kubernetes.client.utils.Serialization.clone(template);
        app.getMetadata().setName("todo-" + i);
        app.getMetadata().setNamespace(OperatorBenchmark.NAMESPACE);
        client.resource(app).create();
      }
      List<String> train = split(System.getenv("BENCH_TRAIN"));
      if (!train.isEmpty()) {
        List<String> trainFlags = new ArrayList<>(image);
        trainFlags.addAll(train);
        try (OperatorProcess operator = OperatorProcess.start(jar, logs, trainFlags, env)) {
          Thread.sleep(10_000);
          System.out.printf("training run %s: ready after %.2f s, stopped after 10 s more (log %s)%n", train,
              operator.secondsToReady(), operator.log());
        }
      }
      double[] seconds = new double[runs];
      for (int i = 0; i < runs; i++) {
        try (OperatorProcess operator = OperatorProcess.start(jar, logs, flags, env)) {
          seconds[i] = operator.secondsToReady();
          System.out.printf("  start %d: JVM start to ready %.2f s, RSS at ready %d MiB%n", i + 1, seconds[i],
              operator.rssKib() / 1024);
        }
      }
      Arrays.sort(seconds);
      System.out.printf("JVM start to ready, median of %d: %.2f s (min %.2f, max %.2f); logs %s%n", runs,
          seconds[runs / 2], seconds[0], seconds[runs - 1], logs);
    } finally {
      server.destroy();
    }
  }

  private static List<String> split(String flags) {
    return flags == null || flags.isBlank() ? List.of() : List.of(flags.trim().split(" +"));
  }
}
