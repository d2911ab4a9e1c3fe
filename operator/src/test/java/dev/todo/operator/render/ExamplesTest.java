package dev.todo.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.model.SpecValidation;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.DatabaseMode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The manifests in examples/ are what the docs promise, valid, and render to the expected children. */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

  static TodoApp read(String file) throws Exception {
    Path path = EXAMPLES.resolve(file);
    List<TodoApp> apps = TodoAppManifest.read(new StringReader(Files.readString(path)), path.toString());
    assertEquals(1, apps.size());
    return apps.get(0);
  }

  static Map<String, HasMetadata> children(TodoApp app) {
    return RenderedChildren.of(app).stream()
        .collect(Collectors.toMap(c -> c.getKind() + "/" + c.getMetadata().getName(), c -> c));
  }

  @Test
  void devExampleRunsTheMinikubeImagesWithAManagedDatabaseAndTheOfflineAssistant() throws Exception {
    TodoApp app = read("todoapp-dev.yaml");
    assertEquals(List.of(), SpecValidation.errors(app.getSpec()));
    assertEquals("todo-backend:dev", app.getSpec().backend().image());
    assertEquals("todo-frontend:dev", app.getSpec().frontend().image());
    assertEquals("IfNotPresent", app.getSpec().backend().imagePullPolicy().name());
    assertEquals(DatabaseMode.MANAGED, app.getSpec().database().mode());
    assertNull(app.getSpec().getAi());
    assertEquals("todo.local", app.getSpec().ingress().getHost());

    Map<String, HasMetadata> children = children(app);
    assertTrue(children.keySet().containsAll(List.of("Deployment/todo-backend", "Deployment/todo-frontend",
        "Service/todo-backend", "Service/todo-frontend", "ConfigMap/todo-config", "Secret/todo-jwt",
        "Secret/todo-postgres-credentials", "StatefulSet/todo-postgres", "Service/todo-postgres", "Ingress/todo",
        "NetworkPolicy/todo-backend", "NetworkPolicy/todo-frontend", "NetworkPolicy/todo-postgres",
        "PersistentVolumeClaim/todo-backups")), children.keySet().toString());
    assertFalse(children.containsKey("CronJob/todo-backup"), "no schedule: no scheduled backups");
    assertFalse(children.containsKey("HorizontalPodAutoscaler/todo-backend"));
    assertFalse(children.containsKey("PodDisruptionBudget/todo-backend"), "one pod: no budget");
  }

  @Test
  void prodExampleSpreadsOverZonesToleratesADedicatedPoolAndLabelsItsPods() throws Exception {
    TodoApp app = read("todoapp-prod.yaml");
    Map<String, HasMetadata> children = children(app);
    for (String component : List.of("backend", "frontend")) {
      var pod = ((Deployment) children.get("Deployment/todo-" + component)).getSpec().getTemplate();
      var spread = pod.getSpec().getTopologySpreadConstraints();
      assertEquals(1, spread.size(), component);
      assertEquals("topology.kubernetes.io/zone", spread.get(0).getTopologyKey(), component);
      assertEquals("ScheduleAnyway", spread.get(0).getWhenUnsatisfiable(),
          component + ": the example must also run on a single-zone (local) cluster");
      assertEquals(component, spread.get(0).getLabelSelector().getMatchLabels().get("app.kubernetes.io/component"));
      assertEquals("dedicated", pod.getSpec().getTolerations().get(0).getKey(), component);
      assertEquals("todo", pod.getMetadata().getLabels().get("cost-center"), component);
      assertEquals(Map.of(), pod.getSpec().getNodeSelector(), component + ": a nodeSelector would leave a local"
          + " cluster's pods Pending; the example only shows it commented out");
      assertNull(pod.getSpec().getPriorityClassName(), component + ": the PriorityClass would have to exist");
      assertEquals("kubernetes.io/hostname", pod.getSpec().getAffinity().getPodAntiAffinity()
          .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm().getTopologyKey(),
          component + ": still spread over nodes");
    }
  }

  @Test
  void prodExampleUsesSecretsAutoscalingAndTls() throws Exception {
    TodoApp app = read("todoapp-prod.yaml");
    assertEquals(List.of(), SpecValidation.errors(app.getSpec()));
    assertEquals(DatabaseMode.EXTERNAL, app.getSpec().database().mode());
    assertTrue(app.getSpec().backend().replicas() >= 3);
    assertTrue(app.getSpec().backend().autoscaling().enabled());
    assertTrue(app.getSpec().backend().autoscaling().minReplicas() >= 3);
    assertEquals("todo-openai", app.getSpec().getAi().getApiKeySecretRef().getName());
    assertEquals("todo-tls", app.getSpec().ingress().getTls().getSecretName());

    Map<String, HasMetadata> children = children(app);
    assertTrue(children.keySet().containsAll(List.of("HorizontalPodAutoscaler/todo-backend",
        "HorizontalPodAutoscaler/todo-frontend", "PodDisruptionBudget/todo-backend",
        "PodDisruptionBudget/todo-frontend", "Ingress/todo")), children.keySet().toString());
    assertFalse(children.containsKey("Secret/todo-jwt"), "the user brings the JWT key");
    assertFalse(children.containsKey("StatefulSet/todo-postgres"));
    assertNull(((Deployment) children.get("Deployment/todo-backend")).getSpec().getReplicas(), "the HPA decides");
  }

  @Test
  void restoredExampleLoadsTheLatestDumpOfTheDevExamplesBackupVolume() throws Exception {
    TodoApp app = read("todoapp-restored.yaml");
    assertEquals(List.of(), SpecValidation.errors(app.getSpec()));
    assertEquals("todo-backups", app.getSpec().getDatabase().getRestoreFrom().getPvc());
    assertEquals("todo-backups", dev.todo.operator.resources.dependent.ChildNames.backups(read("todoapp-dev.yaml")),
        "the volume the dev example's TodoApp leaves behind");
    assertEquals("latest", app.getSpec().getDatabase().getRestoreFrom().dump());
    Map<String, HasMetadata> children = children(app);
    assertTrue(children.containsKey("CronJob/todo-restored-backup"), children.keySet().toString());
    assertTrue(children.containsKey("PersistentVolumeClaim/todo-restored-backups"), children.keySet().toString());
  }

  @Test
  void examplesRenderAsYaml() throws IOException {
    List<String> files;
    try (var listed = java.nio.file.Files.list(EXAMPLES)) {
      files = listed.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.containsAll(List.of("todoapp-dev.yaml", "todoapp-prod.yaml", "todoapp-embedded.yaml",
        "todoapp-restored.yaml")), "examples found: " + files);
    for (String file : files) {
      var out = new java.io.ByteArrayOutputStream();
      var err = new java.io.ByteArrayOutputStream();
      int code = RenderCommand.run(new String[] {"-f", EXAMPLES.resolve(file).toString()},
          new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
      assertEquals(0, code, err.toString());
      String yaml = out.toString();
      assertTrue(yaml.contains("kind: \"Deployment\""), yaml);
      assertTrue(yaml.contains("-frontend\""), yaml);
      assertFalse(yaml.contains("sk-"), "no secret value");
    }
  }
}
