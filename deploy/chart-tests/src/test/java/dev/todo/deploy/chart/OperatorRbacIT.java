package dev.todo.deploy.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's RBAC is enough for the real operator, and nothing is missing from it: a real
 * control plane (the release of scripts/kube/versions.env, started by scripts/kube/cluster.sh) gets the
 * chart's rendered objects and CRD, the
 * operator's jar runs as a user that holds exactly the chart's ClusterRole and leader-election Role
 * (bound to that user as they are bound to the chart's ServiceAccount), and reconciles a TodoApp
 * that uses a managed database, an Ingress, NetworkPolicies and a referenced AI key Secret.
 * Any request the rules do not allow shows as "forbidden" in the operator's log and fails the test.
 * No kubelet runs, so pods stay Pending: the TodoApp gets its children and a status, not Ready.
 */
class OperatorRbacIT {

  private static final Path REPO = RenderedChart.chartDir().resolve("../../..").normalize();
  private static final Path KUBE_SCRIPTS = REPO.resolve("scripts/kube");
  private static final Path OPERATOR_JAR = REPO.resolve("operator/target/quarkus-app/quarkus-run.jar");
  private static final int OPERATOR_HTTP_PORT = 18091;
  private static final String APP_NS = "todo-rbac";

  @TempDir static Path work;
  static Path runDir;
  static KubernetesClient admin;
  static Process operator;
  static Path operatorLog;

  @BeforeAll
  static void controlPlaneChartAndOperator() throws Exception {
    assertTrue(Files.isRegularFile(OPERATOR_JAR), "build the operator first: ./mvnw -pl operator package");
    // build.sh reuses the binaries the operator module's ITs built (or builds them) and prints their folder.
    Process build = new ProcessBuilder("bash", KUBE_SCRIPTS.resolve("build.sh").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String binOutput = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(build.waitFor(60, TimeUnit.MINUTES) && build.exitValue() == 0, "scripts/kube/build.sh failed");
    Path kubeBin = Path.of(binOutput.substring(binOutput.lastIndexOf('\n') + 1));

    runDir = work.resolve("kube");
    ProcessBuilder start = new ProcessBuilder("bash", KUBE_SCRIPTS.resolve("cluster.sh").toString(), "start",
        runDir.toString()).redirectErrorStream(true).redirectOutput(work.resolve("cluster.log").toFile());
    start.environment().put("KUBE_BIN", kubeBin.toString());
    Process kube = start.start();
    assertTrue(kube.waitFor(180, TimeUnit.SECONDS), "cluster.sh start timed out");
    assertEquals(0, kube.exitValue(), "cluster.sh start failed: " + Files.readString(work.resolve("cluster.log")));

    admin = client(runDir.resolve("kubeconfig"));
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(RenderedChart.NAMESPACE)
        .endMetadata().build()).create();

    // The chart as `helm install` would apply it on this release: CRD first, then the templates.
    admin.load(Files.newInputStream(RenderedChart.chartDir().resolve("crds/todoapps.todo.dev-v1.yml"))).create();
    String manifest = RenderedChart.templateCommand(new com.marcnuri.helm.Helm(RenderedChart.chartDir()),
        RenderedChart.temporaryValues("leaderElection:\n  enabled: true\n")).withKubeVersion(kubeVersion()).call();
    List<HasMetadata> objects = admin.load(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8))).items();
    for (HasMetadata object : objects) {
      admin.resource(object).create();
    }
    // cluster.sh's operator.kubeconfig authenticates as User todo-operator: give that user the very
    // roles the chart binds to its ServiceAccount, and nothing else.
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName("todo-operator-as-test-user").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", RenderedChart.RELEASE)
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("todo-operator").endSubject()
        .build()).create();
    admin.rbac().roleBindings().inNamespace(RenderedChart.NAMESPACE).resource(new RoleBindingBuilder().withNewMetadata()
        .withName("leader-election-as-test-user").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", RenderedChart.RELEASE + "-leader-election")
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("todo-operator").endSubject()
        .build()).create();

    operatorLog = work.resolve("operator.log");
    ProcessBuilder run = new ProcessBuilder(javaBinary(), "-jar", OPERATOR_JAR.toString())
        .redirectErrorStream(true).redirectOutput(operatorLog.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // The environment the chart's Deployment gives the operator (see DefaultInstallTest).
    Map<String, String> env = run.environment();
    env.put("KUBECONFIG", runDir.resolve("operator.kubeconfig").toString());
    env.put("WATCH_NAMESPACES", "");
    env.put("LEADER_ELECTION_ENABLED", "true");
    env.put("POD_NAMESPACE", RenderedChart.NAMESPACE);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(OPERATOR_HTTP_PORT));
    env.put("QUARKUS_LOG_CATEGORY__DEV_TODO__LEVEL", "DEBUG");
    operator = run.start();
    await("the operator to report ready on /q/health/ready", Duration.ofSeconds(90), OperatorRbacIT::operatorReady);
  }

  /** The Kubernetes release the local cluster runs: $KUBE_VERSION, else the pin in scripts/kube/versions.env. */
  static String kubeVersion() throws IOException {
    String chosen = System.getenv("KUBE_VERSION");
    if (chosen != null && !chosen.isBlank()) {
      return chosen;
    }
    return Files.readAllLines(KUBE_SCRIPTS.resolve("versions.env")).stream()
        .filter(l -> l.startsWith("KUBE_VERSION=")).map(l -> l.replaceAll(".*:-([0-9.]+)}.*", "$1").strip())
        .findFirst().orElseThrow(() -> new IllegalStateException("no KUBE_VERSION in scripts/kube/versions.env"));
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (operator != null) {
      operator.destroy();
      if (!operator.waitFor(20, TimeUnit.SECONDS)) {
        operator.destroyForcibly();
      }
    }
    if (admin != null) {
      admin.close();
    }
    if (runDir != null) {
      new ProcessBuilder("bash", KUBE_SCRIPTS.resolve("cluster.sh").toString(), "stop", runDir.toString())
          .inheritIO().start().waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void operatorReconcilesATodoAppWithOnlyTheChartsPermissions() throws Exception {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(APP_NS).endMetadata().build())
        .create();
    admin.secrets().inNamespace(APP_NS).resource(new SecretBuilder().withNewMetadata().withName("todo-ai").endMetadata()
        .addToStringData("api-key", "sk-test-not-a-real-key").build()).create();
    String todoApp = """
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata:
          name: rbac
          namespace: %s
        spec:
          database:
            managed:
              storage: 1Gi
          ai:
            provider: openai-compatible
            model: gpt-4o-mini
            apiKeySecretRef: {name: todo-ai, key: api-key}
          ingress:
            enabled: true
            host: todo.local
          networkPolicy:
            enabled: true
        """.formatted(APP_NS);
    admin.load(new ByteArrayInputStream(todoApp.getBytes(StandardCharsets.UTF_8))).create();

    await("the operator to create the TodoApp's children", Duration.ofSeconds(90), () ->
        admin.apps().deployments().inNamespace(APP_NS).withName("rbac-backend").get() != null
            && admin.apps().deployments().inNamespace(APP_NS).withName("rbac-frontend").get() != null
            && admin.apps().statefulSets().inNamespace(APP_NS).withName("rbac-postgres").get() != null
            && admin.services().inNamespace(APP_NS).withName("rbac-backend").get() != null
            && admin.configMaps().inNamespace(APP_NS).withName("rbac-config").get() != null
            && admin.secrets().inNamespace(APP_NS).withName("rbac-jwt").get() != null
            && admin.network().v1().ingresses().inNamespace(APP_NS).withName("rbac").get() != null
            && !admin.network().v1().networkPolicies().inNamespace(APP_NS).list().getItems().isEmpty());

    await("a status for the current generation", Duration.ofSeconds(60), () -> {
      GenericKubernetesResource app = todoApps().inNamespace(APP_NS).withName("rbac").get();
      Map<String, Object> status = app.get("status");
      return status != null && status.get("phase") != null
          && app.getMetadata().getGeneration().equals(((Number) status.get("observedGeneration")).longValue());
    });

    // A child deleted by hand comes back: the informers may list and watch, the operator may create.
    admin.configMaps().inNamespace(APP_NS).withName("rbac-config").delete();
    await("the deleted ConfigMap to be put back", Duration.ofSeconds(60),
        () -> admin.configMaps().inNamespace(APP_NS).withName("rbac-config").get() != null);

    Lease lease = admin.leases().inNamespace(RenderedChart.NAMESPACE).withName("todo-operator-lease").get();
    assertNotNull(lease, "the operator took the lease in its own namespace");
    assertFalse(lease.getSpec().getHolderIdentity().isBlank());
    await("an Event on the TodoApp", Duration.ofSeconds(30), () -> admin.v1().events().inNamespace(APP_NS).list()
        .getItems().stream().anyMatch(e -> "rbac".equals(e.getInvolvedObject().getName())));

    String log = Files.readString(operatorLog);
    for (String line : log.split("\n")) {
      if (line.toLowerCase(Locale.ROOT).contains("forbidden")) {
        fail("the operator was refused a request, so the chart's RBAC lacks a rule:\n" + line);
      }
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> todoApps() {
    return admin.genericKubernetesResources("todo.dev/v1alpha1", "TodoApp");
  }

  private static KubernetesClient client(Path kubeconfig) throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static boolean operatorReady() {
    if (!operator.isAlive()) {
      try {
        fail("the operator exited:\n" + Files.readString(operatorLog));
      } catch (IOException e) {
        fail("the operator exited");
      }
    }
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + OPERATOR_HTTP_PORT + "/q/health/ready")).timeout(Duration.ofSeconds(3))
          .build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(500);
    }
    fail("timed out waiting for " + what + "; operator log:\n" + tail(operatorLog));
  }

  private static String tail(Path file) throws IOException {
    if (file == null || !Files.exists(file)) {
      return "(none)";
    }
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
