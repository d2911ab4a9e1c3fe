package dev.todo.deploy.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart as Helm itself judges it: strict lint, and a package that installs like the source. */
class ChartPackagingTest {

  @Test
  void passesStrictLintWithoutAWarning() {
    LintResult result = new Helm(RenderedChart.chartDir()).lint().strict().call();
    assertFalse(result.isFailed(), "helm lint --strict failed: " + result.getMessages());
    assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
        "helm lint --strict reported: " + result.getMessages());
  }

  @Test
  void packagesIntoAnArchiveThatRendersTheOperator(@TempDir Path destination) throws IOException {
    new Helm(RenderedChart.chartDir()).packageIt().withDestination(destination).call();
    Path archive = destination.resolve("todo-operator-0.1.0.tgz");
    assertTrue(Files.isRegularFile(archive), "helm package wrote " + archive);

    RenderedChart fromArchive = RenderedChart.render(new Helm(archive));
    assertEquals("todo-operator:0.1.0", fromArchive.operatorContainer().get("image"));
    // helm installs crds/ before the templates (and `helm template` leaves it out unless --include-crds).
    Set<String> entries = tarEntries(archive);
    assertTrue(entries.contains("todo-operator/crds/todoapps.todo.dev-v1.yml"), "the archive carries the CRD: " + entries);
    assertTrue(entries.contains("todo-operator/values.schema.json"), "the archive carries the schema: " + entries);
    // The packaged values schema still guards the packaged chart.
    RuntimeException typo = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> RenderedChart.templateCommand(new Helm(archive), RenderedChart.temporaryValues("replicas: 2\n")).call());
    assertTrue(typo.getMessage().contains("replicas"), typo.getMessage());
  }

  /** Names of the files in a .tgz (ustar: 512-byte headers, name at 0..100, octal size at 124..136). */
  private static Set<String> tarEntries(Path archive) throws IOException {
    Set<String> names = new TreeSet<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
        String prefix = new String(header, 345, 155, StandardCharsets.US_ASCII).replace("\0", "");
        long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
        names.add(prefix.isEmpty() ? name : prefix + "/" + name);
        in.skipNBytes((size + 511) / 512 * 512);
      }
    }
    return names;
  }
}
