package dev.todo.deploy.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects real Helm renders from deploy/helm/todo-operator for one set of values, with small
 * queries the tests read like sentences ("the Deployment", "the Role named x in namespace y").
 */
final class RenderedChart {

  static final String RELEASE = "todo-operator";
  static final String NAMESPACE = "todo-system";
  /**
   * The Kubernetes version templates are rendered for: the oldest the chart supports (its kubeVersion;
   * helm-java's own default, 1.20, is too old for the chart).
   */
  static final String KUBE_VERSION = "1.35.0";

  private final List<Map<String, Object>> objects;

  private RenderedChart(List<Map<String, Object>> objects) {
    this.objects = objects;
  }

  static Path chartDir() {
    String dir = System.getProperty("chart.dir");
    Path path = dir != null ? Path.of(dir) : Path.of("../helm/todo-operator");
    return path.toAbsolutePath().normalize();
  }

  static Path valuesFile(String name) {
    return chartDir().resolve(name);
  }

  /** Renders the chart in the source tree with the given values files (none: the defaults). */
  static RenderedChart render(Path... valuesFiles) {
    return render(new Helm(chartDir()), valuesFiles);
  }

  static RenderedChart render(Helm chart, Path... valuesFiles) {
    return new RenderedChart(parse(templateCommand(chart, valuesFiles).call()));
  }

  /** Renders for an older or newer cluster than {@link #KUBE_VERSION}. */
  static RenderedChart renderForKubernetes(String kubeVersion, Path... valuesFiles) {
    return new RenderedChart(parse(
        templateCommand(new Helm(chartDir()), valuesFiles).withKubeVersion(kubeVersion).call()));
  }

  /** Renders a values document given inline, written to a temporary values file. */
  static RenderedChart renderWith(String valuesYaml) {
    return render(temporaryValues(valuesYaml));
  }

  static TemplateCommand templateCommand(Helm chart, Path... valuesFiles) {
    TemplateCommand template = chart.template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    for (Path values : valuesFiles) {
      template = template.withValuesFile(values);
    }
    return template;
  }

  static Path temporaryValues(String valuesYaml) {
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, valuesYaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(String manifest) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> parsed = new ArrayList<>();
    for (Object document : yaml.loadAll(manifest)) {
      if (document != null) {
        parsed.add((Map<String, Object>) document);
      }
    }
    return parsed;
  }

  List<Map<String, Object>> all() {
    return objects;
  }

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
  }

  /** The one object of that kind; fails listing what was rendered when there is none or several. */
  Map<String, Object> single(String kind) {
    List<Map<String, Object>> found = ofKind(kind);
    if (found.size() != 1) {
      fail("expected exactly one " + kind + " but found " + found.size() + " among " + summary());
    }
    return found.get(0);
  }

  Map<String, Object> named(String kind, String name, String namespace) {
    return ofKind(kind).stream()
        .filter(o -> name.equals(path(o, "metadata.name")))
        .filter(o -> Objects.equals(namespace, path(o, "metadata.namespace")))
        .findFirst()
        .orElseGet(() -> fail("no " + kind + " " + namespace + "/" + name + " among " + summary()));
  }

  boolean has(String kind, String name) {
    return ofKind(kind).stream().anyMatch(o -> name.equals(path(o, "metadata.name")));
  }

  String summary() {
    return objects.stream()
        .map(o -> o.get("kind") + " " + path(o, "metadata.namespace") + "/" + path(o, "metadata.name"))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  Map<String, Object> operatorContainer() {
    List<Map<String, Object>> containers = list(single("Deployment"), "spec.template.spec.containers");
    assertEquals(1, containers.size(), "the operator pod runs one container");
    return containers.get(0);
  }

  /** The operator container's env as name -> value, or "fieldRef:<path>" for downward API values. */
  Map<String, String> operatorEnv() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (Map<String, Object> var : list(operatorContainer(), "env")) {
      Object value = var.get("value");
      Object fieldPath = path(var, "valueFrom.fieldRef.fieldPath");
      env.put((String) var.get("name"), value != null ? value.toString() : "fieldRef:" + fieldPath);
    }
    return env;
  }

  /** Reads a dotted path ("spec.template.spec") through nested maps; null when absent. */
  @SuppressWarnings("unchecked")
  static <T> T path(Map<String, Object> object, String dottedPath) {
    Object current = object;
    for (String key : dottedPath.split("\\.")) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }

  static List<Map<String, Object>> list(Map<String, Object> object, String dottedPath) {
    List<Map<String, Object>> found = path(object, dottedPath);
    return found == null ? List.of() : found;
  }
}
