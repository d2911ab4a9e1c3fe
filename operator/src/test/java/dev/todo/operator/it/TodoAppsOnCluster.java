package dev.todo.operator.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * TodoApps as a user handles them: YAML manifests sent to the API server by {@code admin}, read back
 * untyped, so these tests see exactly what {@code kubectl} sees, whatever the operator's Java model.
 */
public final class TodoAppsOnCluster {
  public static final String API_VERSION = "todo.dev/v1alpha1";
  public static final String KIND = "TodoApp";

  private final KubernetesClient client;

  public TodoAppsOnCluster(KubernetesClient client) {
    this.client = client;
  }

  public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> api() {
    return client.genericKubernetesResources(API_VERSION, KIND);
  }

  /** A manifest from the repository (e.g. {@code examples/todoapp-dev.yaml}), renamed into {@code namespace}. */
  public GenericKubernetesResource fromRepo(String path, String name, String namespace) {
    Path file = KubeControlPlane.locateRepoRoot().resolve(path);
    try (InputStream in = Files.newInputStream(file)) {
      return rename(client.getKubernetesSerialization().unmarshal(in, GenericKubernetesResource.class), name,
          namespace);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** A manifest written in the test. */
  public GenericKubernetesResource fromYaml(String yaml, String name, String namespace) {
    return rename(client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class), name,
        namespace);
  }

  private static GenericKubernetesResource rename(GenericKubernetesResource app, String name, String namespace) {
    app.getMetadata().setName(name);
    app.getMetadata().setNamespace(namespace);
    return app;
  }

  public GenericKubernetesResource create(GenericKubernetesResource app) {
    return api().inNamespace(app.getMetadata().getNamespace()).resource(app).create();
  }

  public GenericKubernetesResource get(String namespace, String name) {
    return api().inNamespace(namespace).withName(name).get();
  }

  /** Waits until condition {@code type} of the TodoApp has {@code status}, for its current generation. */
  public GenericKubernetesResource awaitCondition(String namespace, String name, String type, String status,
      long seconds) {
    try {
      return api().inNamespace(namespace).withName(name).waitUntilCondition(
          app -> app != null && Objects.equals(status, conditionField(app, type, "status"))
              && Objects.equals(app.getMetadata().getGeneration(), observedGeneration(app)),
          seconds, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      throw new AssertionError("TodoApp " + namespace + "/" + name + " did not reach " + type + "=" + status
          + " in " + seconds + " s; status: " + status(get(namespace, name)), e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> status(GenericKubernetesResource app) {
    if (app == null) {
      return null;
    }
    Object status = app.getAdditionalProperties().get("status");
    return status instanceof Map ? (Map<String, Object>) status : null;
  }

  public static Long observedGeneration(GenericKubernetesResource app) {
    Map<String, Object> status = status(app);
    Object value = status == null ? null : status.get("observedGeneration");
    return value instanceof Number n ? n.longValue() : null;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> condition(GenericKubernetesResource app, String type) {
    Map<String, Object> status = status(app);
    if (status == null || !(status.get("conditions") instanceof List<?> conditions)) {
      return null;
    }
    return conditions.stream().map(c -> (Map<String, Object>) c).filter(c -> type.equals(c.get("type")))
        .findFirst().orElse(null);
  }

  public static String conditionField(GenericKubernetesResource app, String type, String field) {
    Map<String, Object> condition = condition(app, type);
    return condition == null || condition.get(field) == null ? null : String.valueOf(condition.get(field));
  }

  /** True when {@code child} is owned (controller reference) by {@code app}. */
  public static boolean ownedBy(HasMetadata child, GenericKubernetesResource app) {
    return child.getMetadata().getOwnerReferences() != null && child.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> app.getMetadata().getUid().equals(o.getUid()) && Boolean.TRUE.equals(o.getController())
            && KIND.equals(o.getKind()));
  }
}
