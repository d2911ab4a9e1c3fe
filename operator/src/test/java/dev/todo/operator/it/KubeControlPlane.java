package dev.todo.operator.it;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager and kube-scheduler of
 * the release pinned in {@code scripts/kube/versions.env}) started once per test JVM with the
 * repository's scripts ({@code scripts/kube/build.sh} and {@code cluster.sh}), on free ports, in a
 * temporary run directory. The API server writes an audit log of every write, and (through an extra
 * policy) of the operator's list and watch requests, so tests can count what the operator did.
 *
 * <p>Where the binaries come from: {@code $KUBEBUILDER_ASSETS}, else the per-machine cache
 * ({@code $TODO_KUBE_CACHE}, default {@code /var/tmp/todo-kube}), else a build from the published Go
 * modules (once per machine; see {@code scripts/kube/build.sh}).
 */
public final class KubeControlPlane implements AutoCloseable {
  /** The user the operator authenticates as: operator-admin.kubeconfig. */
  public static final String OPERATOR_USER = "todo-operator-admin";
  public static final String CRD_NAME = "todoapps.todo.dev";

  private static KubeControlPlane shared;

  private final Path repoRoot;
  private final Path scripts;
  private final Path binDir;
  private final Path runDir;
  private final KubernetesClient admin;
  private final AuditLog auditLog;
  private final int apiPort;
  private volatile boolean stopped;

  private KubeControlPlane(Path repoRoot, Path scripts, Path binDir, Path runDir, int apiPort) {
    this.repoRoot = repoRoot;
    this.scripts = scripts;
    this.binDir = binDir;
    this.runDir = runDir;
    this.apiPort = apiPort;
    this.admin = clientFor(runDir.resolve("kubeconfig"));
    this.auditLog = new AuditLog(runDir.resolve("audit.log"));
  }

  /** The control plane of this test run, started on first use and stopped at the end of the run. */
  public static synchronized KubeControlPlane shared() {
    if (shared == null || shared.stopped) {
      shared = start();
    }
    return shared;
  }

  static KubeControlPlane start() {
    return start("");
  }

  /**
   * A control plane of its own, not the shared one; {@code extraApiServerArgs} are appended to
   * kube-apiserver's flags (e.g. {@code --runtime-config=policy/v1=false} for a cluster that does not
   * serve an API). The caller closes it.
   */
  static KubeControlPlane start(String extraApiServerArgs) {
    Path repo = locateRepoRoot();
    Path scripts = scriptsDir(repo);
    // TODO_KUBE_BUILD=cluster-core (./test.sh, beside its background build of the local cluster):
    // wait for all of it, not only the control plane, so that these tests' own control plane does not
    // take the CPU that build needs on a fresh machine; on a warm one both are there at once
    String target = Optional.ofNullable(System.getenv("TODO_KUBE_BUILD")).filter(t -> !t.isBlank())
        .orElse("control-plane");
    Path binDir = Paths.get(run(List.of("bash", scripts.resolve("build.sh").toString(), target), repo, Map.of(),
        Duration.ofMinutes(60), "scripts/kube/build.sh (builds the Kubernetes binaries once per machine)")
        .strip().lines().reduce((a, b) -> b).orElseThrow());
    Path runDir;
    try {
      runDir = Files.createTempDirectory("todo-kube-run-");
      Files.writeString(runDir.resolve("audit-policy-it.yaml"), AUDIT_POLICY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int apiPort = freePort();
    Map<String, String> env = Map.of(
        "KUBE_BIN", binDir.toString(),
        "API_PORT", String.valueOf(apiPort),
        // The last flag wins: our audit policy also records the operator's list and watch requests.
        "APISERVER_EXTRA_ARGS", "--audit-policy-file=" + runDir.resolve("audit-policy-it.yaml") + " "
            + extraApiServerArgs);
    try {
      run(List.of("bash", scripts.resolve("cluster.sh").toString(), "start", runDir.toString()), repo, env,
          Duration.ofMinutes(3), "scripts/kube/cluster.sh start");
    } catch (RuntimeException e) {
      run(List.of("bash", scripts.resolve("cluster.sh").toString(), "stop", runDir.toString()), repo,
          Map.of(), Duration.ofSeconds(60), "scripts/kube/cluster.sh stop");
      throw e;
    }
    KubeControlPlane plane = new KubeControlPlane(repo, scripts, binDir, runDir, apiPort);
    // Stopped when the JVM exits at the latest: the components run in sessions of their own.
    Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "kube-control-plane-stop"));
    try {
      plane.awaitReady();
      plane.installCrd();
      System.out.println("Kubernetes control plane " + plane.admin.getKubernetesVersion().getGitVersion() + " from "
          + binDir + " ready on port " + apiPort + (extraApiServerArgs.isBlank() ? "" : " (" + extraApiServerArgs + ")"));
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
    return plane;
  }

  /** Records every write, and the operator's own list/watch requests (which informers it started). */
  static final String AUDIT_POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: [RequestReceived]
      rules:
      - level: Metadata
        verbs: [create, update, patch, delete, deletecollection]
      - level: Metadata
        users: [%s]
        verbs: [list, watch]
      - level: None
      """.formatted(OPERATOR_USER);

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        String ready = admin.raw(admin.getMasterUrl() + "readyz");
        if ("ok".equals(ready == null ? null : ready.trim())) {
          // The controller manager must be running too: it creates ReplicaSets, Pods, and collects garbage.
          if (admin.namespaces().withName("default").get() != null) {
            return;
          }
        }
      } catch (RuntimeException e) {
        last = e;
      }
      sleep(500);
    }
    throw new IllegalStateException("kube-apiserver did not become ready in 120 s.\n" + logTails(), last);
  }

  /** The end of each component's log, for failure messages (the run directory is deleted on close). */
  String logTails() {
    StringBuilder s = new StringBuilder();
    for (String name : List.of("etcd.log", "apiserver.log", "kcm.log", "scheduler.log")) {
      try {
        List<String> lines = Files.readAllLines(runDir.resolve(name));
        s.append("--- ").append(name).append(" (last lines)\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))).append('\n');
      } catch (IOException | RuntimeException e) {
        s.append("--- ").append(name).append(": ").append(e).append('\n');
      }
    }
    return s.toString();
  }

  private void installCrd() {
    Path crd = repoRoot.resolve("crds").resolve(CRD_NAME + "-v1.yml");
    if (!Files.isRegularFile(crd)) {
      throw new IllegalStateException("The TodoApp CRD is missing: " + crd);
    }
    try (InputStream in = Files.newInputStream(crd)) {
      CustomResourceDefinition definition = admin.apiextensions().v1().customResourceDefinitions().load(in).item();
      admin.apiextensions().v1().customResourceDefinitions().resource(definition).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitEstablished(CRD_NAME);
  }

  /**
   * Waits up to a minute for a CustomResourceDefinition to be served. Not with {@code kubectl wait
   * --for=condition=Established}: a CRD created a moment ago has {@code status.conditions: null}, and
   * kubectl wait fails at once on that instead of waiting (".status.conditions accessor error").
   */
  public void awaitEstablished(String crdName) {
    admin.apiextensions().v1().customResourceDefinitions().withName(crdName).waitUntilCondition(
        c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream()
                .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
        60, TimeUnit.SECONDS);
  }

  /** A client with all rights (user admin, system:masters); its writes are not the operator's. */
  public KubernetesClient admin() {
    return admin;
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  public Path runDir() {
    return runDir;
  }

  public Path repoRoot() {
    return repoRoot;
  }

  /** The kubeconfig the operator runs with (user {@value #OPERATOR_USER}). */
  public Path operatorKubeconfig() {
    return runDir.resolve("operator-admin.kubeconfig");
  }

  public int apiPort() {
    return apiPort;
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    admin.close();
    try {
      run(List.of("bash", scripts.resolve("cluster.sh").toString(), "stop", runDir.toString()), repoRoot,
          Map.of(), Duration.ofSeconds(60), "scripts/kube/cluster.sh stop");
    } finally {
      if (System.getenv("TODO_KUBE_KEEP_RUNDIR") == null) {
        deleteTree(runDir);
      }
    }
  }

  static KubernetesClient clientFor(Path kubeconfig) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setRequestTimeout(30_000);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository root: {@code $TODO_REPO_ROOT}, else the nearest parent of the working directory with crds/. */
  static Path locateRepoRoot() {
    String configured = System.getenv("TODO_REPO_ROOT");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("crds")) && Files.isDirectory(p.resolve("operator"))) {
        return p;
      }
    }
    throw new IllegalStateException("Cannot find the repository root (a directory with crds/ and operator/) above "
        + Paths.get("").toAbsolutePath() + "; set TODO_REPO_ROOT");
  }

  static Path scriptsDir(Path repo) {
    Path dir = repo.resolve("scripts/kube");
    if (!Files.isRegularFile(dir.resolve("build.sh")) || !Files.isRegularFile(dir.resolve("cluster.sh"))) {
      throw new IllegalStateException("The real-API-server tests need build.sh and cluster.sh in " + dir);
    }
    return dir;
  }

  /** The folder with this control plane's binaries (kubectl among them). */
  public Path binDir() {
    return binDir;
  }

  /** Runs this release's kubectl as the admin user and returns what it printed (stdout and stderr). */
  public KubectlResult kubectl(String... args) {
    return kubectlWithInput("", args);
  }

  /** {@link #kubectl(String...)} with {@code stdin} as its standard input (for {@code apply -f -}). */
  public KubectlResult kubectlWithInput(String stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binDir.resolve("kubectl").toString());
    cmd.add("--kubeconfig=" + runDir.resolve("kubeconfig"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return new KubectlResult(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What a kubectl command printed, and its exit code. */
  public record KubectlResult(int exitCode, String output) {
    public KubectlResult assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl failed (" + exitCode + "): " + output);
      }
      return this;
    }
  }

  /** Runs a command to its end; returns its output (stdout and stderr). */
  static String run(List<String> command, Path dir, Map<String, String> env, Duration timeout, String what) {
    List<String> cmd = new ArrayList<>(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log;
    try {
      log = Files.createTempFile("todo-kube-", ".log");
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in " + timeout + "; output: "
            + Files.readString(log));
      }
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(what + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    }
  }
}
