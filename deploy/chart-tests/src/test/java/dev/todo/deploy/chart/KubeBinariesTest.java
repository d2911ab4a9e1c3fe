package dev.todo.deploy.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every binary a script runs from the folder of the local Kubernetes ({@code $BIN/helm},
 * {@code $B/kubelet}, ...) is one that {@code scripts/kube/build.sh} provides. A fresh machine once
 * failed an hour into {@code .ci/run} with "$BIN/helm: No such file or directory", because Helm was
 * built only when named and nothing named it; this test fails as soon as a script calls a binary the
 * set it takes its folder from does not hold.
 */
class KubeBinariesTest {

  private static final Path REPO = RenderedChart.chartDir().resolve("../../..").normalize();

  private static final Set<String> SKIPPED_FOLDERS = Set.of("node_modules", "target", ".git", ".next");

  /** {@code $BIN/name}, {@code ${B}/name}, {@code "$bin/name"}: a literal name after a bin folder variable. */
  private static final Pattern BIN_CALL = Pattern.compile("\\$\\{?(?:BIN|B|bin|KUBE_BIN)}?/([a-z][a-z0-9-]*)");

  @Test
  void everyBinaryTheScriptsRunIsOneBuildShProvides() throws Exception {
    Set<String> cluster = list("all");
    TreeMap<String, Set<String>> missing = new TreeMap<>();
    for (Path script : scripts()) {
      for (String name : binariesCalledBy(Files.readString(script))) {
        if (!cluster.contains(name)) {
          missing.computeIfAbsent(name, n -> new TreeSet<>()).add(REPO.relativize(script).toString());
        }
      }
    }
    assertTrue(missing.isEmpty(), "scripts call binaries that scripts/kube/build.sh does not provide (add each to a "
        + "set of build.sh with its source, or call it from elsewhere): " + missing);
  }

  @Test
  void theControlPlaneScriptRunsOnlyWhatTheDefaultSetProvides() throws Exception {
    // cluster.sh and the real-API-server tests take their folder from `build.sh` with no argument
    Set<String> controlPlane = list("control-plane");
    Set<String> called = binariesCalledBy(Files.readString(REPO.resolve("scripts/kube/cluster.sh")));
    assertFalse(called.isEmpty(), "cluster.sh runs its binaries as $B/<name>: the scan found none");
    called.removeAll(controlPlane);
    assertTrue(called.isEmpty(), "cluster.sh runs binaries outside build.sh's control-plane set: " + called);
  }

  @Test
  void theScanFindsEveryFormOfABinaryCall() {
    String script = """
        "$BIN/helm" install x
        k() { "$B/kubectl" --kubeconfig "$R/kubeconfig" "$@"; }
        ${BIN}/kustomize build . ; "$bin/crictl" ps
        ls "$B/../src" "$BIN/$b" "$B/.out.XXXX"
        """;
    assertEquals(Set.of("helm", "kubectl", "kustomize", "crictl"), binariesCalledBy(script));
  }

  @Test
  void theClusterSetHoldsTheNodeAndHelmBesideTheControlPlane() throws Exception {
    Set<String> cluster = list("cluster");
    assertTrue(cluster.containsAll(list("control-plane")), cluster.toString());
    assertTrue(cluster.containsAll(List.of("helm", "kubelet", "containerd", "runc", "traefik", "coredns")),
        cluster.toString());
  }

  @Test
  void theCoreSetIsTheClusterWithoutMetricsServer() throws Exception {
    // ./test.sh starts the local cluster from cluster-core on a fresh machine and adds metrics-server once it is built
    // (local-cluster.sh metrics-server); every other binary of the cluster must be there from the start
    Set<String> withoutMetrics = new TreeSet<>(list("cluster"));
    assertTrue(withoutMetrics.remove("metrics-server"), withoutMetrics.toString());
    assertEquals(withoutMetrics, new TreeSet<>(list("cluster-core")));
  }

  @Test
  void theMonitoringSetHoldsPromtoolPrometheusAndKubeStateMetricsAndTheAllSetHoldsEverySet() throws Exception {
    // scripts/monitoring/test-rules.sh runs $B/promtool and $B/promql-names, the monitoring journey $B/prometheus and
    // $B/kube-state-metrics; ./test.sh builds the monitoring set in the background after the cluster's, while the
    // first journeys run
    assertEquals(Set.of("promtool", "prometheus", "promql-names", "kube-state-metrics"), list("monitoring"));
    Set<String> all = list("all");
    assertTrue(all.containsAll(list("monitoring")) && all.containsAll(list("cluster")), all.toString());
    assertFalse(list("cluster").contains("prometheus"), "the local cluster does not wait for the monitoring tools");
  }

  @Test
  void anUnknownBinaryIsRefusedByNameWithTheListOfKnownOnes() throws Exception {
    Result r = buildSh("kustomize");
    assertEquals(2, r.exit, r.output);
    assertTrue(r.output.contains("no binary or set named 'kustomize'") && r.output.contains("helm"), r.output);
  }

  // --- helpers ----------------------------------------------------------------------------------

  static Set<String> binariesCalledBy(String script) {
    Set<String> names = new TreeSet<>();
    Matcher m = BIN_CALL.matcher(script);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The repository's shell scripts (every *.sh outside build outputs and dependencies, and .ci/run)
   * and the local cluster's configuration files, which name binaries as {@code ${B}/<name>}.
   */
  private static List<Path> scripts() throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(REPO, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return SKIPPED_FOLDERS.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.toString().endsWith(".sh") || file.endsWith(".ci/run") || file.getParent().endsWith("scripts/kube/config")) {
          found.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    assertTrue(found.stream().anyMatch(p -> p.endsWith("scripts/e2e/user-journey.sh")), "the scan found no scripts in " + REPO);
    assertTrue(found.stream().anyMatch(p -> p.endsWith("scripts/kube/config/containerd.toml")),
        "the scan found no configuration files in scripts/kube/config");
    return found;
  }

  private static Set<String> list(String set) throws Exception {
    Result r = buildSh("--list", set);
    assertEquals(0, r.exit, r.output);
    Set<String> names = new TreeSet<>(r.output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    assertFalse(names.isEmpty(), "build.sh --list " + set + " printed nothing");
    return names;
  }

  private record Result(int exit, String output) {
  }

  private static Result buildSh(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", REPO.resolve("scripts/kube/build.sh").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "build.sh " + String.join(" ", args) + " timed out");
    return new Result(p.exitValue(), out);
  }
}
