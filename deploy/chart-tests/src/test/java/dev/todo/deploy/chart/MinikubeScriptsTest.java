package dev.todo.deploy.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/minikube/up.sh and down.sh against stand-ins for minikube, kubectl and helm that record
 * every call: no cluster runs here, but the order of the steps, their arguments, the early failures
 * and the handling of the AI key are what a user depends on, and those are checked for real.
 */
class MinikubeScriptsTest {

  private static final Path REPO = RenderedChart.chartDir().resolve("../../..").normalize();

  /** Commands the scripts may use besides the three fakes; everything else is absent from PATH. */
  private static final List<String> BASIC_TOOLS = List.of("bash", "sh", "env", "sed", "tar", "mktemp", "tr",
      "head", "cat", "dirname", "rm", "mkdir", "touch", "grep", "basename");

  @TempDir Path tmp;
  Path checkout;
  Path bin;
  Path calls;

  @BeforeEach
  void fakeCheckoutAndTools() throws IOException {
    checkout = tmp.resolve("checkout");
    for (String script : List.of("up.sh", "down.sh")) {
      Path target = checkout.resolve("deploy/minikube/" + script);
      Files.createDirectories(target.getParent());
      Files.copy(REPO.resolve("deploy/minikube/" + script), target, StandardCopyOption.COPY_ATTRIBUTES);
    }
    for (String file : List.of("deploy/helm/todo-operator/Chart.yaml", "deploy/helm/todo-operator/values-dev.yaml",
        "examples/todoapp-dev.yaml", "operator/Dockerfile", "apps/backend/Dockerfile", "apps/frontend/Dockerfile",
        "mvnw", "pom.xml", ".mvn/wrapper/maven-wrapper.properties", "operator/pom.xml",
        "operator/src/main/java/Example.java")) {
      Path path = checkout.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, "# " + file + "\n");
    }

    bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    for (String tool : BASIC_TOOLS) {
      Path real = which(tool);
      Files.createSymbolicLink(bin.resolve(tool), real);
    }
    calls = tmp.resolve("calls.log");
    Files.createFile(calls);
    Files.createDirectories(tmp.resolve("state"));
    fake("minikube", """
        case "$*" in
          "status -p todo") [ -f "$STATE/started" ] || exit 7 ;;
          "start -p todo "*) touch "$STATE/started" ;;
          "-p todo ip") echo 192.168.49.2 ;;
          "-p todo image build "*) [ -f "${@: -1}/${8}" ] || { echo "no Dockerfile ${8} in ${@: -1}" >&2; exit 1; } ;;
        esac
        """);
    fake("kubectl", """
        case "$*" in
          *"apply -f -"*) cat >/dev/null ;;
          *"apply -f "*"-o name") echo namespace/ignored; echo todoapp.todo.dev/todo ;;
          *"create secret generic"*) cat >/dev/null; echo "kind: Secret" ;;
          *"{.spec.ingress.host}"*) echo todo.local ;;
          *"{.status.url}"*) echo http://todo.local ;;
          "get namespace todo") [ -f "$STATE/app-ns" ]; exit ;;
          "api-resources --api-group=todo.dev -o name") echo todoapps.todo.dev ;;
          "get crd todoapps.todo.dev") true ;;
        esac
        """);
    fake("helm", """
        case "$*" in
          "status todo-operator -n todo-system") [ -f "$STATE/released" ]; exit ;;
        esac
        """);
  }

  @Test
  void upStartsMinikubeBuildsTheImagesInstallsTheOperatorAndWaitsForTheApp() throws Exception {
    Result up = run("deploy/minikube/up.sh");
    assertEquals(0, up.exit, up.output);

    List<String> log = calls();
    assertInOrder(log,
        "minikube status -p todo",
        "minikube start -p todo --cpus=4 --memory=8192 --disk-size=30g",
        "minikube addons enable ingress -p todo",
        "minikube addons enable metrics-server -p todo",
        "kubectl config use-context todo",
        "minikube -p todo image build -t todo-operator:dev -f operator/Dockerfile ",
        "minikube -p todo image build -t todo-backend:dev -f apps/backend/Dockerfile ",
        "minikube -p todo image build -t todo-frontend:dev -f Dockerfile ",
        "helm upgrade --install todo-operator " + checkout.resolve("deploy/helm/todo-operator")
            + " --namespace todo-system --create-namespace -f "
            + checkout.resolve("deploy/helm/todo-operator/values-dev.yaml") + " --wait --timeout 5m",
        "kubectl wait --for=condition=Established crd/todoapps.todo.dev --timeout=60s",
        "kubectl create namespace todo --dry-run=client -o yaml",
        "kubectl -n todo apply -f " + checkout.resolve("examples/todoapp-dev.yaml") + " -o name",
        "kubectl -n todo wait --for=condition=Ready todoapp/todo --timeout=15m");
    assertTrue(up.output.contains("URL: http://todo.local"), up.output);
    assertTrue(up.output.contains("192.168.49.2 todo.local"), "prints the hosts-file line:\n" + up.output);
    assertTrue(log.stream().noneMatch(c -> c.startsWith("kubectl -n todo create secret")),
        "no AI secret without a key: " + log);
  }

  @Test
  void upBuildsTheJavaImagesFromContextsHoldingOnlyWhatTheirBuildsRead() throws Exception {
    Files.writeString(checkout.resolve("operator/src/main/secret-notes.txt"), "fine");
    Files.createDirectories(checkout.resolve("apps/frontend/node_modules"));
    Result up = run("deploy/minikube/up.sh");
    assertEquals(0, up.exit, up.output);
    // The operator and the backend build from the repository root (the root pom.xml is their parent).
    for (String tag : List.of("todo-operator:dev", "todo-backend:dev")) {
      String build = calls().stream().filter(c -> c.contains("-t " + tag)).findFirst().orElseThrow();
      Path context = Path.of(build.substring(build.lastIndexOf(' ') + 1));
      assertFalse(context.startsWith(checkout), "a temporary context, not the checkout: " + build);
      assertFalse(Files.exists(context), "the temporary context is removed afterwards: " + context);
    }
  }

  @Test
  void upPutsTheAiKeyInASecretWithoutEverShowingIt() throws Exception {
    String key = "sk-test-" + Long.toHexString(System.nanoTime());
    Path keyFile = tmp.resolve("ai.key");
    Files.writeString(keyFile, key + "\n");
    Result up = run(Map.of("AI_MODEL", "gpt-4o-mini"), "deploy/minikube/up.sh", "--ai-key-file", keyFile.toString());
    assertEquals(0, up.exit, up.output);

    List<String> log = calls();
    assertTrue(log.stream().noneMatch(c -> c.contains(key)), "the key is on a command line: " + log);
    assertFalse(up.output.contains(key), "the key is printed");
    assertInOrder(log,
        "kubectl -n todo create secret generic todo-ai --from-file=api-key=/dev/stdin --dry-run=client -o yaml",
        "kubectl -n todo apply -f " + checkout.resolve("examples/todoapp-dev.yaml") + " -o name",
        "kubectl -n todo patch todoapp todo --type=merge -p {\"spec\":{\"ai\":{\"provider\":\"openai-compatible\","
            + "\"apiKeySecretRef\":{\"name\":\"todo-ai\",\"key\":\"api-key\"},\"model\":\"gpt-4o-mini\"}}}",
        "kubectl -n todo wait --for=condition=Ready todoapp/todo --timeout=15m");
  }

  @Test
  void upStopsBeforeChangingAnythingWhenHelmIsMissing() throws Exception {
    Files.delete(bin.resolve("helm"));
    Result up = run("deploy/minikube/up.sh");
    assertNotEquals(0, up.exit);
    assertTrue(up.output.contains("up.sh: helm is not installed. Install Helm 3"), up.output);
    assertEquals(List.of(), calls(), "nothing ran before the check");
  }

  @Test
  void upStopsWhenTheExampleIsMissing() throws Exception {
    Files.delete(checkout.resolve("examples/todoapp-dev.yaml"));
    Result up = run("deploy/minikube/up.sh");
    assertNotEquals(0, up.exit);
    assertTrue(up.output.contains("missing " + checkout.resolve("examples/todoapp-dev.yaml")), up.output);
    assertEquals(List.of(), calls());
  }

  @Test
  void upRejectsAnUnknownArgument() throws Exception {
    Result up = run("deploy/minikube/up.sh", "--skip-buld");
    assertNotEquals(0, up.exit);
    assertTrue(up.output.contains("unknown argument: --skip-buld"), up.output);
  }

  @Test
  void downDeletesTheAppWhileTheOperatorRunsThenTheOperator() throws Exception {
    Files.createFile(tmp.resolve("state/started"));
    Files.createFile(tmp.resolve("state/app-ns"));
    Files.createFile(tmp.resolve("state/released"));
    Result down = run("deploy/minikube/down.sh", "--purge");
    assertEquals(0, down.exit, down.output);
    assertInOrder(calls(),
        "kubectl -n todo delete todoapps --all --wait --timeout=3m",
        "kubectl delete namespace todo --wait --timeout=3m",
        "kubectl delete todoapps --all --all-namespaces --wait --timeout=3m",
        "kubectl delete crd todoapps.todo.dev --wait --timeout=1m",
        "helm uninstall todo-operator -n todo-system --wait",
        "kubectl delete namespace todo-system --ignore-not-found --wait --timeout=3m");
    assertTrue(calls().stream().noneMatch(c -> c.startsWith("minikube delete")), "keeps the cluster");
  }

  @Test
  void downKeepsTheCrdUnlessPurging() throws Exception {
    Files.createFile(tmp.resolve("state/started"));
    Result down = run("deploy/minikube/down.sh");
    assertEquals(0, down.exit, down.output);
    assertTrue(calls().stream().noneMatch(c -> c.contains("delete crd")), calls().toString());
    assertTrue(down.output.contains("--purge removes it"), down.output);
  }

  @Test
  void scriptsAreShellCheckClean() throws Exception {
    Path shellcheck = which("shellcheck");
    Process p = new ProcessBuilder(shellcheck.toString(), "-x", "deploy/minikube/up.sh", "deploy/minikube/down.sh",
        "scripts/images.sh", "scripts/images/local-bases.sh", "scripts/kube/build.sh", "scripts/kube/cluster.sh",
        "scripts/kube/local-cluster.sh", "scripts/e2e/user-journey.sh", "scripts/e2e/backup-restore.sh",
        "scripts/e2e/lib.sh", "scripts/lib/steps.sh", "scripts/install-test-deps.sh", "dev.sh",
        "scripts/dev/app-only.sh", "scripts/e2e/monitoring.sh", "scripts/load/load-test.sh", "scripts/e2e/faults.sh",
        "scripts/e2e/production.sh", "test.sh", ".ci/run").directory(REPO.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "shellcheck:\n" + out);
  }

  // --- helpers ----------------------------------------------------------------------------------

  private record Result(int exit, String output) {
  }

  private Result run(String script, String... args) throws Exception {
    return run(Map.of(), script, args);
  }

  private Result run(Map<String, String> env, String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(bin.resolve("bash").toString(), checkout.resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().put("PATH", bin.toString());
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("CALLS", calls.toString());
    pb.environment().put("STATE", tmp.resolve("state").toString());
    pb.environment().putAll(env);
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "script timed out");
    return new Result(process.exitValue(), output);
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(calls);
  }

  /** Every expected call prefix appears, in this order (other calls may come between). */
  private static void assertInOrder(List<String> log, String... expectedPrefixes) {
    int at = 0;
    for (String expected : expectedPrefixes) {
      int found = -1;
      for (int i = at; i < log.size(); i++) {
        if (log.get(i).startsWith(expected)) {
          found = i;
          break;
        }
      }
      assertTrue(found >= 0, "expected a call starting with\n  " + expected + "\nafter call " + at + " in\n  "
          + String.join("\n  ", log));
      at = found + 1;
    }
  }

  private void fake(String name, String body) throws IOException {
    Path script = bin.resolve(name);
    Files.writeString(script, "#!" + bin.resolve("bash") + "\n" + "echo \"" + name + " $*\" >> \"$CALLS\"\n" + body
        + "exit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Path which(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(tool + " is not installed" + ("shellcheck".equals(tool)
        ? " (apt-get install shellcheck; scripts/install-test-deps.sh installs it)" : ""));
  }
}
