package dev.todo.operator.it;

import dev.todo.operator.ImageJvmFlags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as it ships: the packaged {@code operator/target/quarkus-app/quarkus-run.jar}, in its
 * production profile (server-side apply on, no test-only switch), started with the JVM flags of the
 * operator image and the chart's memory limit, authenticated as {@value KubeControlPlane#OPERATOR_USER}.
 * Each start is a fresh JVM, so a restart really forgets every cache.
 */
public final class OperatorProcess implements AutoCloseable {
  private static final AtomicInteger STARTS = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int httpPort;
  private final Path log;

  private final long startedAt;
  private long readyAt;

  private OperatorProcess(Process process, int httpPort, Path log, long startedAt) {
    this.process = process;
    this.startedAt = startedAt;
    this.httpPort = httpPort;
    this.log = log;
  }

  /** Starts the operator against {@code plane}, watching every namespace, and waits until it reports ready. */
  public static OperatorProcess start(KubeControlPlane plane) {
    return start(plane, Map.of());
  }

  /** As {@link #start(KubeControlPlane)}, with {@code env} added (e.g. WATCH_NAMESPACES). */
  public static OperatorProcess start(KubeControlPlane plane, Map<String, String> env) {
    Path jar = plane.repoRoot().resolve("operator/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("The packaged operator is missing: " + jar
          + " (the IT tier runs after `package`: ./mvnw -pl operator verify)");
    }
    Map<String, String> all = new java.util.HashMap<>(ImageJvmFlags.allocatorEnvironment(plane.repoRoot()));
    all.putAll(env);
    all.put("KUBECONFIG", plane.operatorKubeconfig().toString());
    return start(jar, plane.runDir(), ImageJvmFlags.underChartLimit(plane.repoRoot()), all);
  }

  /**
   * Starts a packaged operator jar with {@code jvmFlags} and {@code env} (on top of this JVM's
   * environment without its Quarkus and Kubernetes settings), logging to a new file in {@code runDir},
   * and waits until it reports ready.
   */
  public static OperatorProcess start(Path jar, Path runDir, List<String> jvmFlags, Map<String, String> env) {
    int port = KubeControlPlane.freePort();
    Path log = runDir.resolve("operator-" + STARTS.incrementAndGet() + ".log");
    String java = javaBinary();
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(runDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    var environment = pb.environment();
    environment.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.equals("WATCH_NAMESPACES")
        || k.equals("KUBERNETES_MASTER") || k.startsWith("KUBERNETES_SERVICE"));
    environment.putAll(env);
    environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    OperatorProcess operator;
    try {
      long startedAt = System.nanoTime();
      operator = new OperatorProcess(pb.start(), port, log, startedAt);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the operator: " + cmd, e);
    }
    // Never leave an operator running after the test JVM, whatever ends it.
    Process started = operator.process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "operator-stop"));
    operator.awaitReady();
    return operator;
  }

  /**
   * The {@code java} that runs the operator: {@code $OPERATOR_JAVA} when set (e.g.
   * {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}, to measure the operator on another JDK than the
   * one running the tests), else the JVM running this harness.
   */
  public static String javaBinary() {
    String given = System.getenv("OPERATOR_JAVA");
    if (given != null && !given.isBlank()) {
      return given;
    }
    return ProcessHandle.current().info().command().orElse("java");
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The operator exited with code " + process.exitValue() + ":\n" + logText());
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          readyAt = System.nanoTime();
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      KubeControlPlane.sleep(50);
    }
    close();
    throw new IllegalStateException("The operator did not report ready in 90 s:\n" + logText());
  }

  /** The port of its HTTP server (health, /q/metrics). */
  public int httpPort() {
    return httpPort;
  }

  private String url(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  /** Seconds from the start of the JVM's process to the first 200 of /q/health/ready (polled every 50 ms). */
  public double secondsToReady() {
    return (readyAt - startedAt) / 1e9;
  }

  /** The operator's Prometheus metrics. */
  public String metrics() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/metrics"))).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sum of every sample of the metric {@code name} (all tag combinations); 0 when absent. */
  public double metricSum(String name) {
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(metrics());
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  /** Resident set size of the operator's JVM, in KiB, from /proc. */
  public long rssKib() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("No VmRSS for pid " + process.pid());
  }

  /** Where the resident set is, from /proc: "anon 180 MiB, file 60 MiB, shmem 0 MiB". */
  public String rssBreakdown() {
    try {
      StringBuilder out = new StringBuilder();
      for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (l.startsWith("RssAnon:") || l.startsWith("RssFile:") || l.startsWith("RssShmem:")) {
          out.append(out.isEmpty() ? "" : ", ").append(l.substring(3, l.indexOf(':')).toLowerCase())
              .append(' ').append(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).append(" MiB");
        }
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Heap in use after a full GC (live data), in KiB, through the JDK's jcmd. */
  public long liveHeapKib() {
    jcmd("GC.run");
    // G1 prints one "garbage-first heap total ..K, used ..K" line, the serial collector one line
    // per generation ("def new generation", "tenured generation"; "DefNew", "Tenured" from JDK 25 on): sum them.
    String info = jcmd("GC.heap_info");
    Matcher m = Pattern.compile("(?:heap|generation|DefNew|Tenured) +total \\d+K, used (\\d+)K").matcher(info);
    long used = 0;
    boolean found = false;
    while (m.find()) {
      used += Long.parseLong(m.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("jcmd GC.heap_info printed no heap use: " + info);
    }
    return used;
  }

  /** Runs a diagnostic command in the operator's JVM (jcmd of this JDK) and returns what it printed. */
  public String jcmd(String... command) {
    List<String> line = new ArrayList<>(List.of(Path.of(javaBinary()).resolveSibling("jcmd").toString(),
        String.valueOf(process.pid())));
    line.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Where the operator's output goes. */
  public Path log() {
    return log;
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the operator as Kubernetes would (SIGTERM, then SIGKILL after 30 s). */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
