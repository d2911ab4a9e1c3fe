package dev.todo.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  @TempDir
  Path dir;

  record Result(int code, String out, String err) {
  }

  Result render(String manifest) throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, manifest);
    return run("-f", file.toString());
  }

  static Result run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = RenderCommand.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void printsEveryChildAsParseableYaml_withGeneratedSecretsAsMarkedPlaceholders() throws Exception {
    Result r = render("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: demo, namespace: apps}
        spec: {}
        """);
    assertEquals(0, r.code(), r.err());
    List<HasMetadata> objects = Serialization.unmarshal(
        new java.io.ByteArrayInputStream(r.out().getBytes()));
    List<String> kinds = objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    assertEquals(List.of("ConfigMap/demo-config", "Secret/demo-jwt", "PersistentVolumeClaim/demo-backend-data",
        "Deployment/demo-backend", "Service/demo-backend", "NetworkPolicy/demo-backend", "Deployment/demo-frontend",
        "Service/demo-frontend", "NetworkPolicy/demo-frontend"), kinds);
    assertTrue(objects.stream().allMatch(o -> "apps".equals(o.getMetadata().getNamespace())));
    Secret jwt = (Secret) objects.get(1);
    assertEquals(RenderedChildren.GENERATED, jwt.getStringData().get("jwt-secret"));
    assertTrue(jwt.getMetadata().getAnnotations().get(RenderedChildren.NOTE_ANNOTATION).contains("placeholders"));
  }

  @Test
  void invalidManifestsGetAClearErrorAndExitCode1() throws Exception {
    Result unknownField = render("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: demo}
        spec: {backend: {replicaz: 2}}
        """);
    assertEquals(1, unknownField.code());
    assertTrue(unknownField.err().contains("replicaz"), unknownField.err());

    Result rule = render("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: demo}
        spec: {backend: {replicas: 3}}
        """);
    assertEquals(1, rule.code());
    assertTrue(rule.err().contains("TodoApp demo: spec.database.embedded runs inside a single backend pod"), rule.err());

    Result noTodoApp = render("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    assertEquals(1, noTodoApp.code());
    assertTrue(noTodoApp.err().contains("no TodoApp"), noTodoApp.err());

    Result badYaml = render("spec: [unclosed");
    assertEquals(1, badYaml.code());
    assertTrue(badYaml.err().contains("not valid YAML"), badYaml.err());

    Result missing = run("-f", dir.resolve("nope.yaml").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("no such file"));

    assertEquals(2, run().code(), "usage");
  }
}
