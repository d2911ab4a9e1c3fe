package dev.todo.deploy.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chart installs the same TodoApp CRD the operator's build generates into crds/. When the
 * model changes, copy the new file: cp crds/todoapps.todo.dev-v1.yml deploy/helm/todo-operator/crds/
 */
class CrdCopyTest {

  @Test
  void chartCrdIsByteIdenticalToTheGeneratedOne() throws IOException {
    String source = System.getProperty("crd.source", "../../crds/todoapps.todo.dev-v1.yml");
    Path generated = Path.of(source).toAbsolutePath().normalize();
    Path inChart = RenderedChart.chartDir().resolve("crds/todoapps.todo.dev-v1.yml");
    assertTrue(Files.isRegularFile(generated), "generated CRD missing: " + generated);
    assertTrue(Files.isRegularFile(inChart), "chart CRD missing: " + inChart);
    assertEquals(-1L, Files.mismatch(generated, inChart),
        "the chart's CRD differs from crds/: run  cp crds/todoapps.todo.dev-v1.yml deploy/helm/todo-operator/crds/");
  }
}
