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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane (etcd, kube-apiserver and kube-controller-manager v1.20.2) started
 * once per test JVM with the project's shared scripts ({@code ../shared/kube}), on free ports, in a
 * temporary run directory. The API server writes an audit log of every write, and (through an extra
 * policy) of the operator's list and watch requests, so tests can count what the operator did.
 *
 * <p>Where things are found: the scripts in {@code $TODO_KUBE_SCRIPTS} (default: {@code shared/kube}
 * beside the repository), the binaries built into {@code $TODO_KUBE_WORKDIR} (default
 * {@code /var/tmp/todo-kube}; {@code build-kube.sh} builds them once per machine, ~8 minutes, and
 * reuses them afterwards).
 */
public final class KubeControlPlane implements AutoCloseable {
  /** The user the operator authenticates as: operator-admin.kubeconfig. */
  public static final String OPERATOR_USER = "todo-operator-admin";
  public static final String CRD_NAME = "todoapps.todo.dev";

  private static KubeControlPlane shared;

  private final Path repoRoot;
  private final Path scripts;
  private final Path runDir;
  private final KubernetesClient admin;
  private final AuditLog auditLog;
  private final int apiPort;
  private volatile boolean stopped;

  private KubeControlPlane(Path repoRoot, Path scripts, Path runDir, int apiPort) {
    this.repoRoot = repoRoot;
    this.scripts = scripts;
    this.runDir = runDir;
    this.apiPort = apiPort;
    this.admin = clientFor(runDir.resolve("kubeconfig"));
    this.auditLog = new AuditLog(runDir.resolve("audit.log"));
  }

  /** The control plane of this test run, started on first use and stopped when the JVM exits. */
  public static synchronized KubeControlPlane shared() {
    if (shared == null || shared.stopped) {
      shared = start();
      KubeControlPlane started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kube-control-plane-stop"));
    }
    return shared;
  }

  static KubeControlPlane start() {
    Path repo = locateRepoRoot();
    Path scripts = scriptsDir(repo);
    Path workDir = Paths.get(env("TODO_KUBE_WORKDIR", "/var/tmp/todo-kube")).toAbsolutePath();
    run(List.of("bash", scripts.resolve("build-kube.sh").toString(), workDir.toString()), repo,
        Map.of(), Duration.ofMinutes(30), "build-kube.sh (builds kube-apiserver once per machine)");
    // build-kube.sh installs etcd only when it builds; a reused build on another machine may lack it.
    run(List.of("bash", "-c", "command -v etcd && command -v kubectl"), repo, Map.of(), Duration.ofSeconds(10),
        "looking for etcd and kubectl (apt-get install etcd-server kubectl; run-kube.sh needs both)");
    Path runDir;
    try {
      runDir = Files.createTempDirectory("todo-kube-run-");
      Files.writeString(runDir.resolve("audit-policy-it.yaml"), AUDIT_POLICY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int apiPort = freePort();
    Map<String, String> ports = Map.of(
        "API_PORT", String.valueOf(apiPort),
        "ETCD_PORT", String.valueOf(freePort()),
        "ETCD_PEER_PORT", String.valueOf(freePort()),
        "KCM_PORT", String.valueOf(freePort()),
        // The last flag wins. Our audit policy also records the operator's list and watch requests;
        // run-kube.sh's /24 service range holds only 254 Services (the benchmark needs 300+).
        "APISERVER_EXTRA_ARGS", "--audit-policy-file=" + runDir.resolve("audit-policy-it.yaml")
            + " --service-cluster-ip-range=10.0.0.0/16");
    try {
      run(List.of("bash", scripts.resolve("run-kube.sh").toString(), "start",
          workDir.resolve("bin").toString(), runDir.toString()), repo, ports, Duration.ofMinutes(3),
          "run-kube.sh start");
    } catch (RuntimeException e) {
      run(List.of("bash", scripts.resolve("run-kube.sh").toString(), "stop", runDir.toString()), repo,
          Map.of(), Duration.ofSeconds(30), "run-kube.sh stop");
      throw e;
    }
    KubeControlPlane plane = new KubeControlPlane(repo, scripts, runDir, apiPort);
    try {
      plane.awaitReady();
      plane.installCrd();
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
    for (String name : List.of("etcd.log", "apiserver.log", "kcm.log")) {
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
    admin.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).waitUntilCondition(
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
      run(List.of("bash", scripts.resolve("run-kube.sh").toString(), "stop", runDir.toString()), repoRoot,
          Map.of(), Duration.ofSeconds(30), "run-kube.sh stop");
      awaitExit("etcd.pid");
      awaitExit("apiserver.pid");
      awaitExit("kcm.pid");
    } finally {
      if (System.getenv("TODO_KUBE_KEEP_RUNDIR") == null) {
        deleteTree(runDir);
      }
    }
  }

  private void awaitExit(String pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(runDir.resolve(pidFile)).trim());
      ProcessHandle.of(pid).ifPresent(p -> {
        try {
          p.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          p.destroyForcibly();
        }
      });
    } catch (IOException | NumberFormatException e) {
      // never started
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
    String configured = System.getenv("TODO_KUBE_SCRIPTS");
    Path dir = configured != null && !configured.isBlank() ? Paths.get(configured).toAbsolutePath()
        : repo.resolve("../shared/kube").normalize();
    if (!Files.isRegularFile(dir.resolve("build-kube.sh")) || !Files.isRegularFile(dir.resolve("run-kube.sh"))) {
      throw new IllegalStateException("The real-API-server tests need build-kube.sh and run-kube.sh in " + dir
          + " (the shared/kube folder beside the repository); set TODO_KUBE_SCRIPTS to the folder that holds them");
    }
    return dir;
  }

  static void run(List<String> command, Path dir, Map<String, String> env, Duration timeout, String what) {
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
